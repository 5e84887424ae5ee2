"""The calendar of events as residents, calendar programs and editors use it."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages import roles
from pages.calendar.events import candidates, expand, occurrences
from pages.calendar.models import CalendarPage, EventException, EventPage
from pages.calendar.views import calendar_rows
from pages.models import HomePage
from search.registry import build_document
from tests.calendar.factories import CalendarPageFactory, EventPageFactory, category
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    district,
    pages_in_bulk,
)
from tests.helpers import html

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


def at(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def next_year():
    return timezone.localdate().year + 1


@pytest.fixture
def calendar(homes):
    return CalendarPageFactory(parent=homes["pl"])


@pytest.fixture
def weekly(calendar):
    """Every Monday at 18:00 from March to November of next year: across both DST changes."""
    year = next_year()
    first_monday = next(
        at(year, 3, d, 18) for d in range(1, 8) if datetime.date(year, 3, d).weekday() == 0
    )
    return publish(
        EventPageFactory(
            parent=calendar,
            title="Dyżur prawnika",
            start=first_monday,
            end=first_monday + datetime.timedelta(hours=2),
            frequency="WEEKLY",
            until=datetime.date(year, 11, 30),
            category=category("dyzur"),
        )
    )


@pytest.fixture
def wide_feed_window(settings):
    """These feeds hold events of next year, which may be more than the feed's year ahead."""
    settings.PORTAL_ICAL_FEED_DAYS_AHEAD = 2 * 366


def titles_on(response):
    return [a.get_text(strip=True) for a in html(response).select(".event-item__title a")]


# Recurrence


def test_weekly_event_stays_at_18_across_both_dst_changes(weekly):
    year = next_year()
    found = occurrences(weekly, at(year, 1, 1), at(year + 1, 1, 1))
    first = weekly.start.date()
    mondays = [
        first + datetime.timedelta(weeks=n)
        for n in range(60)
        if first + datetime.timedelta(weeks=n) <= datetime.date(year, 11, 30)
    ]
    assert [o.local_start.date() for o in found] == mondays  # every Monday, March to November
    assert {o.local_start.time() for o in found} == {datetime.time(18, 0)}
    assert {o.local_start.weekday() for o in found} == {0}
    # Winter time (+01:00) in early March and late November, summer time (+02:00) between.
    offsets = {o.local_start.utcoffset() for o in found}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    last_sunday_of_march = max(
        datetime.date(year, 3, d) for d in range(25, 32) if datetime.date(year, 3, d).weekday() == 6
    )
    after = [o for o in found if o.local_start.date() > last_sunday_of_march][0]
    assert after.start.astimezone(datetime.UTC).hour == 16  # 18:00 CEST is 16:00 UTC
    assert found[0].start.astimezone(datetime.UTC).hour == 17  # 18:00 CET is 17:00 UTC


def test_every_occurrence_appears_on_its_own_date_in_the_month_grid(client, calendar, weekly):
    year = next_year()
    response = client.get(f"{calendar.url}miesiac/{year}/4/")
    assert response.status_code == 200
    doc = html(response)
    mondays = [
        datetime.date(year, 4, d) for d in range(1, 31) if datetime.date(year, 4, d).weekday() == 0
    ]
    cells = doc.select("td.month-grid__day")
    with_event = [
        cell.select_one(".visually-hidden").get_text()
        for cell in cells
        if "Dyżur prawnika" in cell.get_text() and "other" not in " ".join(cell["class"])
    ]
    assert len(with_event) == len(mondays)
    for cell in cells:
        if "Dyżur prawnika" in cell.get_text():
            assert "18:00" in cell.get_text()


def test_cancelled_and_moved_occurrences(client, calendar, weekly):
    found = occurrences(weekly, weekly.start, weekly.start + datetime.timedelta(days=30))
    cancelled, moved = found[1], found[2]
    EventException.objects.create(
        event=weekly, original_start=cancelled.start, kind="cancelled", note="Urlop prawnika"
    )
    EventException.objects.create(
        event=weekly,
        original_start=moved.start,
        kind="moved",
        new_start=moved.start + datetime.timedelta(days=1, hours=-1),
        new_end=moved.end + datetime.timedelta(days=1, hours=-1),
        new_venue_name="Sala B",
    )
    weekly = publish(EventPage.objects.get(pk=weekly.pk))
    again = occurrences(weekly, weekly.start, weekly.start + datetime.timedelta(days=30))
    assert [o.status for o in again[:3]] == ["scheduled", "cancelled", "moved"]
    assert again[2].local_start.weekday() == 1 and again[2].local_start.hour == 17
    assert again[2].venue_name == "Sala B"

    start = timezone.localtime(weekly.start)
    response = client.get(f"{calendar.url}miesiac/{start.year}/{start.month}/")
    doc = html(response)
    assert doc.select(".month-grid .badge--cancelled")
    assert doc.select(".month-grid .badge--moved")


