"""Booking the NGO centre's rooms and equipment: requests, decisions, and no double booking."""

import datetime
import re
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, connection, connections, transaction
from django.test import TestCase
from django.utils import timezone
from icalendar import Calendar

from pages import roles
from pages.centre.models import (
    Booking,
    BookingConflict,
    CentrePage,
    OpeningHours,
    Resource,
    approve,
    feed_token,
)
from tests.centre.factories import BookingFactory, CentrePageFactory, ResourceFactory
from tests.helpers import html

User = get_user_model()
ZONE = timezone.get_current_timezone()


def next_weekday(weekday=1, weeks=1):
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


def at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


@pytest.fixture
def centre(homes):
    for weekday in range(5):
        OpeningHours.objects.create(
            weekday=weekday, opens=datetime.time(9), closes=datetime.time(21)
        )
    page = CentrePageFactory(parent=homes["pl"])
    page.save_revision().publish()
    room = ResourceFactory(name="Sala konferencyjna", kind="room", capacity=40)
    return {"page": page, "room": room}


def booking(room, day, start, end, state=Booking.State.REQUESTED, **fields):
    fields.setdefault("email", "osoba@example.org")
    return BookingFactory(
        resource=room, starts_at=at(day, start), ends_at=at(day, end), state=state, **fields
    )


def form_data(day, start="10:00", end="12:00", **overrides):
    data = {
        "date": day.isoformat(),
        "start": start,
        "end": end,
        "full_name": "Ola Próbna",
        "email": "ola@example.org",
        "organization_name": "Fundacja Próbna",
        "purpose": "Warsztaty dla wolontariuszy",
        "consent": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_resident_requests_a_free_slot_and_gets_a_confirmation_mail(client, centre):
    url = centre["page"].url + f"rezerwacja/{centre['room'].pk}/"
    day = next_weekday(1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, form_data(day))
    assert response.status_code == 200 and "Dziękujemy" in response.content.decode()
    requested = Booking.objects.get()
    assert requested.state == Booking.State.REQUESTED
    assert timezone.localtime(requested.starts_at).hour == 10
    assert mail.outbox[-1].to == ["ola@example.org"]


@pytest.mark.django_db
def test_a_request_for_a_taken_or_closed_time_is_refused_and_the_form_kept(client, centre):
    day = next_weekday(1)
    booking(centre["room"], day, 9, 13, Booking.State.APPROVED)
    url = centre["page"].url + f"rezerwacja/{centre['room'].pk}/"
    taken = client.post(url, form_data(day, "11:00", "14:00"))
    assert taken.status_code == 400
    doc = html(taken)
    assert "już zarezerwowany" in doc.select_one(".error-summary").text
    assert doc.select_one("#id_purpose").text.strip() == "Warsztaty dla wolontariuszy"

    sunday = next_weekday(6)
    closed = client.post(url, form_data(sunday))
    assert "nieczynne" in html(closed).select_one(".error-summary").text
    late = client.post(url, form_data(day, "20:00", "22:00"))
    assert "21:00" in html(late).select_one(".error-summary").text
    assert Booking.objects.count() == 1


@pytest.mark.django_db
def test_availability_shows_taken_times_without_anybodys_data(client, centre):
    day = next_weekday(2)
    booking(centre["room"], day, 15, 17, Booking.State.APPROVED, full_name="Tajna Osoba")
    booking(centre["room"], day, 18, 19, Booking.State.REQUESTED)
    page = client.get(
        centre["page"].url + f"rezerwacja/{centre['room'].pk}/", {"tydzien": day.isoformat()}
    ).content.decode()
    assert "15:00–17:00" in page
    assert "18:00–19:00" not in page  # a request is not a taken slot
    assert "Tajna Osoba" not in page and "osoba@example.org" not in page


@pytest.mark.django_db
def test_staff_approve_a_free_request_and_a_conflicting_one_is_refused_with_a_message(
    client, centre
):
    day = next_weekday(3)
    first = booking(centre["room"], day, 10, 12)
    second = booking(centre["room"], day, 11, 13, email="druga@example.org")
    editor = User.objects.create_user("centrum", "c@example.org", "x-pass-123456")
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/admin/centre/bookings/", {"booking": first.pk, "action": "approve"})
    first.refresh_from_db()
    assert first.state == Booking.State.APPROVED
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["osoba@example.org"]
    link = re.search(r"https?://\S+/rezerwacja/\?klucz=\S+", confirmation.body).group(0)

    refused = client.post("/admin/centre/bookings/", {"booking": second.pk, "action": "approve"})
    assert refused.status_code == 409
    assert "już zajmuje" in refused.content.decode()
    second.refresh_from_db()
    assert second.state == Booking.State.REQUESTED

    # The approved booking is in the room's feed for the staff.
    token = feed_token(centre["room"])
    feed = client.get(centre["page"].url + f"zasob/{centre['room'].pk}/ical/", {"token": token})
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert len(events) == 1 and events[0].decoded("dtstart") == first.starts_at

    # The requester cancels with the link from the e-mail; a forged link is refused.
    client.logout()
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path.replace("klucz=", "klucz=x")).status_code == 404
    client.post(path)
    first.refresh_from_db()
    assert first.state == Booking.State.CANCELLED


