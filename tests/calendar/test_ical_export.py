"""The calendar's iCal export as another portal and calendar programs read it.

A feed carries what an import needs to rebuild each event (category, district, accessibility,
price, audience, status, venue, online or not), its UIDs do not follow the Host a request names,
and it is bounded: a window of dates, a fixed number of queries, gzip when the client accepts it.
"""

import datetime
import gzip
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from pages.calendar.events import occurrences
from pages.calendar.importer import import_source
from pages.calendar.models import EventCategory, EventException, EventPage
from tests.calendar.factories import CalendarPageFactory, EventPageFactory, category
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    district,
    publish_page,
)

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
HOUR = datetime.timedelta(hours=1)


def days_from_today(days, hour=18):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WARSAW)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return Calendar.from_ical(body)


def summaries(cal):
    """The titles of the events (their masters: a moved occurrence repeats its title)."""
    return sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e)


def an_event(calendar, title, start, duration, **fields):
    return EventPageFactory(
        parent=calendar, title=title, start=start, end=start + duration, **fields
    )


@pytest.fixture
def calendar(homes):
    return CalendarPageFactory(parent=homes["pl"])


@pytest.fixture
def organizations(calendar):
    directory = OrganizationIndexPageFactory(parent=calendar.get_parent())
    return {
        "source": OrganizationPageFactory(
            parent=directory, title="Srebrni Sąsiedzi", email="biuro@srebrni.example.org"
        ),
        "other": OrganizationPageFactory(parent=directory, title="Fundacja Odbiorca"),
    }


@pytest.fixture
def every_field(calendar, organizations):
    """Events of the city's calendar with every field an import can rebuild set."""
    start = days_from_today(10)
    workshops = EventPageFactory(
        parent=calendar,
        title="Warsztaty ceramiki; glina, koło\\szkliwo",
        search_description="Lepimy z gliny.\nKawa, herbata; ciasto.",
        start=start,
        end=start + datetime.timedelta(hours=2),
        frequency="WEEKLY",
        count=8,
        category=category("warsztaty"),
        district=district("jezyce"),
        organizer=organizations["source"],
        step_free_access=True,
        induction_loop=True,
        sign_language=True,
        quiet_room=True,
        audience="seniorzy i ich wnuki",
        is_free=False,
        price_text="20 zł, ulgowy 10 zł",
        price_amount=Decimal("20.00"),
        registration_url="https://forms.example.org/ceramika",
        venue_name="Pracownia „Glina”",
        street_address="ul. Klonowa 5",
        city="Poznań",
        latitude=Decimal("52.406400"),
        longitude=Decimal("16.925200"),
    )
    EventException.objects.create(
        event=workshops, original_start=start + datetime.timedelta(days=7), kind="cancelled"
    )
    EventException.objects.create(
        event=workshops,
        original_start=start + datetime.timedelta(days=21),
        kind="moved",
        new_start=start + datetime.timedelta(days=22, hours=-1),
        new_end=start + datetime.timedelta(days=22, hours=1),
        new_venue_name="Sala 102",
        new_street_address="ul. Przykładowa 1",
    )
    conference = an_event(
        calendar,
        "Konferencja „Wolontariat w mieście”",
        days_from_today(20, 9),
        datetime.timedelta(hours=7),
        status=EventPage.Status.POSTPONED,
        category=category("konferencja"),
        district=district("wilda"),
        step_free_access=True,
        venue_name="Centrum Konferencyjne",
        street_address="ul. Polna 10",
        city="Poznań",
        online_url="https://stream.example.org/wolontariat",
    )
    webinar = an_event(
        calendar,
        "Webinar: jak napisać wniosek o grant",
        days_from_today(12, 10),
        datetime.timedelta(hours=2),
        category=category("szkolenie"),
        online_url="https://meet.example.org/granty",
    )
    fair = an_event(
        calendar,
        "Festyn Sąsiedzki",
        days_from_today(30, 0),
        datetime.timedelta(days=1, hours=20),
        all_day=True,
        category=category("festyn"),
        district=district("wilda"),
        venue_name="Park Osiedlowy",
    )
    concert = an_event(
        calendar,
        "Koncert Chóru Osiedlowego",
        days_from_today(15, 18),
        datetime.timedelta(hours=2),
        status=EventPage.Status.CANCELLED,
        category=category("kultura"),
        venue_name="Kościół Garnizonowy",
    )
    events = [workshops, conference, webinar, fair, concert]
    return [publish_page(EventPage.objects.get(pk=event.pk)) for event in events]


