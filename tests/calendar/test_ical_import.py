"""Importing an organization's calendar: from files and a local HTTP server, never the internet."""

import datetime
import http.server
import io
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from pages.calendar.events import candidates, expand, occurrences
from pages.calendar.importer import import_feed
from pages.calendar.models import EventPage, OrganizationCalendarFeed
from tests.calendar.factories import CalendarPageFactory, OrganizationCalendarFeedFactory
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
YEAR = timezone.localdate().year + 1


def ics(*events, extra=""):
    body = "\r\n".join(events)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n"
        f"{extra}{body}\r\nEND:VCALENDAR\r\n"
    ).encode()


def vevent(uid, summary, start, end, *lines, sequence=0):
    parts = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{summary}",
        f"DTSTART;TZID=Europe/Warsaw:{start}",
        f"DTEND;TZID=Europe/Warsaw:{end}",
        "DTSTAMP:20260101T000000Z",
        f"SEQUENCE:{sequence}",
        *lines,
        "END:VEVENT",
    ]
    return "\r\n".join(parts)


TIMEZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
)


def feed_bytes(sequence=0, with_second=True, title="Spotkanie sąsiedzkie"):
    events = [
        vevent(
            "meeting-1@ngo.example.org",
            title,
            f"{YEAR}0302T180000",
            f"{YEAR}0302T200000",
            "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10",
            f"EXDATE;TZID=Europe/Warsaw:{YEAR}0309T180000",
            "LOCATION:Klub Osiedlowy\\, ul. Lipowa 1",
            sequence=sequence,
        ),
        vevent(
            "meeting-1@ngo.example.org",
            title,
            f"{YEAR}0317T170000",
            f"{YEAR}0317T190000",
            f"RECURRENCE-ID;TZID=Europe/Warsaw:{YEAR}0316T180000",
            "LOCATION:Sala B",
            sequence=sequence,
        ),
    ]
    if with_second:
        events.append(
            vevent("fair-2@ngo.example.org", "Festyn", f"{YEAR}0607T120000", f"{YEAR}0607T180000")
        )
    return ics(*events, extra=TIMEZONE)


@pytest.fixture
def organization(homes):
    CalendarPageFactory(parent=homes["pl"])
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    return OrganizationPageFactory(parent=directory, title="Stowarzyszenie Lipowa")


@pytest.fixture
def other_organization(homes, organization):
    return OrganizationPageFactory(parent=organization.get_parent(), title="Fundacja Inna")


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_from_a_file_creates_drafts_with_rule_and_exceptions(client, tmp_path, organization):
    path = write(tmp_path, "feed.ics", feed_bytes())
    call_command("import_ical", path, organization=organization.pk, stdout=io.StringIO())
    events = EventPage.objects.filter(organizer=organization).order_by("start")
    assert [e.title for e in events] == ["Spotkanie sąsiedzkie", "Festyn"]
    assert not any(e.live for e in events)  # drafts, to be reviewed
    calendar = events[0].get_parent()
    assert b"Festyn" not in client.get(calendar.url).content
    assert b"Festyn" not in client.get(calendar.url + "ical/").content
    meeting = events[0].get_latest_revision_as_object()
    assert set(meeting.rrule.split(";")) == {"FREQ=WEEKLY", "BYDAY=TU", "COUNT=10"}
    assert meeting.venue_name == "Klub Osiedlowy, ul. Lipowa 1"
    assert meeting.source_uid == "meeting-1@ngo.example.org"
    kinds = sorted(
        (e.kind, timezone.localtime(e.original_start).day) for e in meeting.exceptions.all()
    )
    assert kinds == [("cancelled", 9), ("moved", 16)]
    meeting.save_revision().publish()
    meeting = EventPage.objects.get(pk=meeting.pk)
    found = occurrences(meeting, meeting.start, meeting.start + datetime.timedelta(days=21))
    assert [(o.status, timezone.localtime(o.start).day) for o in found] == [
        ("scheduled", 2),
        ("cancelled", 9),
        ("moved", 17),
    ]