def test_multi_day_all_day_event_fills_each_of_its_days(client, calendar):
    year = next_year()
    publish(
        EventPageFactory(
            parent=calendar,
            title="Festyn Sąsiedzki",
            start=at(year, 6, 5, 10),
            end=at(year, 6, 7, 16),
            all_day=True,
        )
    )
    event = EventPage.objects.get(title="Festyn Sąsiedzki")
    assert timezone.localtime(event.start) == at(year, 6, 5)
    assert timezone.localtime(event.end) == at(year, 6, 8)
    doc = html(client.get(f"{calendar.url}miesiac/{year}/6/"))
    days = [
        cell.select_one(".visually-hidden").get_text()
        for cell in doc.select("td.month-grid__day")
        if "Festyn Sąsiedzki" in cell.get_text()
    ]
    assert len(days) == 3


def test_recurrence_rules_are_validated(calendar):
    event = EventPageFactory.build(
        title="Zły",
        slug="zly",
        start=at(2030, 1, 7, 10),
        end=at(2030, 1, 7, 12),
        frequency="WEEKLY",
        until=datetime.date(2030, 2, 1),
        count=3,
    )
    with pytest.raises(Exception) as error:
        event.full_clean()
    assert "count" in error.value.message_dict
    event = EventPageFactory.build(
        title="Bez reguły",
        slug="bez",
        start=at(2030, 1, 7, 10),
        end=at(2030, 1, 7, 9),
        count=3,
    )
    with pytest.raises(Exception) as error:
        event.full_clean()
    assert {"end", "frequency"} <= set(error.value.message_dict)


# Listings and filters


@pytest.fixture
def sample(calendar):
    year = next_year()
    organizations = OrganizationIndexPageFactory(parent=calendar.get_parent())
    srebrni = OrganizationPageFactory(parent=organizations, title="Srebrni Sąsiedzi")
    events = {
        "warsztaty": EventPageFactory(
            parent=calendar,
            title="Warsztaty ceramiki",
            start=at(year, 5, 12, 17),
            end=at(year, 5, 12, 19),
            category=category("warsztaty"),
            district=district("jezyce"),
            organizer=srebrni,
            is_free=False,
            price_text="20 zł",
            venue_name="Dom Kultury",
            step_free_access=True,
            induction_loop=True,
            areas=[area("kultura-i-sztuka")],
        ),
        "webinar": EventPageFactory(
            parent=calendar,
            title="Webinar o grantach",
            start=at(year, 5, 13, 10),
            end=at(year, 5, 13, 11),
            category=category("szkolenie"),
            online_url="https://meet.example.org/granty",
        ),
        "festyn": EventPageFactory(
            parent=calendar,
            title="Festyn na Wildzie",
            start=at(year, 5, 16, 12),
            end=at(year, 5, 16, 18),
            category=category("festyn"),
            district=district("wilda"),
            venue_name="Park Wilda",
            step_free_access=True,
        ),
    }
    for event in events.values():
        publish(event)
    return events


def test_filters_combine_in_the_url_with_counts(client, calendar, sample):
    year = next_year()
    response = client.get(calendar.url, {"from": f"{year}-05-01", "to": f"{year}-05-31"})
    assert titles_on(response) == ["Warsztaty ceramiki", "Webinar o grantach", "Festyn na Wildzie"]

    response = client.get(calendar.url, {"access": "step-free", "mode": "onsite"})
    assert titles_on(response) == ["Warsztaty ceramiki", "Festyn na Wildzie"]
    response = client.get(calendar.url, {"access": ["step-free", "loop"], "free": "0"})
    assert titles_on(response) == ["Warsztaty ceramiki"]
    response = client.get(calendar.url, {"free": "1", "mode": "onsite"})
    assert titles_on(response) == ["Festyn na Wildzie"]
    response = client.get(calendar.url, {"mode": "online"})
    assert titles_on(response) == ["Webinar o grantach"]
    response = client.get(calendar.url, {"district": "jezyce", "q": "ceramik"})
    assert titles_on(response) == ["Warsztaty ceramiki"]
    organizer = sample["warsztaty"].organizer_id
    response = client.get(calendar.url, {"organizer": str(organizer)})
    assert titles_on(response) == ["Warsztaty ceramiki"]
    response = client.get(calendar.url, {"area": "kultura-i-sztuka", "category": "festyn"})
    assert titles_on(response) == []

    # Counts of one filter are computed with the other filters applied.
    doc = html(client.get(calendar.url, {"access": "step-free"}))
    counts = {
        box["value"]: box.parent.select_one(".count").get_text()
        for box in doc.select('input[name="category"]')
    }
    assert counts == {"warsztaty": "(1)", "festyn": "(1)"}
    free = doc.select_one('input[name="free"]').parent.select_one(".count").get_text()
    assert free == "(1)"
    access = {
        box["value"]: box.parent.select_one(".count").get_text()
        for box in doc.select('input[name="access"]')
    }
    assert access == {"step-free": "(2)", "loop": "(1)", "sign": "(0)", "quiet": "(0)"}