ROUND_TRIP_FIELDS = [
    "title",
    "search_description",
    "status",
    "all_day",
    "venue_name",
    "street_address",
    "city",
    "latitude",
    "longitude",
    "online_url",
    "category_id",
    "district_id",
    "audience",
    "is_free",
    "price_text",
    "price_amount",
    "registration_url",
    "step_free_access",
    "induction_loop",
    "sign_language",
    "quiet_room",
]


def dates(event, start, end):
    return [
        (o.start, o.end, o.status, o.venue_name, o.street_address)
        for o in occurrences(event, start, end)
    ]


def test_importing_the_portals_own_feed_into_another_organization_rebuilds_each_event(
    client, calendar, organizations, every_field, tmp_path
):
    feed = client.get(calendar.url + "ical/")
    path = tmp_path / "portal.ics"
    path.write_bytes(feed.content)

    result = import_source(str(path), organizations["other"])

    assert result.error == "" and result.created == len(every_field), result.summary()
    imported = {
        page.source_uid: page for page in EventPage.objects.filter(organizer=organizations["other"])
    }
    window = (timezone.now(), timezone.now() + datetime.timedelta(days=120))
    for event in every_field:
        uid = f"event-{event.translation_key}@testserver"
        copy = imported[uid]
        for name in ROUND_TRIP_FIELDS:
            assert getattr(copy, name) == getattr(event, name), (event.title, name)
        assert copy.start == event.start and copy.end == event.end, event.title
        # The same dates: the cancelled one, the moved one at its new time and place.
        assert dates(copy, *window) == dates(event, *window), event.title
    workshops = imported[f"event-{every_field[0].translation_key}@testserver"]
    statuses = [o.status for o in occurrences(workshops, *window)]
    assert statuses.count("cancelled") == 1 and statuses.count("moved") == 1
    # On site only, online only, both: as the source says, not "online" because of a URL.
    assert [imported[f"event-{e.translation_key}@testserver"].is_online for e in every_field] == [
        False,
        True,
        True,
        False,
        False,
    ]
    # The page's address closes the source's description, not the copy's.
    assert "http" not in workshops.search_description


def test_an_event_from_a_plain_calendar_keeps_its_place_and_is_not_online_because_of_its_url(
    calendar, organizations, tmp_path
):
    start = days_from_today(5).strftime("%Y%m%dT%H%M%S")
    end = days_from_today(5, 20).strftime("%Y%m%dT%H%M%S")
    path = tmp_path / "plain.ics"
    path.write_bytes(
        "\r\n".join(
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Test//EN",
                "BEGIN:VEVENT",
                "UID:meeting@ngo.example.org",
                "DTSTAMP:20260101T000000Z",
                f"DTSTART;TZID=Europe/Warsaw:{start}",
                f"DTEND;TZID=Europe/Warsaw:{end}",
                "SUMMARY:Spotkanie",
                "CATEGORIES:Warsztaty",
                "LOCATION:Klub Osiedlowy\\, ul. Lipowa 1",
                "URL:https://ngo.example.org/spotkanie",
                "END:VEVENT",
                "BEGIN:VEVENT",
                "UID:call@ngo.example.org",
                "DTSTAMP:20260101T000000Z",
                f"DTSTART;TZID=Europe/Warsaw:{start}",
                f"DTEND;TZID=Europe/Warsaw:{end}",
                "SUMMARY:Rozmowa",
                "LOCATION:https://meet.example.org/abc",
                "END:VEVENT",
                "END:VCALENDAR",
                "",
            ]
        ).encode()
    )
    result = import_source(str(path), organizations["other"])
    assert result.error == "", result.summary()
    meeting = EventPage.objects.get(source_uid="meeting@ngo.example.org")
    assert meeting.venue_name == "Klub Osiedlowy, ul. Lipowa 1"
    assert meeting.online_url == "" and not meeting.is_online
    assert meeting.category == category("warsztaty")  # matched by its name
    call = EventPage.objects.get(source_uid="call@ngo.example.org")
    assert call.online_url == "https://meet.example.org/abc" and call.venue_name == ""


