"""The calendar's stored dates: written when their source changes, read by every calendar view."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.models import CalendarOccurrence, EventException

from .factories import CalendarPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def next_year():
    return timezone.localdate().year + 1


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def starts(page):
    rows = CalendarOccurrence.objects.filter(page_id=page.pk).order_by("start")
    return [timezone.localtime(row.start, WARSAW) for row in rows]


@pytest.fixture
def calendar(homes):
    return CalendarPageFactory(parent=homes["pl"])


@pytest.fixture
def weekly(calendar):
    """Four Mondays at 18:00 in March of next year, a draft until a test publishes it."""
    year = next_year()
    monday = next(at(year, 3, d, 18) for d in range(1, 8) if at(year, 3, d).weekday() == 0)
    return EventPageFactory(
        parent=calendar,
        title="Dyżur prawnika",
        start=monday,
        end=monday + datetime.timedelta(hours=2),
        frequency="WEEKLY",
        count=4,
        live=False,
    )


def test_rows_appear_on_publish_and_go_on_unpublish(weekly):
    assert starts(weekly) == []  # a draft is not in the calendar
    publish(weekly)
    first = timezone.localtime(weekly.start, WARSAW)
    assert starts(weekly) == [first + datetime.timedelta(weeks=n) for n in range(4)]
    assert {row.title for row in CalendarOccurrence.objects.filter(page_id=weekly.pk)} == {
        "Dyżur prawnika"
    }
    weekly.unpublish()
    assert starts(weekly) == []


def test_rows_go_with_a_deleted_event(weekly):
    publish(weekly)
    assert starts(weekly)
    pk = weekly.pk
    weekly.delete()
    assert not CalendarOccurrence.objects.filter(page_id=pk).exists()


def test_rows_follow_an_edit_of_the_rule_once_published(weekly):
    publish(weekly)
    weekly.count = 2
    weekly.save_revision()  # a draft of the change: the calendar still shows the published rule
    assert len(starts(weekly)) == 4
    weekly.get_latest_revision().publish()
    assert len(starts(weekly)) == 2


def test_a_cancelled_and_a_moved_occurrence_are_stored_as_such(weekly):
    publish(weekly)
    second = weekly.start + datetime.timedelta(weeks=1)
    third = weekly.start + datetime.timedelta(weeks=2)
    EventException.objects.create(
        event=weekly, original_start=second, kind="cancelled", note="Urlop"
    )
    EventException.objects.create(
        event=weekly,
        original_start=third,
        kind="moved",
        new_start=third + datetime.timedelta(days=1),
        new_end=third + datetime.timedelta(days=1, hours=2),
        new_venue_name="Sala B",
    )
    rows = {row.original_start: row for row in CalendarOccurrence.objects.filter(page_id=weekly.pk)}
    assert (rows[second].status, rows[second].note) == ("cancelled", "Urlop")
    assert rows[third].status == "moved"
    assert rows[third].start == third + datetime.timedelta(days=1)
    assert rows[third].venue_name == "Sala B"
    assert rows[weekly.start].status == "scheduled"


def test_a_never_ending_rule_is_stored_up_to_the_horizon_and_the_daily_command_extends_it(
    calendar, settings, monkeypatch
):
    settings.CALENDAR_HORIZON_YEARS = 1
    today = timezone.localdate()
    start = at(today.year, today.month, today.day, 10)
    event = EventPageFactory(
        parent=calendar, title="Codzienny dyżur", start=start, frequency="DAILY"
    )
    last = starts(event)[-1].date()
    assert last == today.replace(year=today.year + 1)

    later = timezone.now() + datetime.timedelta(days=10)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("extend_calendar", verbosity=0)
    assert starts(event)[-1].date() == last + datetime.timedelta(days=10)
    assert starts(event)[0] == start  # the past is kept (the archive shows it)


def test_rebuild_writes_every_row_again(weekly):
    publish(weekly)
    CalendarOccurrence.objects.all().delete()
    call_command("extend_calendar", "--rebuild", verbosity=0)
    assert len(starts(weekly)) == 4