def test_importing_again_updates_only_what_changed_and_cancels_what_disappeared(
    tmp_path, organization
):
    path = write(tmp_path, "feed.ics", feed_bytes())
    feed = OrganizationCalendarFeedFactory(organization=organization, url=path)
    first = import_feed(feed, feed.url)
    assert (first.created, first.error) == (2, "")
    again = import_feed(feed, feed.url)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert EventPage.objects.filter(organizer=organization).count() == 2

    write(tmp_path, "feed.ics", feed_bytes(sequence=1, with_second=False, title="Spotkanie (nowe)"))
    third = import_feed(feed, feed.url)
    assert (third.created, third.updated, third.cancelled) == (0, 1, 1)
    drafts = {
        page.source_uid: page.get_latest_revision_as_object()
        for page in EventPage.objects.filter(organizer=organization)
    }
    assert drafts["meeting-1@ngo.example.org"].title == "Spotkanie (nowe)"
    assert drafts["fair-2@ngo.example.org"].status == "cancelled"


def test_a_feed_cannot_take_over_another_organizations_event(
    tmp_path, organization, other_organization
):
    path = write(tmp_path, "feed.ics", feed_bytes())
    call_command("import_ical", path, organization=organization.pk, stdout=io.StringIO())
    call_command("import_ical", path, organization=other_organization.pk, stdout=io.StringIO())
    assert EventPage.objects.filter(organizer=organization).count() == 2
    assert EventPage.objects.filter(organizer=other_organization).count() == 2


def test_google_feed_with_x_wr_timezone_is_repaired(tmp_path, organization):
    # Google writes UTC times and names the zone only in X-WR-TIMEZONE.
    data = ics(
        "BEGIN:VEVENT\r\nUID:g1@google.com\r\nSUMMARY:Dyżur\r\n"
        f"DTSTART:{YEAR}0105T100000Z\r\nDTEND:{YEAR}0105T160000Z\r\n"
        "RRULE:FREQ=WEEKLY\r\nDTSTAMP:20260101T000000Z\r\nEND:VEVENT",
        extra="X-WR-TIMEZONE:Europe/Warsaw\r\n",
    )
    feed = OrganizationCalendarFeedFactory(
        organization=organization, url=write(tmp_path, "google.ics", data)
    )
    assert import_feed(feed, feed.url).created == 1
    event = EventPage.objects.get(source_uid="g1@google.com")
    local = timezone.localtime(event.start)
    assert (local.hour, str(local.tzinfo)) == (11, "Europe/Warsaw")
    summer = occurrences(
        event,
        datetime.datetime(YEAR, 7, 1, tzinfo=WARSAW),
        datetime.datetime(YEAR, 7, 8, tzinfo=WARSAW),
    )
    # The rule runs in Warsaw time: still 11:00 in July (09:00 UTC), as Google shows it.
    assert [timezone.localtime(o.start).hour for o in summer] == [11]


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body>Not a calendar</body></html>",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:no end",
        b"",
    ],
)
def test_a_broken_file_imports_nothing_and_is_reported(tmp_path, organization, content):
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=write(tmp_path, "bad.ics", content)
    )
    result = import_feed(feed, feed.url)
    assert result.error
    feed.refresh_from_db()
    assert feed.last_error == result.error and feed.last_imported_at is None
    assert not EventPage.objects.exists()


def test_one_bad_event_is_skipped_and_named_the_others_are_imported(tmp_path, organization):
    data = ics(
        vevent("ok@x", "Dobre", f"{YEAR}0101T100000", f"{YEAR}0101T110000"),
        vevent("bad@x", "Złe", f"{YEAR}0101T100000", f"{YEAR}0101T090000"),
    )
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=write(tmp_path, "f.ics", data)
    )
    with translation.override("en"):
        result = import_feed(feed, feed.url)
    assert (result.error, result.created) == ("", 1)
    feed.refresh_from_db()
    assert feed.last_error == "„Złe” (bad@x): It ends before it starts. The event is skipped."
    assert [e.title for e in EventPage.objects.all()] == ["Dobre"]