def test_unknown_filter_values_are_ignored(client, calendar, sample):
    response = client.get(calendar.url, {"category": "nie-ma", "access": "jetpack", "from": "x"})
    assert response.status_code == 200
    assert len(titles_on(response)) == 3


def test_month_grid_is_an_accessible_table_with_links_that_keep_filters(client, calendar, sample):
    year = next_year()
    response = client.get(f"{calendar.url}miesiac/{year}/5/", {"category": "festyn"})
    doc = html(response)
    table = doc.select_one("table.month-grid")
    assert table.caption.get_text(strip=True)
    assert len(table.select('thead th[scope="col"]')) == 8
    assert len(table.select('tbody th[scope="row"]')) == len(table.select("tbody tr"))
    links = [a.get_text(" ", strip=True) for a in table.select("td a")]
    assert links == ["12:00 Festyn na Wildzie"]
    nxt = doc.select_one('.calendar-pager a[rel="next"]')["href"]
    assert nxt == f"{calendar.url}miesiac/{year}/6/?category=festyn"
    assert client.get(nxt).status_code == 200
    assert client.get(f"{calendar.url}miesiac/{year}/13/").status_code == 404


def test_week_view_lists_seven_days(client, calendar, sample):
    year = next_year()
    iso_year, week, _ = datetime.date(year, 5, 12).isocalendar()
    doc = html(client.get(f"{calendar.url}tydzien/{iso_year}/{week}/"))
    assert len(doc.select(".calendar-day")) == 7
    assert "Warsztaty ceramiki" in [a.get_text(strip=True) for a in doc.select(".event-item a")]
    assert client.get(f"{calendar.url}tydzien/{iso_year}/60/").status_code == 404


def test_past_events_move_to_the_archive(client, calendar):
    past = publish(
        EventPageFactory(
            parent=calendar,
            title="Zeszłoroczne spotkanie",
            start=timezone.now() - datetime.timedelta(days=40),
            end=timezone.now() - datetime.timedelta(days=40, hours=-2),
        )
    )
    assert past.ends_at < timezone.now()
    assert "Zeszłoroczne spotkanie" not in titles_on(client.get(calendar.url))
    assert titles_on(client.get(calendar.url + "archiwum/")) == ["Zeszłoroczne spotkanie"]


def test_cancelled_event_stays_visible_and_marked(client, calendar, sample):
    event = sample["festyn"]
    event.status = EventPage.Status.CANCELLED
    publish(event)
    doc = html(client.get(calendar.url))
    item = [li for li in doc.select(".event-item") if "Festyn" in li.get_text()][0]
    assert "event-item--cancelled" in item["class"]
    assert item.select_one(".badge--cancelled")