def test_uids_do_not_follow_the_host_a_request_names(
    client, calendar, organizations, every_field, site
):
    # An NGO's event lives beneath its profile: its address is the profile's.
    start = days_from_today(3)
    publish_page(an_event(organizations["source"], "Dzień otwarty", start, HOUR))
    # A second name for the same site (an alias the web server also answers to).
    Site.objects.create(hostname="alias.example.org", port=80, root_page=site.root_page)
    url = calendar.url + "ical/"
    public = parse(client.get(url))
    aliased = parse(client.get(url, HTTP_HOST="alias.example.org"))
    uids = [str(event["UID"]) for event in public.walk("VEVENT")]
    assert uids == [str(event["UID"]) for event in aliased.walk("VEVENT")]
    assert f"event-{every_field[2].translation_key}@testserver" in uids
    assert all(uid.endswith("@testserver") for uid in uids)
    # And the pages' addresses name the public one.
    urls = [str(event["URL"]) for event in aliased.walk("VEVENT")]
    assert urls == [str(event["URL"]) for event in public.walk("VEVENT")]
    assert all(url.startswith("http://testserver/pl/") for url in urls)
    assert set(urls) == {e.get_full_url() for e in EventPage.objects.live()}
    # One event's .ics names it the same way.
    (single,) = parse(client.get(every_field[2].url + "ical/", HTTP_HOST="alias.example.org")).walk(
        "VEVENT"
    )
    assert str(single["UID"]) == f"event-{every_field[2].translation_key}@testserver"


def test_the_feed_covers_90_days_back_and_a_year_ahead(client, calendar, settings):
    def event(title, days, **fields):
        return an_event(calendar, title, days_from_today(days, 12), HOUR, **fields)

    event("Dawno temu", -100)
    event("Kwartał temu", -80)
    event("Za rok i miesiąc", 400)
    event("Za dziesięć miesięcy", 300)
    # A series begun long ago that still meets is in; one that ended before the window is not.
    event("Cotygodniowy dyżur", -300, frequency="WEEKLY")
    event("Dawny cykl", -300, frequency="WEEKLY", count=10)
    url = calendar.url + "ical/"
    assert summaries(parse(client.get(url))) == [
        "Cotygodniowy dyżur",
        "Kwartał temu",
        "Za dziesięć miesięcy",
    ]
    settings.PORTAL_ICAL_FEED_DAYS_BACK = 120
    settings.PORTAL_ICAL_FEED_DAYS_AHEAD = 30
    assert summaries(parse(client.get(url))) == [
        "Cotygodniowy dyżur",
        "Dawno temu",
        "Kwartał temu",
    ]
    # Dates in the address narrow the window, never widen it.
    far = (timezone.localdate() - datetime.timedelta(days=1000)).isoformat()
    assert summaries(parse(client.get(url, {"from": far}))) == [
        "Cotygodniowy dyżur",
        "Dawno temu",
        "Kwartał temu",
    ]


def test_the_feed_is_gzipped_for_a_client_that_accepts_it(client, calendar, every_field):
    url = calendar.url + "ical/"
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert packed["Content-Encoding"] == "gzip"
    for response in (plain, packed):
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
    assert len(packed.content) < len(plain.content) / 2
    assert summaries(parse(packed)) == summaries(parse(plain))