def test_a_file_over_the_size_limit_is_refused(tmp_path, organization, settings):
    settings.PORTAL_ICAL_IMPORT_MAX_BYTES = 1024
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization,
        url=write(tmp_path, "big.ics", feed_bytes() + b" " * 2048),
    )
    with translation.override("en"):
        error = import_feed(feed, feed.url).error
    assert error == "The file is larger than the limit of 1.0\xa0KB."
    assert not EventPage.objects.exists()


class FeedHandler(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):
        status, content_type, body, delay = self.routes.get(self.path, (404, "text/plain", b"", 0))
        if delay:
            time.sleep(delay)
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", content_type)
        else:
            self.send_header("Content-Type", content_type)
        if not self.path.startswith("/stream"):  # a body of unknown length, up to the close
            self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer gave up (a timeout or a size limit): what the test wants

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_all_feeds_from_http_one_broken_does_not_stop_the_others(
    server, organization, other_organization, settings, monkeypatch
):
    monkeypatch.setattr("pages.calendar.importer.DEFAULT_TIMEOUT", 0.5)
    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = True  # the test server is on 127.0.0.1
    settings.PORTAL_ICAL_IMPORT_MAX_BYTES = 10_000
    FeedHandler.routes = {
        "/good.ics": (200, "text/calendar; charset=utf-8", feed_bytes(), 0),
        "/moved.ics": (302, "/good.ics", b"", 0),
        "/page.html": (200, "text/html", feed_bytes(), 0),
        "/slow.ics": (200, "text/calendar", feed_bytes(), 2),
        "/missing.ics": (404, "text/plain", b"", 0),
        "/stream-big.ics": (200, "text/calendar", feed_bytes() + b" " * 20_000, 0),
    }
    good = OrganizationCalendarFeed.objects.create(
        organization=organization, url=f"{server}/moved.ics"
    )
    bad = [
        OrganizationCalendarFeed.objects.create(organization=other_organization, url=f"{server}{p}")
        for p in ("/page.html", "/slow.ics", "/missing.ics", "/stream-big.ics")
    ]
    OrganizationCalendarFeed.objects.create(
        organization=other_organization, url=f"{server}/good.ics", active=False
    )
    with pytest.raises(CommandError, match="4 of 5 feeds"):
        call_command("import_ical", all=True, stdout=io.StringIO(), stderr=io.StringIO())
    good.refresh_from_db()
    assert good.last_error == "" and good.last_imported_at is not None
    assert EventPage.objects.filter(organizer=organization).count() == 2
    assert not EventPage.objects.filter(organizer=other_organization).exists()
    errors = {}
    for feed in bad:
        feed.refresh_from_db()
        errors[feed.url.rsplit("/", 1)[1]] = feed.last_error
    assert "text/html" in errors["page.html"]
    assert "in time" in errors["slow.ics"] or "na czas" in errors["slow.ics"]
    assert "404" in errors["missing.ics"]
    assert "9,8" in errors["stream-big.ics"]  # the limit, 9,8 KB, in the portal's language


def test_stored_addresses_must_be_public_http(server, organization, settings):
    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = False
    FeedHandler.routes = {"/good.ics": (200, "text/calendar", feed_bytes(), 0)}
    with translation.override("en"):
        private = import_feed(
            OrganizationCalendarFeed.objects.create(
                organization=organization, url=f"{server}/good.ics"
            )
        )
        local_file = import_feed(
            OrganizationCalendarFeed.objects.create(organization=organization, url="/etc/hostname")
        )
    assert private.error == "The address points into a private network."
    assert local_file.error == "Only http, https addresses and files can be imported."
    assert not EventPage.objects.exists()


def test_command_needs_an_organization_or_all():
    with pytest.raises(CommandError):
        call_command("import_ical", "feed.ics")


