"""A database made before the calendar had an app of its own keeps its calendar after migrate.

The calendar's models moved from ``pages`` to ``ngo_calendar`` (pages 0030, ngo_calendar 0001)
without touching their tables: the calendar page, an event with its category, areas, tag and a
changed occurrence, an organization's calendar feed, the stored dates the listings read, a
permission handed out by model and the portal search's entry must all be there, under the new
app, after migrating forward; the calendar lists the event by its category and the event page
and its iCal are served. (tests/core/test_family_migrations.py does the same for earlier moves.)
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Page

from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before the calendar's move (renumbered when the moves are merged).
BEFORE = ("pages", "0033_newsletter_moved_to_ngo_newsletter")


def old_calendar(old, home):
    """A calendar with one weekly event, as pages 0012 and 0028 made them."""
    category = old.get_model("pages", "EventCategory").objects.get(
        slug="spotkanie", locale__language_code="pl"
    )
    area = old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug="seniorzy", locale__language_code="pl"
    )
    calendar = old_page(old, home, "CalendarPage", "Kalendarz", "kalendarz")
    start = (timezone.now() + datetime.timedelta(days=3)).replace(microsecond=0)
    event = old_page(
        old,
        calendar,
        "EventPage",
        "Spotkanie sąsiedzkie",
        "spotkanie-sasiedzkie",
        start=start,
        end=start + datetime.timedelta(hours=2),
        frequency="WEEKLY",
        rrule="FREQ=WEEKLY",
        category=category,
        venue_name="Dom Kultury",
    )
    old.get_model("pages", "EventPage").areas.through.objects.create(
        eventpage_id=event.pk, areaofpublicbenefit_id=area.pk
    )
    taggit = old.get_model("taggit", "Tag").objects.get_or_create(name="sasiedzi", slug="sasiedzi")
    old.get_model("pages", "EventTag").objects.create(content_object_id=event.pk, tag=taggit[0])
    old.get_model("pages", "EventException").objects.create(
        event_id=event.pk,
        original_start=start + datetime.timedelta(days=7),
        kind="cancelled",
        sort_order=0,
    )
    # The stored date the listings read, as the sources wrote it.
    old.get_model("pages", "CalendarOccurrence").objects.create(
        page_id=event.pk,
        source="event",
        object_id=event.pk,
        locale_id=event.locale_id,
        translation_key=event.translation_key,
        start=start,
        end=start + datetime.timedelta(hours=2),
        original_start=start,
        title=event.title,
        text="spotkanie sąsiedzkie",
        category_id=category.pk,
    )
    # The event categories handed to someone outside the city editors, by model.
    permission = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename="change_eventcategory"
    )
    group = old.get_model("auth", "Group").objects.create(name="Kalendarz: kategorie")
    group.permissions.add(permission)
    entry = SearchEntry.objects.create(
        page_id=event.pk, language="pl", content_type="pages.eventpage", title=event.title
    )
    entry.facets.create(facet="type", value="pages.eventpage")
    return calendar, event


def test_the_calendar_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    calendar, event = old_calendar(old, home)

    migrate_to_the_end()

    from pages.calendar.models import CalendarOccurrence, EventPage

    moved = EventPage.objects.get(pk=event.pk)
    assert moved.category.slug == "spotkanie"
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    assert [t.slug for t in moved.tags.all()] == ["sasiedzi"]
    assert [e.kind for e in moved.exceptions.all()] == ["cancelled"]
    assert CalendarOccurrence.objects.filter(page_id=event.pk).count() == 1
    for page in (calendar, event):
        assert Page.objects.get(pk=page.pk).specific.content_type.app_label == "ngo_calendar"

    listing = Page.objects.get(pk=calendar.pk).specific.url
    doc = html(client.get(listing + "?category=spotkanie"))
    assert [a.get_text(strip=True) for a in doc.select(".event-item__title a")] == [
        "Spotkanie sąsiedzkie"
    ]
    assert client.get(moved.url).status_code == 200
    assert b"Spotkanie s" in client.get(moved.url + "ical/").content

    # Handed out by model, the permission still gives its right under the new label.
    group = Group.objects.get(name="Kalendarz: kategorie")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("ngo_calendar", "change_eventcategory")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_eventcategory"
    ).exists()
    # The search names the event's type by the new label: its filter and label still work.
    entry = SearchEntry.objects.get(page_id=event.pk)
    assert entry.content_type == "ngo_calendar.eventpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_calendar.eventpage"
    ]