def test_with_the_page_cache_on_each_client_gets_the_encoding_it_accepts(
    client, calendar, every_field, settings, tmp_path
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.VAR_DIR = tmp_path
    cache.clear()
    url = calendar.url + "ical/"
    assert "Content-Encoding" not in client.get(url)
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    again = client.get(url)
    assert again["X-Page-Cache"] == "hit" and "Content-Encoding" not in again
    assert "Festyn Sąsiedzki" in summaries(parse(again))


def test_the_feed_is_kept_per_content_generation_and_rebuilt_without_the_page_cache(
    client, calendar, every_field, settings, tmp_path
):
    url = calendar.url + "ical/"

    def event_queries():
        # A session cookie keeps the page cache out of the way: the feed's own cache is tested.
        client.cookies["messages"] = "x"
        with CaptureQueriesContext(connection) as queries:
            body = parse(client.get(url))
        return sum("ngo_calendar_eventpage" in q["sql"] for q in queries.captured_queries), body

    # Without the page cache (as in the benchmark's uncached pass) every request builds it.
    event_queries()
    assert event_queries()[0] > 0

    settings.PAGE_CACHE_SECONDS = 300
    settings.VAR_DIR = tmp_path
    cache.clear()
    event_queries()
    built_once, _body = event_queries()
    assert built_once == 0
    # Any change of content shows at once: an event unpublished, a category renamed.
    every_field[3].unpublish()
    queries, body = event_queries()
    assert queries > 0 and "Festyn Sąsiedzki" not in summaries(body)
    renamed = EventCategory.objects.get(slug="warsztaty", locale__language_code="pl")
    renamed.name = "Warsztaty rękodzieła"
    renamed.save()
    _queries, body = event_queries()
    categories = {str(e["SUMMARY"]): e.get("CATEGORIES") for e in body.walk("VEVENT")}
    assert categories["Warsztaty ceramiki; glina, koło\\szkliwo"].cats == ["Warsztaty rękodzieła"]


def test_text_is_escaped_and_lines_are_folded_at_75_octets(client, calendar, every_field):
    response = client.get(every_field[0].url + "ical/")
    lines = response.content.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    cal = parse(response)
    master = next(e for e in cal.walk("VEVENT") if "RRULE" in e)
    assert str(master["SUMMARY"]) == "Warsztaty ceramiki; glina, koło\\szkliwo"
    assert str(master["DESCRIPTION"]).startswith("Lepimy z gliny.\nKawa, herbata; ciasto.")
    assert master["X-PORTAL-PRICE"].to_ical() == "20 zł\\, ulgowy 10 zł".encode()
    assert str(master["CATEGORIES"].cats[0]) == category("warsztaty").name
    assert master["GEO"].latitude == pytest.approx(52.4064)
    structured = master["X-APPLE-STRUCTURED-LOCATION"]
    assert structured.params["X-TITLE"] == "Pracownia „Glina”"
    assert structured.params["X-ADDRESS"] == "ul. Klonowa 5, Poznań"
    assert str(master["ORGANIZER"]) == "mailto:biuro@srebrni.example.org"
    assert master["ORGANIZER"].params["CN"] == "Srebrni Sąsiedzi"


def test_an_imported_new_york_series_goes_out_with_the_hours_the_portal_shows(client, homes):
    # Its rule belongs to New York: written as a rule in Warsaw time it would say 16:00 in the
    # weeks only New York has summer time, where the portal (and the source) say 15:00.
    import recurring_ical_events

    from tests.calendar.test_ical_import import MINIMAL, import_published

    calendar = CalendarPageFactory(parent=homes["pl"])
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    ngo = OrganizationPageFactory(parent=directory, title="Stowarzyszenie Lipowa")
    import_published(ngo, MINIMAL / "new_york.ics")
    feed = parse(client.get(calendar.url + "ical/"))
    window = (
        datetime.datetime(2027, 3, 1, tzinfo=WARSAW),
        datetime.datetime(2027, 4, 30, tzinfo=WARSAW),
    )
    starts = sorted(
        e.decoded("DTSTART").astimezone(WARSAW).strftime("%m-%d %H:%M")
        for e in recurring_ical_events.of(feed).between(*window)
    )
    assert starts == [
        "03-02 16:00",
        "03-09 16:00",
        "03-16 15:00",
        "03-23 15:00",
        "03-30 16:00",
        "04-06 16:00",
    ]