def test_editors_see_why_a_feed_was_refused(admin_client, tmp_path, organization):
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url="https://calendar.example.org/ngo.ics"
    )
    import_feed(feed, write(tmp_path, "bad.ics", b"<html>nope</html>"))
    response = admin_client.get("/admin/snippets/ngo_calendar/organizationcalendarfeed/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "https://calendar.example.org/ngo.ics" in text
    assert "To nie jest poprawny plik iCalendar." in text or "not a valid iCalendar" in text


# The hourly import: every feed is tried, every error recorded, no fetch holds it up


def test_all_goes_on_after_broken_rules_and_addresses_and_records_each_error(
    server, organization, other_organization, settings, monkeypatch
):
    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = True  # the test server is on 127.0.0.1
    FeedHandler.routes = {
        "/interval0.ics": (
            200,
            "text/calendar",
            ics(
                vevent(
                    "i0@x",
                    "Zero",
                    f"{YEAR}0105T100000",
                    f"{YEAR}0105T110000",
                    "RRULE:FREQ=WEEKLY;INTERVAL=0",
                )
            ),
            0,
        ),
        "/year10000.ics": (
            200,
            "text/calendar",
            ics(
                vevent(
                    "y@x",
                    "Do roku 10000",
                    f"{YEAR}0105T100000",
                    f"{YEAR}0105T110000",
                    "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
                ),
                "BEGIN:VEVENT\r\nUID:far@x\r\nSUMMARY:Daleko\r\nDTSTART:99991231T230000Z\r\n"
                "DTEND:99991231T235959Z\r\nEND:VEVENT",
            ),
            0,
        ),
        "/crash.ics": (200, "text/calendar", feed_bytes(), 0),
        "/good.ics": (200, "text/calendar", feed_bytes(), 0),
    }
    port = server.rsplit(":", 1)[1]
    feeds = [
        OrganizationCalendarFeed.objects.create(organization=other_organization, url=url)
        for url in (
            f"{server}/interval0.ics",
            f'http://127.0.0.1:{port}"/quote.ics',
            f'{server}/quo"te.ics',
            f"{server}/year10000.ics",
            f"{server}/crash.ics",
        )
    ]
    good = OrganizationCalendarFeed.objects.create(
        organization=organization, url=f"{server}/good.ics"
    )

    from pages.calendar import importer as ical

    write = ical._write

    def crash_on_one_feed(feed, *args):
        if feed.url.endswith("/crash.ics"):
            raise RuntimeError("a defect of the importer")
        return write(feed, *args)

    monkeypatch.setattr(ical, "_write", crash_on_one_feed)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="3 of 6 feeds"):
        call_command("import_ical", all=True, stdout=io.StringIO(), stderr=stderr)
    # The feed after the broken ones was imported.
    good.refresh_from_db()
    assert good.last_error == "" and good.last_imported_at is not None
    assert EventPage.objects.filter(organizer=organization).count() == 2
    errors = []
    for feed in feeds:
        feed.refresh_from_db()
        errors.append(feed.last_error)
    interval0, port_quote, path_quote, year10000, crash = errors
    zero = EventPage.objects.get(source_uid="i0@x").get_latest_revision_as_object()
    assert zero.rrule == "FREQ=WEEKLY"  # INTERVAL=0 read as every week
    assert port_quote and path_quote  # refused, and said so on the feed
    # The rule to year 10000 runs to the horizon like a rule without an end; the event in
    # year 9999 is skipped with a warning.
    far = EventPage.objects.get(source_uid="y@x")
    assert far.ends_at is None and far.rrule.startswith("FREQ=DAILY;UNTIL=9999")
    assert not EventPage.objects.filter(source_uid="far@x").exists()
    assert "far@x" in year10000
    assert "RuntimeError" in crash
    assert "RuntimeError" in stderr.getvalue()