@pytest.mark.parametrize("view", ["month", "list", "week", "archive"])
def test_listing_queries_do_not_grow_with_events(client, calendar, view, django_assert_num_queries):
    year = next_year()
    monday = next(at(year, 3, d) for d in range(1, 8) if at(year, 3, d).weekday() == 0)
    url = {
        "month": f"{calendar.url}miesiac/{year}/3/",
        "list": f"{calendar.url}?from={monday.date()}&category=spotkanie",
        "week": f"{calendar.url}tydzien/{year}/{monday.isocalendar()[1]}/",
        "archive": f"{calendar.url}archiwum/?district=wilda",
    }[view]

    def add(count, offset):
        with pages_in_bulk():
            for n in range(count):
                if view == "archive":
                    start = timezone.now() - datetime.timedelta(days=1 + n % 300, hours=n % 5)
                elif view == "week":
                    start = monday + datetime.timedelta(days=n % 7, hours=9 + n % 8)
                else:
                    start = at(year, 3, 1 + (n + offset) % 28, 9 + n % 8)
                EventPageFactory(
                    parent=calendar,
                    title=f"Spotkanie {n + offset}",
                    start=start,
                    end=start + datetime.timedelta(hours=1),
                    category=category("spotkanie"),
                    district=district("wilda"),
                    frequency="WEEKLY" if n % 3 == 0 else "",
                    count=4 if n % 3 == 0 else None,
                )

    add(10, 0)
    client.get(url)  # warm up: site root paths, settings, translations
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert response.content.decode().count("Spotkanie ") >= 10
    add(490 if view == "month" else 200, 10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Spotkanie ") >= 20
    if view == "month":
        # Every date is counted; a busy day shows its first five and links to the others.
        heading = html(response).select_one("#results-heading").get_text()
        assert int(heading.split(":")[1].split()[0]) >= 500
        assert html(response).select("a.month-grid__more")


def test_busy_day_in_the_month_grid_links_to_the_list_of_all_its_dates(client, calendar):
    year = next_year()
    for n in range(8):
        start = at(year, 5, 14, 8 + n)
        EventPageFactory(
            parent=calendar,
            title=f"Wydarzenie {n}",
            start=start,
            end=start + datetime.timedelta(minutes=30),
        )
    doc = html(client.get(f"{calendar.url}miesiac/{year}/5/"))
    cell = next(
        td
        for td in doc.select("td.month-grid__day")
        if td.select_one(".month-grid__number").get_text() == "14"
        and "month-grid__day--other" not in td["class"]
    )
    assert [a.get_text() for a in cell.select("li a")][0].endswith("Wydarzenie 0")
    assert len(cell.select("li")) == 5
    more = cell.select_one("a.month-grid__more")
    assert more.get_text().startswith("3 ")
    assert f"from={year}-05-14" in more["href"] and f"to={year}-05-14" in more["href"]
    assert sorted(titles_on(client.get(more["href"]))) == [f"Wydarzenie {n}" for n in range(8)]


def test_upcoming_list_pages_through_every_date_in_order(client, calendar, weekly):
    """One-off events are paged by the database, recurring ones expanded: merged, in order."""
    year = next_year()
    for n in range(45):
        start = at(year, 4, 1 + n % 28, 9 + n % 10)
        EventPageFactory(
            parent=calendar,
            title=f"Jednorazowe {n:02d}",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )
    now = timezone.now()
    events = candidates(EventPage.objects.live(), now, now + datetime.timedelta(days=366))
    expected = [o.event.title for o in expand(events, now, now + datetime.timedelta(days=366))]
    assert len(expected) > 60  # the weekly dates and the one-off events, over four pages

    shown = []
    for number in range(1, len(expected) // 20 + 2):
        shown += titles_on(client.get(calendar.url, {"page": number}))
    assert shown == expected
    # Past the end: the last page, read in full.
    last = expected[(len(expected) - 1) // 20 * 20 :]
    for past_the_end in (5, 100000, 10**12, 0, -1):
        assert titles_on(client.get(calendar.url, {"page": past_the_end})) == last
    assert titles_on(client.get(calendar.url, {"page": "x"})) == expected[:20]


# The event page


def test_event_page_shows_what_a_resident_needs(client, calendar, sample):
    event = sample["warsztaty"]
    doc = html(client.get(event.url))
    assert doc.h1.get_text(strip=True) == "Warsztaty ceramiki"
    text = doc.select_one(".event__facts").get_text(" ", strip=True)
    assert "Srebrni Sąsiedzi" in text and "20 zł" in text and "Dom Kultury" in text
    links = {a["href"] for a in doc.select(".event__add a")}
    assert f"{event.url}ical/" in links
    google = [h for h in links if h.startswith("https://calendar.google.com/")][0]
    assert "ctz=Europe%2FWarsaw" in google and "Warsztaty+ceramiki" in google
    assert any(h.startswith("https://outlook.live.com/") for h in links)


def test_event_json_ld(client, calendar, sample):
    event = sample["festyn"]
    event.status = EventPage.Status.CANCELLED
    publish(event)
    doc = html(client.get(event.url))
    data = json.loads(doc.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place" and data["location"]["name"] == "Park Wilda"
    assert data["startDate"].endswith("+02:00")  # May: summer time, with its offset
    assert data["offers"]["price"] == "0"
    online = json.loads(
        html(client.get(sample["webinar"].url)).find("script", type="application/ld+json").string
    )
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert online["eventStatus"].endswith("EventScheduled")


def test_user_input_is_escaped(client, calendar):
    event = publish(
        EventPageFactory(
            parent=calendar,
            title="<script>alert(1)</script>",
            start=timezone.now() + datetime.timedelta(days=2),
            end=timezone.now() + datetime.timedelta(days=2, hours=1),
            venue_name="<b>Sala</b>",
        )
    )
    for url in (calendar.url, event.url):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "<b>Sala</b>" not in body


# iCal


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def test_event_ics_round_trips_rule_exdate_and_moved_occurrence(client, calendar, weekly):
    found = occurrences(weekly, weekly.start, weekly.start + datetime.timedelta(days=30))
    EventException.objects.create(event=weekly, original_start=found[1].start, kind="cancelled")
    EventException.objects.create(
        event=weekly,
        original_start=found[2].start,
        kind="moved",
        new_start=found[2].start + datetime.timedelta(hours=1),
        new_end=found[2].end + datetime.timedelta(hours=1),
    )
    weekly = publish(EventPage.objects.get(pk=weekly.pk))
    cal = parse(client.get(weekly.url + "ical/"))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    master, moved = vevents(cal)
    assert master["UID"] == f"event-{weekly.translation_key}@testserver"
    assert master["RRULE"]["FREQ"] == ["WEEKLY"]
    assert master["RRULE"]["UNTIL"][0].astimezone(WARSAW).date() == weekly.until
    assert master.decoded("DTSTART") == timezone.localtime(weekly.start, WARSAW)
    assert str(master.decoded("DTSTART").tzinfo) == "Europe/Warsaw"
    exdates = [d.dt for d in master["EXDATE"].dts]
    assert exdates == [found[1].start]
    assert moved["UID"] == master["UID"]
    assert moved.decoded("RECURRENCE-ID") == found[2].start
    assert moved.decoded("DTSTART") == found[2].start + datetime.timedelta(hours=1)
    assert master["SEQUENCE"] == weekly.sequence
    assert "DTSTAMP" in master and "LAST-MODIFIED" in master and "URL" in master

    # A calendar program expanding the feed gets the same dates as the portal.
    import recurring_ical_events

    year = next_year()
    theirs = recurring_ical_events.of(cal).between(at(year, 1, 1), at(year + 1, 1, 1))
    ours = occurrences(weekly, at(year, 1, 1), at(year + 1, 1, 1))
    assert sorted(e.decoded("DTSTART") for e in theirs) == sorted(
        o.start for o in ours if not o.is_cancelled
    )


def test_sequence_grows_with_each_publication(calendar, weekly):
    first = weekly.sequence
    weekly.title = "Dyżur prawnika (nowa sala)"
    weekly = publish(weekly)
    assert weekly.sequence == first + 1
    # An older revision published again does not bring the old number back.
    revision = weekly.revisions.order_by("created_at").first()
    revision.publish()
    weekly.refresh_from_db()
    assert weekly.sequence == first + 2


@pytest.mark.usefixtures("wide_feed_window")
def test_feed_follows_the_filters_and_is_linked_from_the_page(client, calendar, sample):
    doc = html(client.get(calendar.url, {"category": "festyn", "free": "1"}))
    alternate = doc.find("link", rel="alternate", type="text/calendar")
    assert alternate["href"] == "http://testserver/pl/kalendarz/ical/?category=festyn&free=1"
    webcal = doc.select_one("#subscribe-webcal")["href"]
    assert webcal == "webcal://testserver/pl/kalendarz/ical/?category=festyn&free=1"
    cal = parse(client.get(alternate["href"]))
    assert [str(e["SUMMARY"]) for e in vevents(cal)] == ["Festyn na Wildzie"]
    everything = parse(client.get(calendar.url + "ical/"))
    assert len(vevents(everything)) == 3
    assert str(everything["X-WR-CALNAME"]) == calendar.title


@pytest.mark.usefixtures("wide_feed_window")
def test_feed_marks_cancelled_events(client, calendar, sample):
    event = sample["webinar"]
    event.status = EventPage.Status.CANCELLED
    publish(event)
    cal = parse(client.get(calendar.url + "ical/"))
    status = {str(e["SUMMARY"]): str(e["STATUS"]) for e in vevents(cal)}
    assert status["Webinar o grantach"] == "CANCELLED"
    assert status["Festyn na Wildzie"] == "CONFIRMED"


@pytest.mark.usefixtures("wide_feed_window")
def test_feed_queries_do_not_grow_with_events(client, calendar, django_assert_num_queries):
    year = next_year()
    organizations = OrganizationIndexPageFactory(parent=calendar.get_parent())
    organizer = OrganizationPageFactory(parent=organizations)

    def add(count, offset):
        for n in range(count):
            start = at(year, 4, 1 + (n + offset) % 28, 10)
            event = EventPageFactory(
                parent=calendar,
                title=f"Wydarzenie {n + offset}",
                start=start,
                end=start + datetime.timedelta(hours=1),
                category=category("kultura"),
                organizer=organizer,
                frequency="WEEKLY" if n % 2 else "",
            )
            if n % 2:
                EventException.objects.create(
                    event=event, original_start=start + datetime.timedelta(days=7), kind="cancelled"
                )

    add(10, 0)
    url = calendar.url + "ical/"
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert len(vevents(parse(response))) == 10
    add(90, 10)
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(vevents(parse(response))) == 100


@pytest.mark.usefixtures("wide_feed_window")
def test_feed_in_english_has_english_titles_and_the_same_uids(client, homes, calendar, sample):
    en_calendar = calendar.copy_for_translation(homes["en"].locale)
    en_calendar.title = "Events"
    en_calendar.slug = "events"
    publish(en_calendar)
    english = sample["festyn"].copy_for_translation(homes["en"].locale)
    english.title = "Wilda street fair"
    publish(english)
    pl = {
        str(e["UID"]): str(e["SUMMARY"]) for e in vevents(parse(client.get(calendar.url + "ical/")))
    }
    en = {str(e["UID"]): str(e["SUMMARY"]) for e in vevents(parse(client.get("/en/events/ical/")))}
    assert set(pl) == set(en)
    uid = f"event-{sample['festyn'].translation_key}@testserver"
    assert pl[uid] == "Festyn na Wildzie" and en[uid] == "Wilda street fair"
    # An event not translated yet is listed in Polish rather than missing.
    assert "Warsztaty ceramiki" in en.values()
    assert titles_on(client.get("/en/events/")) == [
        "Warsztaty ceramiki",
        "Webinar o grantach",
        "Wilda street fair",
    ]


# Page rules, the admin, search


def test_page_rules():
    assert CalendarPage.parent_page_types == ["pages.HomePage"]
    assert EventPage.parent_page_types == ["ngo_calendar.CalendarPage", "pages.OrganizationPage"]
    assert CalendarPage.can_create_at(HomePage()) and not EventPage.can_create_at(HomePage())
    assert EventPage.can_create_at(CalendarPage())


def test_an_editor_builds_a_rule_with_the_form(admin_client, calendar):
    year = next_year()
    monday = next(
        datetime.date(year, 2, d) for d in range(1, 8) if datetime.date(year, 2, d).weekday() == 0
    )
    wednesday_after_two_weeks = monday + datetime.timedelta(days=16)

    def form(slug, exception_start, **extra):
        data = nested_form_data(
            {
                "title": "Spotkanie Rady Seniorów",
                "slug": slug,
                "status": "scheduled",
                "start": f"{monday} 11:00",
                "end": f"{monday} 17:00",
                "description": streamfield([]),
                "frequency": "WEEKLY",
                "interval": 2,
                "until": f"{year}-06-30",
                "is_free": "on",
                "exceptions": {
                    "TOTAL_FORMS": 1,
                    "INITIAL_FORMS": 0,
                    "MIN_NUM_FORMS": 0,
                    "MAX_NUM_FORMS": 1000,
                    "0-original_start": exception_start,
                    "0-kind": "cancelled",
                    "0-ORDER": 1,
                },
                **extra,
            }
        )
        data["recurrence_weekdays"] = ["MO", "WE"]
        data["tags"] = ""
        return data

    url = f"/admin/pages/add/ngo_calendar/eventpage/{calendar.pk}/"
    response = admin_client.post(url, form("rada-seniorow", f"{wednesday_after_two_weeks} 11:00"))
    assert response.status_code == 302, html(response).select(".error-message, .help-critical")
    event = EventPage.objects.get(slug="rada-seniorow").get_latest_revision_as_object()
    assert event.rrule.startswith("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=")
    assert event.exceptions.count() == 1

    # A change of an occurrence the event does not have (a Tuesday) is refused.
    response = admin_client.post(
        url, form("zly-termin", f"{monday + datetime.timedelta(days=1)} 11:00")
    )
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="zly-termin").exists()
    assert "no occurrence at this date" in response.content.decode() or "nie ma terminu" in (
        response.content.decode()
    )

    response = admin_client.post(url, form("zla-regula", f"{monday} 11:00", count=5))
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="zla-regula").exists()
    assert "not both" in response.content.decode() or "nie jedno i drugie" in (
        response.content.decode()
    )


def test_the_first_start_must_be_on_a_chosen_weekday(calendar):
    # RFC 5545 counts the start as the first occurrence even off the rule: refuse the ambiguity.
    year = next_year()
    tuesday = next(
        at(year, 3, d, 9) for d in range(1, 8) if datetime.date(year, 3, d).weekday() == 1
    )
    event = EventPageFactory.build(
        title="Wtorek",
        slug="wtorek",
        start=tuesday,
        end=tuesday + datetime.timedelta(hours=1),
        frequency="WEEKLY",
        byweekday="MO",
        count=3,
    )
    with pytest.raises(Exception) as error:
        event.clean()
    assert "start" in error.value.message_dict
    event.byweekday = "MO,TU"
    event.clean()


def test_events_are_in_the_portal_search_dated_by_their_next_occurrence(weekly):
    document = build_document(weekly)
    assert document.content_type == "ngo_calendar.eventpage"
    assert document.date == timezone.localtime(weekly.start).date()
    assert document.facets["category"] == ["dyzur"]


def test_listing_reads_its_dates_from_one_query(calendar, weekly, django_assert_num_queries):
    year = next_year()
    with django_assert_num_queries(1):  # the stored dates of the range
        found = list(calendar_rows(calendar, at(year, 4, 1), at(year, 5, 1)))
    assert len(found) == 4
    assert {row.page_id for row in found} == {weekly.pk}


def test_calendar_is_in_the_main_navigation(client, calendar):
    Page.objects.filter(pk=calendar.pk).update(show_in_menus=True)
    doc = html(client.get("/pl/"))
    assert calendar.url in [a["href"] for a in doc.select(".main-nav a")]


def test_events_are_found_by_the_portal_search_with_their_category_facet(client, settings, sample):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": None}
    doc = html(client.get("/pl/szukaj/", {"q": "ceramiki"}))
    assert [a.get_text() for a in doc.select(".search-result__title a")] == ["Warsztaty ceramiki"]
    doc = html(client.get("/pl/szukaj/", {"q": "Wildzie"}))
    assert "Festyn na Wildzie" in doc.get_text()
    assert "Kategoria wydarzenia" in doc.get_text()


def test_the_edit_form_shows_the_rule_an_editor_chose(admin_client, calendar):
    event = publish(
        EventPageFactory(
            parent=calendar,
            title="Dyżur",
            start=at(next_year(), 1, 4, 11),
            end=at(next_year(), 1, 4, 17),
            frequency="WEEKLY",
            byweekday="MO,TH",
            count=10,
        )
    )
    response = admin_client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    doc = html(response)
    checked = [box["value"] for box in doc.select('input[name="recurrence_weekdays"][checked]')]
    assert checked == ["MO", "TH"]


def test_all_day_event_is_a_date_in_ical(client, calendar):
    year = next_year()
    event = publish(
        EventPageFactory(
            parent=calendar,
            title="Festyn",
            start=at(year, 6, 5, 10),
            end=at(year, 6, 6, 18),
            all_day=True,
            frequency="YEARLY",
            until=datetime.date(year + 1, 12, 31),
        )
    )
    (vevent,) = vevents(parse(client.get(event.url + "ical/")))
    assert vevent.decoded("DTSTART") == datetime.date(year, 6, 5)
    assert vevent.decoded("DTEND") == datetime.date(year, 6, 7)  # exclusive, as RFC 5545 says
    assert vevent["RRULE"]["UNTIL"] == [datetime.date(year + 1, 12, 31)]


def test_trainings_appear_in_the_same_calendar(client, calendar, homes):
    from tests.trainings.factories import TrainingIndexPageFactory, make_training

    trainings = TrainingIndexPageFactory(parent=homes["pl"])
    training = make_training(trainings, title="Warsztaty z fundraisingu", days_ahead=9, sessions=2)
    make_training(trainings, title="Szkic szkolenia", days_ahead=9, publish=False)
    listed = titles_on(client.get(calendar.url))
    assert listed.count("Warsztaty z fundraisingu") == 2  # each session on its own date
    assert "Szkic szkolenia" not in listed
    first = training.sessions.order_by("date").first().date
    month = client.get(f"{calendar.url}miesiac/{first.year}/{first.month}/")
    assert "Warsztaty z fundraisingu" in month.content.decode()
    # Filters trainings cannot answer (a category of events) leave them out; others apply.
    assert "Warsztaty z fundraisingu" not in titles_on(client.get(calendar.url + "?category=dyzur"))
    assert "Warsztaty z fundraisingu" in titles_on(client.get(calendar.url + "?q=fundraisingu"))
    assert "Warsztaty z fundraisingu" not in titles_on(client.get(calendar.url + "?q=teatr"))


def test_an_ngo_adds_events_beneath_its_profile_and_they_join_the_calendar(client, calendar, homes):
    from django.contrib.auth.models import User

    from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    own = OrganizationPageFactory(parent=directory, title="Fundacja Własna")
    other = OrganizationPageFactory(parent=directory, title="Fundacja Obca")
    editor = User.objects.create_user("ngo", "ngo@example.org", "x" * 12)
    editor.groups.add(own.editor_group)
    client.force_login(editor)
    add = "/admin/pages/add/ngo_calendar/eventpage/{}/"
    assert client.get(add.format(own.pk)).status_code == 200
    assert client.get(add.format(other.pk)).status_code in (302, 403)
    assert client.get(add.format(calendar.pk)).status_code in (302, 403)
    client.logout()

    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPageFactory(
        parent=own, title="Piknik sąsiedzki", start=start, organizer=other, live=False
    )
    assert event.organizer_id == own.pk  # beneath a profile, the profile is the organizer
    assert own.get_workflow().name == roles.NGO_REVIEW_WORKFLOW
    assert "Piknik sąsiedzki" not in titles_on(client.get(calendar.url))  # not reviewed yet
    publish(event)
    assert "Piknik sąsiedzki" in titles_on(client.get(calendar.url))


# The horizon: what a never-ending rule may cost


def test_a_never_ending_weekly_rule_is_expanded_up_to_the_horizon_only(calendar, settings):
    from pages.bounds import horizon_end

    settings.CALENDAR_HORIZON_YEARS = 1
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    event = publish(
        EventPageFactory(
            parent=calendar,
            title="Co tydzień bez końca",
            start=start,
            end=start + datetime.timedelta(hours=1),
            frequency="WEEKLY",
        )
    )
    # A crawler asks for the years up to 9999: the rule stops at the horizon, a year ahead.
    found = occurrences(event, start, datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC))
    assert 52 <= len(found) <= 53
    assert found[-1].start < horizon_end()
    assert occurrences(event, horizon_end(), horizon_end() + datetime.timedelta(days=30)) == []


def test_a_rule_until_year_9999_counts_as_never_ending(calendar):
    from pages.calendar.events import build_rrule, last_end

    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    event = EventPageFactory(
        parent=calendar,
        title="Codziennie",
        start=start,
        end=start + datetime.timedelta(hours=1),
        frequency="DAILY",
        count=10,
    )
    # A row written before the form knew the horizon (or by hand): its end is not computed
    # date by date (millions of them), it runs past the horizon.
    event.count, event.until = None, datetime.date(9999, 12, 31)
    event.rrule = build_rrule(event)
    assert last_end(event) is None


def test_the_form_refuses_a_repetition_ending_past_the_horizon_and_keeps_what_was_typed(
    admin_client, calendar, settings
):
    from pages.bounds import horizon_date

    settings.CALENDAR_HORIZON_YEARS = 3
    monday = timezone.localdate() + datetime.timedelta(days=7 - timezone.localdate().weekday())

    def form(slug, until):
        data = nested_form_data(
            {
                "title": "Zajęcia bez końca",
                "slug": slug,
                "status": "scheduled",
                "start": f"{monday} 11:00",
                "end": f"{monday} 12:00",
                "description": streamfield([]),
                "frequency": "DAILY",
                "interval": 1,
                "until": until,
                "is_free": "on",
                "exceptions": {
                    "TOTAL_FORMS": 0,
                    "INITIAL_FORMS": 0,
                    "MIN_NUM_FORMS": 0,
                    "MAX_NUM_FORMS": 1000,
                },
            }
        )
        data["tags"] = ""
        return data

    url = f"/admin/pages/add/ngo_calendar/eventpage/{calendar.pk}/"
    response = admin_client.post(url, form("do-9999", "9999-12-31"))
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="do-9999").exists()
    page = html(response)
    assert page.select_one("input[name=until]")["value"] == "9999-12-31"
    assert horizon_date().isoformat() in response.content.decode()

    response = admin_client.post(url, form("do-horyzontu", horizon_date().isoformat()))
    assert response.status_code == 302
    assert EventPage.objects.filter(slug="do-horyzontu").exists()
