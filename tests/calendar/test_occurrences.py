"""The calendar's stored dates: written when their source changes, read by every calendar view."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from pages.calendar.models import CalendarOccurrence, EventException
from tests.calendar.factories import CalendarPageFactory, EventPageFactory

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


def test_a_training_session_and_a_council_meeting_are_rows_of_their_own_sources(homes):
    from pages.council.models import AdvisoryBodyMeeting, AdvisoryBodyPage
    from pages.trainings.models import TrainingSession
    from tests.trainings.factories import TrainingIndexPageFactory, make_training

    training = make_training(TrainingIndexPageFactory(parent=homes["pl"]), sessions=2)
    rows = CalendarOccurrence.objects.filter(page_id=training.pk)
    assert {row.source for row in rows} == {"training"} and rows.count() == 2
    session = training.sessions.first()
    TrainingSession.objects.filter(pk=session.pk).first().delete()
    assert CalendarOccurrence.objects.filter(page_id=training.pk).count() == 1

    council = AdvisoryBodyPage(title="Rada Pożytku", slug="rada")
    homes["pl"].add_child(instance=council)
    start = timezone.now() + datetime.timedelta(days=5)
    AdvisoryBodyMeeting.objects.create(page=council, starts_at=start, place="Sala sesyjna")
    (row,) = CalendarOccurrence.objects.filter(page_id=council.pk)
    assert (row.source, row.venue_name, row.start) == ("council", "Sala sesyjna", start)
    council.unpublish()
    assert not CalendarOccurrence.objects.filter(page_id=council.pk).exists()


def test_pages_loaded_in_bulk_get_their_rows_once_the_block_ends(calendar):
    from tests.factories import pages_in_bulk

    start = at(next_year(), 5, 4, 10)
    with pages_in_bulk():
        events = [
            EventPageFactory(parent=calendar, start=start, frequency="DAILY", count=3)
            for _n in range(3)
        ]
        assert not CalendarOccurrence.objects.exists()  # no work per page while loading
    assert CalendarOccurrence.objects.filter(page_id__in=[e.pk for e in events]).count() == 9


def test_no_request_expands_a_rule(client, calendar, monkeypatch, settings):
    """Once the rows exist, the listings, the grids, the feeds and the event's page (its next
    dates, its JSON-LD) only read them."""
    from pages.calendar import events

    settings.PORTAL_ICAL_FEED_DAYS_AHEAD = 2 * 366
    year = next_year()
    event = EventPageFactory(
        parent=calendar,
        title="Klub seniora",
        start=at(year, 3, 2, 10),
        frequency="WEEKLY",
        count=10,
    )

    def refuse(*args, **kwargs):
        raise AssertionError("a rule was expanded during a request")

    for name in ("occurrences", "rule", "_parsed_source", "source_query", "expand"):
        monkeypatch.setattr(events, name, refuse)
    urls = [
        f"{calendar.url}?from={year}-03-01&to={year}-04-30",
        f"{calendar.url}miesiac/{year}/3/",
        f"{calendar.url}tydzien/{year}/{at(year, 3, 9).isocalendar()[1]}/",
        f"{calendar.url}archiwum/",
        f"{calendar.url}ical/",
        event.url,
        f"{event.url}ical/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Klub seniora" in response.content.decode() or "archiwum" in url


def test_an_event_restricted_to_signed_in_people_leaves_the_calendar(client, calendar):
    from wagtail.models import PageViewRestriction

    event = EventPageFactory(parent=calendar, title="Zebranie zarządu")
    assert CalendarOccurrence.objects.filter(page_id=event.pk).exists()
    restriction = PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.LOGIN
    )
    assert not CalendarOccurrence.objects.filter(page_id=event.pk).exists()
    assert "Zebranie zarządu" not in client.get(calendar.url).content.decode()
    restriction.delete()
    assert CalendarOccurrence.objects.filter(page_id=event.pk).exists()


def test_an_imported_series_is_stored_as_its_source_expands_it(calendar):
    year = next_year()
    source = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Example//Test//PL",
            "BEGIN:VEVENT",
            "UID:seria@example.org",
            f"DTSTART:{year}0105T170000Z",
            f"DTEND:{year}0105T180000Z",
            "RRULE:FREQ=WEEKLY;COUNT=4",
            f"EXDATE:{year}0112T170000Z",
            "SUMMARY:Próby chóru",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
    first = datetime.datetime(year, 1, 5, 17, tzinfo=datetime.UTC)
    event = EventPageFactory(
        parent=calendar,
        title="Próby chóru",
        start=first,
        end=first + datetime.timedelta(hours=1),
        source_ical=source,
    )
    assert starts(event) == [
        timezone.localtime(first + datetime.timedelta(weeks=n), WARSAW) for n in (0, 2, 3)
    ]


def test_a_rebuild_writes_again_the_rows_of_what_is_published(weekly):
    from pages import calendar_sources

    publish(weekly)
    CalendarOccurrence.objects.all().delete()
    calendar_sources.rebuild()
    assert len(starts(weekly)) == 4