class DripHandler(http.server.BaseHTTPRequestHandler):
    """A server that promises a calendar and sends it one byte at a time, slowly."""

    def do_GET(self):
        if self.path == "/headers.ics":
            # The headers themselves, a byte at a time (each line stays within any limit).
            head = b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nX-Slow: " + b"x" * 300
            data = head + b"\r\n\r\n" + feed_bytes()
        else:
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", "400")
            self.end_headers()
            data = feed_bytes()[:400]
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer gave up: what the test wants

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), DripHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/body.ics", "/headers.ics"])
def test_a_server_dripping_bytes_is_cut_at_the_total_budget(
    drip_server, organization, settings, path
):
    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = True
    # Each byte comes well within the per-read timeout (10 s); the whole budget is 1 s.
    settings.PORTAL_ICAL_IMPORT_TOTAL_SECONDS = 1
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=f"{drip_server}{path}"
    )
    with translation.override("en"):
        result = import_feed(feed)
    assert result.error == "The address did not answer in time."
    feed.refresh_from_db()
    assert feed.last_error == result.error
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "[::1]",
        "[::127.0.0.1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[2002:7f00:1::1]",
        "[fd00::1]",
        "10.0.0.1",
        "169.254.169.254",
    ],
)
def test_loopback_and_private_addresses_in_any_ip_form_are_refused(organization, address, settings):
    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = False
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=f"http://{address}:8000/kalendarz.ics"
    )
    with translation.override("en"):
        assert import_feed(feed).error == "The address points into a private network."


def test_the_fetch_connects_to_the_address_that_was_checked(organization, settings, monkeypatch):
    """No DNS rebinding: the name is resolved once, and that checked address is connected to."""
    import socket

    import urllib3.util.connection

    settings.PORTAL_ICAL_IMPORT_ALLOW_PRIVATE = False
    public = "93.184.215.14"
    answers = iter([public, "127.0.0.1", "127.0.0.1"])

    def rebinding_dns(host, port, *args, **kwargs):
        # First a public address (it passes the check), then the server's own loopback.
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    connected = []

    def no_network(address, *args, **kwargs):
        connected.append(address[0])
        raise ConnectionRefusedError

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    monkeypatch.setattr(urllib3.util.connection, "create_connection", no_network)
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url="http://calendar.example.org/ngo.ics"
    )
    assert import_feed(feed).error
    assert connected == [public]


# Real-world recurrence, each cause in a minimal file of tests/data/ical/minimal/

MINIMAL = Path(__file__).parents[1] / "data" / "ical" / "minimal"
# Before every date of the minimal files: none of them is skipped as past.
LONG_AGO = datetime.datetime(1997, 1, 1, tzinfo=datetime.UTC)


def import_published(organization, name, now=LONG_AGO):
    """Import a file and publish what it created, as a moderator would."""
    feed = OrganizationCalendarFeed.objects.create(organization=organization, url=str(name))
    result = import_feed(feed, feed.url, now=now)
    for page in EventPage.objects.filter(source_feed=feed):
        page.get_latest_revision().publish()
    return result


def shown(start, end):
    """What the calendar lists between two local dates: (local start, status), in order."""
    range_start = datetime.datetime(*start, tzinfo=WARSAW)
    range_end = datetime.datetime(*end, tzinfo=WARSAW)
    events = candidates(EventPage.objects.live(), range_start, range_end)
    return [
        (o.local_start.strftime("%Y-%m-%d %H:%M"), o.status)
        for o in expand(events, range_start, range_end)
    ]


def dates(found, status="scheduled"):
    return [when for when, state in found if state == status]