@pytest.mark.django_db
def test_the_database_refuses_overlapping_approved_bookings_even_past_the_checks(centre):
    day = next_weekday(1)
    booking(centre["room"], day, 10, 12, Booking.State.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        booking(centre["room"], day, 11, 13, Booking.State.APPROVED)
    requested = booking(centre["room"], day, 11, 13)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=requested.pk).update(state=Booking.State.APPROVED)
    # Back to back is fine, and so is another room at the same time.
    booking(centre["room"], day, 12, 14, Booking.State.APPROVED)
    other = Resource.objects.create(name="Pokój", kind="room")
    booking(other, day, 10, 12, Booking.State.APPROVED)
    with pytest.raises(BookingConflict):
        approve(requested)


@pytest.mark.django_db
def test_the_feed_and_the_decisions_are_refused_to_those_without_rights(client, centre, homes):
    url = centre["page"].url + f"zasob/{centre['room'].pk}/ical/"
    assert client.get(url).status_code == 404
    assert (
        client.get(url, {"token": feed_token(Resource.objects.create(name="Inny"))}).status_code
        == 404
    )
    request = booking(centre["room"], next_weekday(1), 10, 12)
    assert (
        client.post(
            "/admin/centre/bookings/", {"booking": request.pk, "action": "approve"}
        ).status_code
        == 302
    )
    moderator = User.objects.create_user("moderator", "m@example.org", "x-pass-123456")
    moderator.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(moderator)
    response = client.post("/admin/centre/bookings/", {"booking": request.pk, "action": "approve"})
    assert response.status_code in (302, 403)
    request.refresh_from_db()
    assert request.state == Booking.State.REQUESTED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_overlapping_requests_at_once_approve_one(monkeypatch):
    """PostgreSQL: two threads approve overlapping requests; exactly one wins."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every write anyway")
    from tests.helpers import restore_site_tree

    restore_site_tree()
    room = Resource.objects.create(name="Sala", kind="room")
    day = next_weekday(1)
    first = booking(room, day, 10, 12)
    second = booking(room, day, 11, 13)
    from pages.centre import models as centre_module

    real = centre_module.overlapping

    def slow_overlapping(*args, **kwargs):
        result = real(*args, **kwargs)
        exists = result.exists()
        time.sleep(0.5)  # widen the window between the check and the write
        return real(*args, **kwargs) if exists else result.none()

    monkeypatch.setattr(centre_module, "overlapping", slow_overlapping)
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(pk):
        try:
            barrier.wait()
            approve(Booking.objects.get(pk=pk))
            outcomes.append("approved")
        except BookingConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(pk,)) for pk in (first.pk, second.pk)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["approved", "conflict"]
    assert Booking.objects.filter(state="approved").count() == 1


@pytest.mark.django_db
def test_demo_has_rooms_equipment_and_bookings(client, demo):
    centre = CentrePage.objects.get(locale__language_code="pl")
    page = client.get(centre.url).content.decode()
    assert "Sala konferencyjna" in page and "Zestaw do webinarów" in page
    assert Booking.objects.filter(state="approved").exists()


@pytest.mark.django_db
def test_the_booking_page_speaks_of_rooms_not_of_volunteering_or_prices(client, centre):
    # "Availability" and "free" are also the volunteer's hours and a free event: each use has its
    # own context, so the room's week reads as a room's week.
    day = next_weekday(2)
    page = html(
        client.get(
            centre["page"].url + f"rezerwacja/{centre['room'].pk}/", {"tydzien": day.isoformat()}
        )
    )
    assert page.select_one("#availability-heading").text == "Wolne i zajęte terminy"
    free_days = [cell.text.strip() for cell in page.select("table.availability td:nth-child(3)")]
    assert "wolne" in free_days
    assert "bezpłatne" not in page.text and "Kiedy możesz pomagać" not in page.text
