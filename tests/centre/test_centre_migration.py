"""A database made before the NGO centre had an app of its own keeps the centre after migrate.

The models moved from ``pages`` to ``ngo_centre`` (pages 0030, ngo_centre 0001) without touching
their tables: the centre's page, its rooms, hours, bookings, advisors and appointments, the
permission that runs the bookings screen and the portal search's entry must all be there, under
the new app, after migrating forward; the page lists the room and a booking's link still works.
(tests/core/test_family_migrations.py and tests/leaders/test_leaders_migration.py do the same
for others.)
"""

import datetime

from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from wagtail.models import Page

from pages import roles
from pages.centre.models import (
    Advisor,
    Appointment,
    Booking,
    CentrePage,
    OpeningHours,
    Resource,
    booking_link_token,
)
from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before the centre moved (renumbered when branches are merged).
BEFORE = ("pages", "0031_consultations_moved_to_ngo_consultations")


def test_the_centre_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    page = old_page(
        old,
        home,
        "CentrePage",
        "Centrum NGO",
        "centrum",
        intro="<p>Sale i doradztwo dla organizacji.</p>",
    )
    room = old.get_model("pages", "Resource").objects.create(name="Sala Kolumnowa", capacity=40)
    old.get_model("pages", "OpeningHours").objects.create(
        weekday=0, opens=datetime.time(9), closes=datetime.time(20)
    )
    starts_at = timezone.now() + datetime.timedelta(days=10)
    booking = old.get_model("pages", "Booking").objects.create(
        resource_id=room.pk,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        full_name="Ola Stara",
        email="ola@example.org",
        purpose="Zebranie zarządu.",
        state="approved",
        token="stary-token",
    )
    advisor = old.get_model("pages", "Advisor").objects.create(
        name="Doradczyni Prawna", topic="law", rule="FREQ=WEEKLY;BYDAY=TU"
    )
    appointment = old.get_model("pages", "Appointment").objects.create(
        advisor_id=advisor.pk,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        full_name="Jan Dawny",
        email="jan@example.org",
        topic_text="Statut.",
    )
    # The bookings screen handed to someone outside the city editors, by its permission alone.
    change = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename="change_booking"
    )
    group = old.get_model("auth", "Group").objects.create(name="Centrum: rezerwacje")
    group.permissions.add(change)
    entry = SearchEntry.objects.create(
        page_id=page.pk, language="pl", content_type="pages.centrepage", title=page.title
    )
    entry.facets.create(facet="type", value="pages.centrepage")

    migrate_to_the_end()

    specific = Page.objects.get(pk=page.pk).specific
    assert isinstance(specific, CentrePage)
    assert specific.content_type.app_label == "ngo_centre"
    assert Resource.objects.get(pk=room.pk).name == "Sala Kolumnowa"
    assert OpeningHours.objects.get(weekday=0).closes == datetime.time(20)
    moved = Booking.objects.get(pk=booking.pk)
    assert (moved.resource_id, moved.state, moved.token) == (room.pk, "approved", "stary-token")
    assert Appointment.objects.get(pk=appointment.pk).advisor == Advisor.objects.get(pk=advisor.pk)

    response = client.get(specific.url)
    assert response.status_code == 200
    assert [a.text for a in html(response).select(".card__title a")] == ["Sala Kolumnowa"]
    # The requester's link, signed before or after the move, still opens their booking.
    link = client.get(f"{specific.url}rezerwacja/?klucz={booking_link_token(moved)}")
    assert link.status_code == 200
    assert "Sala Kolumnowa" in link.content.decode()

    # Handed out by model, the permission still runs the bookings screen under the new label.
    assert list(
        Group.objects.get(name="Centrum: rezerwacje").permissions.values_list(
            "content_type__app_label", "codename"
        )
    ) == [("ngo_centre", "change_booking")]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_booking"
    ).exists()
    user = User.objects.create_user("rezerwacje", "r@example.org", "x-pass-123456")
    user.groups.add(Group.objects.get(name="Centrum: rezerwacje"))
    assert roles.can_run(User.objects.get(pk=user.pk), "bookings")

    # The search names the page's type by the new label.
    entry = SearchEntry.objects.get(page_id=page.pk)
    assert entry.content_type == "ngo_centre.centrepage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_centre.centrepage"
    ]