def test_a_two_day_all_day_weekly_event_imports_and_fills_both_days(client, organization):
    result = import_published(organization, MINIMAL / "allday_two_days_weekly_monday.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 1)
    assert dates(shown((2027, 1, 1), (2027, 2, 1))) == [
        "2027-01-04 00:00",
        "2027-01-11 00:00",
        "2027-01-18 00:00",
    ]
    calendar = EventPage.objects.get().get_parent()
    doc = BeautifulSoup(client.get(calendar.url + "miesiac/2027/01/").content, "html.parser")
    days = [
        cell.select_one(".visually-hidden").get_text()
        for cell in doc.select("td.month-grid__day")
        if "Zbiórka dwudniowa" in cell.get_text()
    ]
    assert len(days) == 6  # 4-5, 11-12 and 18-19 January


def test_a_tuesday_start_of_a_monday_rule_imports_as_the_source_counts_it(organization):
    result = import_published(organization, MINIMAL / "tuesday_start_monday_rule.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 1)
    # The first start counts as a date (RFC 5545, as calendar programs show it).
    assert dates(shown((2027, 1, 1), (2027, 3, 1))) == [
        "2027-01-05 18:00",
        "2027-01-11 18:00",
        "2027-01-18 18:00",
        "2027-01-25 18:00",
    ]


def test_an_events_url_is_its_registration_link_even_with_a_space(client, organization):
    result = import_published(organization, MINIMAL / "url_with_space.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 1)
    event = EventPage.objects.get()
    assert event.registration_url == "https://ngo.example.org/zapisy%20na%20warsztaty"
    assert event.online_url == "" and not event.is_online
    assert event.venue_name == "Dom Kultury, ul. Lipowa 1"
    html = client.get(event.url).content.decode()
    assert 'href="https://ngo.example.org/zapisy%20na%20warsztaty"' in html


def test_until_in_utc_earlier_in_the_day_than_the_start_ends_the_series_the_day_before(
    organization,
):
    import_published(organization, MINIMAL / "until_utc_before_start_time.ics")
    # UNTIL=20270119T165959Z is 17:59:59 in Warsaw: the 18:00 meeting of 19 January is not.
    assert dates(shown((2026, 12, 1), (2027, 3, 1))) == [
        "2026-12-29 18:00",
        "2027-01-05 18:00",
        "2027-01-12 18:00",
    ]


def test_a_series_in_new_york_keeps_new_york_hours_shown_in_warsaw_time(client, organization):
    import_published(organization, MINIMAL / "new_york.ics")
    # 10:00 in New York is 16:00 in Warsaw, 15:00 in the weeks only New York has summer time.
    assert dates(shown((2027, 3, 1), (2027, 4, 30))) == [
        "2027-03-02 16:00",
        "2027-03-09 16:00",
        "2027-03-16 15:00",
        "2027-03-23 15:00",
        "2027-03-30 16:00",
        "2027-04-06 16:00",
    ]
    calendar = EventPage.objects.get().get_parent()
    html = client.get(calendar.url + "miesiac/2027/03/").content.decode()
    assert "15:00" in html and "16:00" in html


def test_rdate_adds_dates_to_the_series(organization):
    import_published(organization, MINIMAL / "rdate.ics")
    assert dates(shown((2027, 1, 1), (2027, 3, 1))) == [
        "2027-01-11 10:00",
        "2027-01-20 10:00",
        "2027-02-03 15:00",
    ]


def test_two_rules_both_give_their_dates(organization):
    import_published(organization, MINIMAL / "two_rrules.ics")
    assert dates(shown((2027, 1, 1), (2027, 2, 1))) == [
        "2027-01-04 17:00",
        "2027-01-07 17:00",
        "2027-01-11 17:00",
        "2027-01-14 17:00",
        "2027-01-18 17:00",
        "2027-01-21 17:00",
    ]


def test_changed_occurrences_without_their_series_are_each_an_event(organization):
    result = import_published(organization, MINIMAL / "overrides_without_master.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 2)
    assert dates(shown((2027, 1, 1), (2027, 2, 1))) == ["2027-01-13 17:00", "2027-01-26 19:00"]


def test_range_thisandfuture_moves_that_date_and_every_later_one(organization):
    import_published(organization, MINIMAL / "range_thisandfuture.ics")
    assert shown((2027, 1, 1), (2027, 3, 1)) == [
        ("2027-01-05 18:00", "scheduled"),
        ("2027-01-12 18:00", "scheduled"),
        ("2027-01-19 17:00", "moved"),
        ("2027-01-26 17:00", "scheduled"),
        ("2027-02-02 17:00", "scheduled"),
    ]


def test_exdate_given_as_a_date_cancels_that_days_occurrence_of_a_timed_series(organization):
    import_published(organization, MINIMAL / "exdate_date_on_timed_series.ics")
    assert shown((2027, 1, 1), (2027, 2, 1)) == [
        ("2027-01-04 10:00", "scheduled"),
        ("2027-01-05 10:00", "scheduled"),
        ("2027-01-06 10:00", "cancelled"),
        ("2027-01-07 10:00", "scheduled"),
        ("2027-01-08 10:00", "scheduled"),
    ]


def test_wkst_sunday_gives_the_dates_of_rfc_5545s_example(organization):
    import_published(organization, MINIMAL / "wkst_su_rfc5545.ics")
    # RFC 5545, 3.8.5.3: with WKST=SU, 5, 17, 19 and 31 August 1997 (15:00 in Warsaw).
    assert dates(shown((1997, 8, 1), (1997, 9, 30))) == [
        "1997-08-05 15:00",
        "1997-08-17 15:00",
        "1997-08-19 15:00",
        "1997-08-31 15:00",
    ]


def test_count_above_500_is_kept(organization):
    import_published(organization, MINIMAL / "count_1000.ics")
    found = dates(shown((2027, 1, 1), (2030, 1, 1)))
    assert (len(found), found[-1]) == (1000, "2029-09-26 08:00")
    event = EventPage.objects.get()
    assert timezone.localtime(event.ends_at) == datetime.datetime(2029, 9, 26, 8, 30, tzinfo=WARSAW)


def test_the_second_tuesday_of_the_month_is_kept_and_said_in_words(client, organization):
    import_published(organization, MINIMAL / "monthly_second_tuesday.ics")
    assert dates(shown((2027, 1, 1), (2027, 6, 1))) == [
        "2027-01-12 18:00",
        "2027-02-09 18:00",
        "2027-03-09 18:00",
        "2027-04-13 18:00",
    ]
    event = EventPage.objects.get()
    with translation.override("en"):
        assert event.source_rule_text == "every month, on the 2. Tuesday of the month, 4 times"
    html = client.get(event.url).content.decode()
    assert (
        "Powtarza się jak w kalendarzu źródłowym: co miesiąc, w 2. wtorek miesiąca, 4 razy." in html
    )


def test_an_editor_sees_the_imported_rule_in_words_where_the_form_cannot_show_it(
    admin_client, organization
):
    import_published(organization, MINIMAL / "monthly_second_tuesday.ics")
    event = EventPage.objects.get()
    page = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "Powtarza się jak w kalendarzu źródłowym: co miesiąc, w 2. wtorek miesiąca" in page
    assert "pola poniżej ich nie zmieniają" in page
    # An editor's own event has no such note: its rule is the form's.
    event.source_ical = ""
    event.save()
    page = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "Powtarza się jak w kalendarzu źródłowym" not in page


def test_changes_arrive_by_content_and_a_cancellation_reaches_the_published_page(
    client, tmp_path, organization
):
    path = write(tmp_path, "feed.ics", feed_bytes())
    feed = OrganizationCalendarFeedFactory(organization=organization, url=path)
    import_feed(feed, feed.url)
    fair = EventPage.objects.get(source_uid="fair-2@ngo.example.org")
    fair.get_latest_revision().publish()
    # A new title, the same SEQUENCE and no LAST-MODIFIED: the edit still arrives.
    write(tmp_path, "feed.ics", feed_bytes(title="Spotkanie (przeniesione)"))
    assert import_feed(feed, feed.url).updated == 1
    meeting = EventPage.objects.get(source_uid="meeting-1@ngo.example.org")
    assert meeting.get_latest_revision_as_object().title == "Spotkanie (przeniesione)"
    # The fair disappears from the feed: residents read at once that it is cancelled.
    write(tmp_path, "feed.ics", feed_bytes(with_second=False))
    assert import_feed(feed, feed.url).cancelled == 1
    assert "To wydarzenie zostało odwołane." in client.get(fair.url).content.decode()
    # It comes back unchanged: it is no longer cancelled, on the published page too.
    write(tmp_path, "feed.ics", feed_bytes())
    import_feed(feed, feed.url)
    fair = EventPage.objects.get(pk=fair.pk)
    assert fair.status == "scheduled" and fair.live
    assert "odwołane" not in client.get(fair.url).content.decode()


def test_a_second_event_with_the_same_uid_is_refused_by_name(tmp_path, organization):
    data = ics(
        vevent("same@x", "Pierwsze", f"{YEAR}0110T100000", f"{YEAR}0110T110000"),
        vevent("same@x", "Drugie", f"{YEAR}0111T100000", f"{YEAR}0111T110000"),
    )
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=write(tmp_path, "f.ics", data)
    )
    with translation.override("en"):
        result = import_feed(feed, feed.url)
    assert [e.title for e in EventPage.objects.all()] == ["Pierwsze"]
    assert result.warnings == [
        "„Drugie” (same@x): Another event of the file has the same UID; the first one is "
        "imported. The event is skipped."
    ]


def test_an_event_is_online_only_when_its_place_or_a_conference_link_says_so(
    tmp_path, organization
):
    data = ics(
        vevent(
            "web@x",
            "Webinar",
            f"{YEAR}0110T100000",
            f"{YEAR}0110T110000",
            "LOCATION:https://meet.example.org/abc",
            "URL:https://ngo.example.org/webinar",
        ),
        vevent(
            "meet@x",
            "Spotkanie",
            f"{YEAR}0111T100000",
            f"{YEAR}0111T110000",
            "X-GOOGLE-CONFERENCE:https://meet.google.com/xyz-abcd-efg",
        ),
        vevent(
            "site@x",
            "Festyn",
            f"{YEAR}0112T100000",
            f"{YEAR}0112T110000",
            "LOCATION:Park Miejski",
            "URL:https://ngo.example.org/festyn",
        ),
    )
    feed = OrganizationCalendarFeed.objects.create(
        organization=organization, url=write(tmp_path, "f.ics", data)
    )
    import_feed(feed, feed.url)
    links = {
        e.source_uid: (e.online_url, e.registration_url, e.venue_name)
        for e in EventPage.objects.all()
    }
    assert links == {
        "web@x": ("https://meet.example.org/abc", "https://ngo.example.org/webinar", ""),
        "meet@x": ("https://meet.google.com/xyz-abcd-efg", "", ""),
        "site@x": ("", "https://ngo.example.org/festyn", "Park Miejski"),
    }


def test_a_newer_version_of_an_event_in_the_same_file_replaces_the_older_one(organization):
    # Google writes an edited series again with a higher SEQUENCE next to the old one: the
    # newer one excludes 12 January, so the old version's move of that date is gone too.
    result = import_published(organization, MINIMAL / "newer_version_same_uid.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 1)
    assert EventPage.objects.get().title == "Próba chóru w nowej sali"
    assert shown((2027, 1, 1), (2027, 2, 1)) == [
        ("2027-01-05 18:00", "scheduled"),
        ("2027-01-12 18:00", "cancelled"),
        ("2027-01-19 18:00", "scheduled"),
        ("2027-01-26 18:00", "scheduled"),
    ]


def test_an_all_day_event_ending_at_a_utc_midnight_stays_all_day(client, organization):
    result = import_published(organization, MINIMAL / "allday_start_utc_end.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 2)
    found = expand(candidates(EventPage.objects.live(), *WINDOW_2027), *WINDOW_2027)
    assert [(o.event.title, o.local_start.strftime("%m-%d %H:%M")) for o in found] == [
        ("Kiermasz", "01-02 00:00"),
        ("Kiermasz", "01-09 00:00"),
        ("Kiermasz", "01-16 00:00"),
        ("Przerwa wakacyjna", "07-26 00:00"),
    ]
    assert all(o.event.all_day and not o.is_multi_day for o in found[:3])
    holiday = found[3]
    assert (holiday.local_start.date(), holiday.last_day) == (
        datetime.date(2027, 7, 26),
        datetime.date(2027, 8, 15),
    )
    page = client.get(holiday.event.url).content.decode()
    assert "02:00" not in page and "01:00" not in page


def test_an_event_without_a_title_or_uid_imports_as_untitled(organization):
    result = import_published(organization, MINIMAL / "untitled_event.ics")
    assert (result.error, result.warnings, result.created) == ("", [], 1)
    assert shown((2027, 2, 1), (2027, 2, 2)) == [("2027-02-01 10:00", "scheduled")]
    assert EventPage.objects.get().title == "Wydarzenie bez tytułu"


WINDOW_2027 = (
    datetime.datetime(2027, 1, 1, tzinfo=WARSAW),
    datetime.datetime(2028, 1, 1, tzinfo=WARSAW),
)
