"""Import an organization's own calendar (an ICS file or address) as draft events.

A feed is read whole and checked before anything is written: a file that is not iCalendar, is
larger than the limit, comes with a wrong content type, or does not answer in time is reported,
and nothing of it is imported (other feeds of an ``--all`` run go on). Within a readable file,
an event that cannot be imported is skipped with a warning naming it and why; the others are.
Events become DRAFT EventPages under the Polish calendar, to be reviewed and published by the
city; they are found again by their UID (within the same organization: a feed cannot take over
another organization's events), updated when their content changes (a hash of the normalized
VEVENTs: many servers never raise SEQUENCE), and cancelled when they disappear from the feed (a
cancellation reaches the published page at once; an event that comes back is restored). A
recurring event keeps its source's VEVENTs and is expanded as its source defines it
(``pages.calendar.events``). Google's feeds that name their zone in X-WR-TIMEZONE only are
repaired with the x-wr-timezone package.
"""

import contextlib
import datetime
import hashlib
import ipaddress
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urljoin, urlparse

import certifi
import urllib3
import x_wr_timezone
from anyascii import anyascii
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.parser import unescape_backslash

from pages.bounds import EARLIEST_DATE, horizon_date
from pages.calendar.events import warsaw
from pages.calendar.ical import ACCESSIBILITY
from pages.calendar.models import CalendarPage, EventPage, OrganizationCalendarFeed

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Each connect or read waits at most DEFAULT_TIMEOUT; the whole fetch of a feed, redirects
# included, at most PORTAL_ICAL_IMPORT_TOTAL_SECONDS.
DEFAULT_TIMEOUT = 10
DEFAULT_TOTAL_SECONDS = 30
MAX_EVENTS = 2000
MAX_REDIRECTS = 5
CONTENT_TYPES = {
    "text/calendar",
    "application/calendar",
    "application/ics",
    "text/x-vcalendar",
    "application/octet-stream",
    "text/plain",
}


class FeedError(Exception):
    """The feed cannot be imported at all; the message says why, for the organization."""


@dataclass
class ImportResult:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    skipped_past: int = 0
    warnings: list = field(default_factory=list)
    error: str = ""

    def summary(self):
        if self.error:
            return f"{self.source}: {self.error}"
        return (
            f"{self.source}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.cancelled} cancelled, "
            f"{self.skipped_past} past skipped (drafts to review)."
        )


def _too_large(limit):
    return _("The file is larger than the limit of %(size)s.") % {"size": filesizeformat(limit)}


def max_bytes():
    return getattr(settings, "PORTAL_ICAL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def read_source(source, timeout=None, allow_files=True):
    """The bytes of a feed from an http(s) address or a local file, within the size limit.

    Files are read only when an administrator names one on the command line; an address stored
    in a feed (``allow_files=False``) must be http(s).
    """
    limit = max_bytes()
    scheme = urlparse(source).scheme
    if scheme in ("http", "https"):
        return _download(source, limit, timeout or DEFAULT_TIMEOUT)
    if not allow_files or scheme not in ("", "file"):
        raise FeedError(_("Only http, https addresses and files can be imported."))
    path = Path(urlparse(source).path if scheme == "file" else source)
    try:
        if path.stat().st_size > limit:
            raise FeedError(_too_large(limit))
        return path.read_bytes()
    except OSError as error:
        raise FeedError(_("The file cannot be read: %(error)s") % {"error": error}) from None


# Networks an address may not lead into, besides what ipaddress calls non-global: the old
# IPv4-compatible form (``[::127.0.0.1]``) and NAT64, which carry an IPv4 address inside.
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def is_public_address(address):
    """True when ``address`` is on the public internet, in every IPv6 disguise of IPv4 too."""
    try:
        ip = ipaddress.ip_address(str(address).split("%")[0])
    except ValueError:
        return False
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public_address(embedded)
        if ip in _IPV4_COMPATIBLE or any(ip in network for network in _NAT64):
            return False
    return ip.is_global and not ip.is_multicast


def _allow_private():
    # Tests (a server on 127.0.0.1) and an intranet calendar; never the production default.
    return getattr(settings, "PORTAL_ICAL_IMPORT_ALLOW_PRIVATE", False)


def total_seconds():
    return getattr(settings, "PORTAL_ICAL_IMPORT_TOTAL_SECONDS", DEFAULT_TOTAL_SECONDS)


def _private():
    return FeedError(_("The address points into a private network."))


def _unreadable(reason):
    return FeedError(_("The address cannot be read: %(error)s") % {"error": reason})


def _target(url):
    """Scheme, host, port and path of an address, or FeedError for one that is not usable."""
    parts = urlparse(url)
    try:
        port = parts.port
        host = parts.hostname
    except ValueError:  # a port that is no number: ``http://example.org:80"/``
        raise _unreadable(_("not a valid address")) from None
    if parts.scheme not in ("http", "https") or not host:
        raise FeedError(_("Only http, https addresses and files can be imported."))
    if any(char in url for char in "\"'<>\\ \r\n\t") or not url.isascii():
        raise _unreadable(_("not a valid address"))
    port = port or (443 if parts.scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port, path


def _resolve(host, port):
    """The one address to connect to, after checking every address the name resolves to.

    The connection then goes to exactly this address (the name is not looked up again), so a
    DNS answer that changes between the check and the fetch cannot lead inside the network.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _unreadable("DNS") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise _unreadable("DNS")
    if not _allow_private() and not all(is_public_address(a) for a in addresses):
        raise _private()
    return addresses[0].split("%")[0]


class _Budget:
    """The total time one feed's fetch may take, redirects and every byte included.

    Timeouts of a socket count per operation: a server sending a byte every few seconds keeps
    each read within them for ever. At the end of the budget a timer shuts the connections
    down, which ends any read waiting on them, whatever it is reading (headers or body).
    """

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._sockets = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self):
        return self.deadline - time.monotonic()

    def register(self, sock):
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self):
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)

    def cancel(self):
        self._timer.cancel()


def _shutdown(sock):
    with contextlib.suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)


def _watched(connection_class, budget):
    class Connection(connection_class):
        def connect(self):
            super().connect()
            budget.register(self.sock)

    return Connection


def _open(url, budget, read_timeout):
    """Send the request to the checked address; the response with its headers read."""
    scheme, host, port, path = _target(url)
    address = _resolve(host, port)
    wait = min(read_timeout, max(budget.remaining(), 0.001))
    timeout = urllib3.Timeout(connect=wait, read=wait)
    options = {"timeout": timeout, "retries": False, "maxsize": 1}
    if scheme == "https":
        # The certificate and SNI are those of the name, the connection goes to the address.
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    pool.ConnectionCls = _watched(pool.ConnectionCls, budget)
    default_port = 443 if scheme == "https" else 80
    name = f"[{host}]" if ":" in host else host
    headers = {
        "Host": name if port == default_port else f"{name}:{port}",
        "Accept": "text/calendar",
        "Accept-Encoding": "identity",
        "User-Agent": "PortalNGO-ical-import",
    }
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except BaseException:
        pool.close()
        raise
    # The address the socket is connected to, checked again (belt and braces).
    sock = getattr(response.connection, "sock", None)
    if sock is not None and not _allow_private() and not is_public_address(sock.getpeername()[0]):
        response.release_conn()
        pool.close()
        raise _private()
    return response, pool


def _read_body(response, limit, budget):
    """The body within the size limit, read as it arrives until the end or the budget."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FeedError(_too_large(limit))
    chunks, size = [], 0
    while True:
        # ``read1`` returns what has arrived instead of waiting for a whole chunk.
        chunk = response.read1(64 * 1024)
        if budget.expired:  # the connection was cut: what was read is not the whole file
            raise TimeoutError
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FeedError(_too_large(limit))
        chunks.append(chunk)


def _download(url, limit, timeout):
    budget = _Budget(total_seconds())
    response = pool = None
    try:
        # Redirects are followed by hand, so that each address they lead to is checked too.
        for _redirect in range(MAX_REDIRECTS + 1):
            response, pool = _open(url, budget, timeout)
            location = response.headers.get("Location")
            if response.status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                response.release_conn()
                pool.close()
                response = pool = None
                continue
            break
        else:
            raise FeedError(_("The address redirects too many times."))
        if response.status != 200:
            raise FeedError(
                _("The address answered with HTTP status %(status)s.") % {"status": response.status}
            )
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type and content_type not in CONTENT_TYPES:
            raise FeedError(
                _("The address gives %(type)s, not an iCalendar file.") % {"type": content_type}
            )
        return _read_body(response, limit, budget)
    except (TimeoutError, urllib3.exceptions.TimeoutError):
        raise FeedError(_("The address did not answer in time.")) from None
    except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
        if budget.expired:
            raise FeedError(_("The address did not answer in time.")) from None
        raise _unreadable(type(error).__name__) from None
    finally:
        budget.cancel()
        if response is not None:
            response.release_conn()
        if pool is not None:
            pool.close()


@dataclass
class ParsedEvent:
    uid: str
    fields: dict
    sequence: int
    last_modified: datetime.datetime | None
    exceptions: list
    content_hash: str = ""
    label: str = ""


@dataclass
class ParsedFeed:
    events: list
    warnings: list
    # UIDs of events that could not be read this time: they are not "gone from the feed".
    failed: set = field(default_factory=set)

    def __iter__(self):  # ``events, warnings = parse_feed(...)``
        return iter((self.events, self.warnings))


class EventRefused(Exception):
    """One event cannot be imported; the message says why (the others go on)."""


def _aware(value, all_day=False):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):  # a "floating" time: the city's own
            value = value.replace(tzinfo=warsaw())
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=warsaw())


def _text(component, name, limit):
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip()[:limit] if value is not None else ""


def _label(component, uid=""):
    """How a warning names an event: its title and its UID."""
    summary = _text(component, "SUMMARY", 80)
    uid = uid or _text(component, "UID", 120) or "?"
    return f"„{summary}” ({uid})" if summary else uid


def _refused(label, reason):
    return _("%(event)s: %(reason)s The event is skipped.") % {"event": label, "reason": reason}


_url_validator = URLValidator(schemes=["http", "https"])


def _url(value):
    """A usable http(s) link of at most 200 characters, or "" (spaces are encoded)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    url = str(value).strip().replace(" ", "%20")
    if len(url) > 200:
        return ""
    try:
        _url_validator(url)
    except ValidationError:
        return ""
    return url


# Where calendar programs put a video meeting's link (RFC 7986, Google, Microsoft).
CONFERENCE_PROPERTIES = (
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
)


def event_fields(component):
    """The page fields of one VEVENT besides its times and rule: the one place fields map."""
    fields = _descriptive_fields(component)
    with translation.override("pl"):  # the title of a Polish page (imports go there)
        untitled = _("Untitled event")
    fields["title"] = _text(component, "SUMMARY", 255) or _text(component, "UID", 255) or untitled
    if "X-PORTAL-VENUE" not in component:
        # Another calendar's URL is where to read more or register, not where it is held; a
        # portal's own feed names its registration link and gives the page's address as URL.
        registration = _url(component.get("URL"))
        fields["registration_url"] = registration if registration != fields["online_url"] else ""
    return fields


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_feed(data):
    """The events of an ICS file; raises FeedError for a file that is not iCalendar at all.

    Events are grouped by UID (a master and its overrides); an event that cannot be read is
    skipped with a warning naming it and why, the others are imported.
    """
    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise FeedError(_("This is not a valid iCalendar file.")) from error
    if isinstance(calendar, list) or calendar.name != "VCALENDAR":
        raise FeedError(_("This is not a valid iCalendar file."))
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as error:  # noqa: BLE001 - any failure of the repair refuses the feed
        raise FeedError(_("The time zone of the file cannot be read.")) from error
    components = calendar.walk("VEVENT")
    if len(components) > MAX_EVENTS:
        raise FeedError(_("The file holds more than %(n)s events.") % {"n": MAX_EVENTS})
    timezones = {}
    for zone in calendar.walk("VTIMEZONE"):
        with contextlib.suppress(KeyError):
            timezones[str(zone["TZID"])] = zone
    feed = ParsedFeed(events=[], warnings=[])
    groups = {}
    for component in components:
        uid = _text(component, "UID", 255)
        if not uid:
            # RFC 5545 asks for one, yet some programs omit it: an event is then known by its
            # content (an edit imports as a new event, the old one is cancelled).
            try:
                uid = "no-uid-" + hashlib.sha256(_normalized(component).to_ical()).hexdigest()[:24]
            except Exception:  # noqa: BLE001 - an event too broken to serialize
                feed.warnings.append(_refused(_label(component), _("It has no UID.")))
                continue
        masters, overrides = groups.setdefault(uid, ([], []))
        (overrides if "RECURRENCE-ID" in component else masters).append(component)
    for uid, (masters, overrides) in groups.items():
        # Several versions of one event: the highest SEQUENCE is the newest (RFC 5546 §2.1.4),
        # the older ones are superseded; two of the same SEQUENCE are a conflict, named.
        masters = sorted(masters, key=_sequence, reverse=True)
        for duplicate in masters[1:]:
            if _sequence(duplicate) < _sequence(masters[0]):
                continue
            feed.warnings.append(
                _refused(
                    _label(duplicate, uid),
                    _("Another event of the file has the same UID; the first one is imported."),
                )
            )
        try:
            overrides = _newest_overrides(overrides)
            if masters:
                feed.events.append(_series(uid, masters[0], overrides, timezones, feed.warnings))
            else:
                # Changed occurrences whose series is not in the file: each is an event.
                for override in overrides:
                    key = _aware(override.decoded("RECURRENCE-ID")).astimezone(datetime.UTC)
                    own_uid = f"{uid[:230]}#{key:%Y%m%dT%H%M%SZ}"
                    feed.events.append(_series(own_uid, override, [], timezones, feed.warnings))
        except EventRefused as refusal:
            feed.failed.add(uid)
            feed.warnings.append(_refused(_label((masters or overrides)[0], uid), str(refusal)))
        except Exception as error:  # noqa: BLE001 - one event's defect must not stop the feed
            logger.info("iCal event %s cannot be read", uid, exc_info=True)
            feed.failed.add(uid)
            reason = _("It cannot be read (%(error)s).") % {"error": _short(error)}
            feed.warnings.append(_refused(_label((masters or overrides)[0], uid), reason))
    feed.events = [item for item in feed.events if item is not None]
    return feed


def _sequence(component):
    try:
        return int(component.get("SEQUENCE", 0) or 0)
    except (TypeError, ValueError):
        return 0


def _newest_overrides(overrides):
    """One override per changed date: the one of the highest SEQUENCE (the first of equals)."""
    newest = {}
    for component in overrides:
        recurrence_id = component.get("RECURRENCE-ID")
        key = (str(recurrence_id.params.get("TZID", "")), recurrence_id.to_ical())
        if key not in newest or _sequence(component) > _sequence(newest[key]):
            newest[key] = component
    return list(newest.values())


def _end_as_start(component):
    """DTEND in the value type of DTSTART, as RFC 5545 §3.8.2.2 asks.

    Some programs end an all-day event (or one at a floating time) at a UTC instant. The start
    is read as written: a date is the whole day, a floating time is the city's; the end follows
    it (recurring-ical-events would otherwise move the start into the end's zone: an all-day
    holiday shown from 02:00).
    """
    start, end = component.get("DTSTART"), component.get("DTEND")
    if start is None or end is None or isinstance(start, list) or isinstance(end, list):
        return
    start, end = start.dt, end.dt
    if not isinstance(end, datetime.datetime) or end.tzinfo is None:
        return
    if isinstance(start, datetime.datetime):
        if start.tzinfo is not None:
            return
        written = end.astimezone(warsaw()).replace(tzinfo=None)
    else:
        # The day the end falls on in its own zone; a time after midnight still takes that day.
        after_midnight = end.time() != datetime.time()
        written = end.date() + datetime.timedelta(days=1 if after_midnight else 0)
    component.pop("DTEND")
    component.add("DTEND", written)


def _short(error):
    text = str(error).splitlines()[0][:120] if str(error) else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _normalized(component):
    """A VEVENT without what changes on every download (DTSTAMP), for storing and hashing."""
    copy = Event.from_ical(component.to_ical())
    copy.pop("DTSTAMP", None)
    copy.subcomponents = []  # alarms are the subscriber's business
    return copy


def _source_text(master, overrides, timezones):
    """The series as a small iCalendar file: master, overrides and the zones they name."""
    events = [_normalized(master)]
    events += sorted(
        (_normalized(component) for component in overrides),
        key=lambda component: component.get("RECURRENCE-ID").to_ical(),
    )
    body = b"".join(component.to_ical() for component in events)
    calendar = Calendar()
    calendar.add("prodid", "-//Portal NGO//import//PL")
    calendar.add("version", "2.0")
    for tzid, zone in sorted(timezones.items()):
        if f"TZID={tzid}".encode() in body or f'TZID="{tzid}"'.encode() in body:
            calendar.add_component(zone)
    for component in events:
        calendar.add_component(component)
    return calendar.to_ical().decode()


def _rule_text(master):
    """What ``EventPage.rrule`` holds of an imported rule: its RRULE, or the lines of several."""
    rules = _list(master.get("RRULE"))
    if len(rules) == 1 and "RDATE" not in master:
        return rules[0].to_ical().decode()[:200]
    lines = [f"RRULE:{rule.to_ical().decode()}" for rule in rules]
    lines += ["RDATE"] if "RDATE" in master else []
    return "\n".join(lines)[:200]


def _series(uid, master, overrides, timezones, warnings):
    """One event: a master VEVENT with its overrides (or a lone VEVENT)."""
    for component in [master, *overrides]:
        _end_as_start(component)
    if "DTSTART" not in master:
        raise EventRefused(_("It has no start."))
    raw_start = master.decoded("DTSTART")
    if isinstance(master.get("DTSTART"), list):
        raise EventRefused(_("It has more than one start."))
    all_day = not isinstance(raw_start, datetime.datetime)
    start = _aware(raw_start)
    if "DTEND" in master:
        end = _aware(master.decoded("DTEND"))
    elif "DURATION" in master:
        end = start + master.decoded("DURATION")
    else:
        end = start + (datetime.timedelta(days=1) if all_day else datetime.timedelta(hours=1))
    if end < start:
        raise EventRefused(_("It ends before it starts."))
    for rule in _list(master.get("RRULE")):
        if (rule.get("INTERVAL") or [1])[0] < 1:
            del rule["INTERVAL"]  # INTERVAL=0 means nothing sensible: every time
    recurring = bool(master.get("RRULE") or master.get("RDATE") or overrides)
    day = timezone.localtime(start, warsaw()).date()
    # A series may have begun long ago; a single date must be one the calendar shows (and
    # year 1 or 9999 is where converting a time between zones overflows).
    earliest = datetime.date(1900, 1, 1) if recurring else EARLIEST_DATE
    if not earliest <= day <= horizon_date():
        warnings.append(
            _refused(_label(master, uid), _("The date is outside what the calendar shows."))
        )
        return None
    fields = event_fields(master)
    fields.update(
        start=start,
        end=end,
        all_day=all_day,
        frequency="",
        interval=1,
        byweekday="",
        until=None,
        count=None,
        rrule="",
        source_ical="",
    )
    text = _source_text(master, overrides, timezones)
    if recurring:
        fields["source_ical"] = text
        fields["rrule"] = _rule_text(master)
        # Expanding it once here refuses a rule recurring-ical-events cannot read, by name.
        from pages.calendar.events import _parsed_source

        try:
            _parsed_source(text).between(start, start + datetime.timedelta(days=1))
        except Exception as error:  # noqa: BLE001 - any failure of the rule refuses the event
            raise EventRefused(
                _("Its repetition cannot be read (%(error)s).") % {"error": _short(error)}
            ) from error
    last_modified = master.get("LAST-MODIFIED")
    return ParsedEvent(
        uid=uid,
        fields=fields,
        sequence=_sequence(master),
        last_modified=_aware(last_modified.dt) if last_modified else None,
        exceptions=_exceptions(master, overrides) if recurring else [],
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        label=_label(master, uid),
    )


def _exceptions(master, overrides):
    """The rows of cancelled and moved dates an editor sees (EXDATEs and overrides)."""
    raw_start = master.decoded("DTSTART")
    rows = []
    for exdate in _list(master.get("EXDATE")):
        for value in exdate.dts:
            excluded = value.dt
            if isinstance(raw_start, datetime.datetime) and not isinstance(
                excluded, datetime.datetime
            ):
                # A whole day excluded from a timed series: the occurrence of that day.
                excluded = datetime.datetime.combine(
                    excluded, raw_start.time(), tzinfo=raw_start.tzinfo
                )
            rows.append({"original_start": _aware(excluded), "kind": "cancelled"})
    place = _place(master)[:2]
    excluded_starts = {row["original_start"] for row in rows}
    for component in overrides:
        recurrence_id = component.get("RECURRENCE-ID")
        if recurrence_id.params.get("RANGE", "").upper() == "THISANDFUTURE":
            continue  # it changes every later date too: the source's expansion shows it
        original = _aware(recurrence_id.dt)
        if original in excluded_starts:
            continue  # a change of a date the series excludes (an older version's): moot
        if _text(component, "STATUS", 20).upper() == "CANCELLED":
            rows.append({"original_start": original, "kind": "cancelled"})
            continue
        start = _aware(component.decoded("DTSTART")) if "DTSTART" in component else original
        end = _aware(component.decoded("DTEND")) if "DTEND" in component else start
        venue, address = _place(component)[:2] if "LOCATION" in component else place
        if start != original or (venue, address) != place:
            rows.append(
                {
                    "original_start": original,
                    "kind": "moved",
                    "new_start": start,
                    "new_end": max(start, end),
                    "new_venue_name": venue if (venue, address) != place else "",
                    "new_street_address": address if (venue, address) != place else "",
                }
            )
    return rows


def _values(component, name):
    return [str(value) for value in _list(component.get(name))]


def _x_text(component, name, limit):
    """An X-PORTAL-* text: icalendar keeps properties it does not know escaped, as written."""
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    raw = value.to_ical()
    return unescape_backslash(raw.decode() if isinstance(raw, bytes) else raw).strip()[:limit]


def _place(component):
    """Venue, street address, city and online link of a VEVENT.

    The portal's own feeds name each part (X-PORTAL-VENUE is always there, even empty); Apple's
    structured location has a title and an address; other calendars give one LOCATION line,
    kept as the venue unless it is an address on the web (a video call): the online link. The
    online link is otherwise CONFERENCE (RFC 7986) or a calendar program's meeting link, never
    URL, which is the event's page.
    """
    venue = _x_text(component, "X-PORTAL-VENUE", 200)
    address = _x_text(component, "X-PORTAL-ADDRESS", 200)
    city = _x_text(component, "X-PORTAL-CITY", 100)
    location = _text(component, "LOCATION", 200)
    structured = component.get("X-APPLE-STRUCTURED-LOCATION")
    if isinstance(structured, list):
        structured = structured[0]
    links = [value for name in CONFERENCE_PROPERTIES for value in _values(component, name)]
    online = next(filter(None, map(_url, links)), "")
    if "X-PORTAL-VENUE" not in component:
        if structured is not None and structured.params.get("X-TITLE"):
            venue = str(structured.params["X-TITLE"])[:200]
            address = str(structured.params.get("X-ADDRESS", ""))[:200]
        elif _url(location):
            online = online or _url(location)
        else:
            venue = location
    return venue, address, city, online


def _term(model, slugs, names=()):
    """The Polish term of a taxonomy named by one of ``slugs`` or ``names`` (any language)."""
    slugs = [slug for slug in slugs if slug]
    names = [name.strip() for name in names if name.strip()]
    if not (slugs or names):
        return None
    wanted = Q(slug__in=slugs)
    for name in names:
        wanted |= Q(name__iexact=name)
    keys = model.objects.filter(wanted).values("translation_key")
    return (
        model.objects.filter(locale__language_code="pl", translation_key__in=keys)
        .order_by("pk")
        .first()
    )


def _decimal(value, places, low, high):
    try:
        number = Decimal(str(value).strip()).quantize(Decimal(1).scaleb(-places))
    except (InvalidOperation, ValueError):
        return None
    return number if low <= number <= high else None


def _descriptive_fields(component):
    """What a VEVENT says about its event besides its dates and rule, as the page's fields.

    A feed of this portal (or another one running it) carries the category and district (by
    slug), the accessibility, audience, price and status "postponed" as X-PORTAL-*
    properties, so the event comes back as it was; any other calendar gives what RFC 5545
    has (a category is matched by its name).
    """
    from pages.calendar.models import EventCategory
    from pages.models import District

    url = _text(component, "URL", 500)
    description = _text(component, "DESCRIPTION", 4000)
    if url and description.endswith(url):  # the page's address, added for calendar programs
        description = description[: -len(url)].rstrip()
    status = _x_text(component, "X-PORTAL-STATUS", 20).lower()
    if status not in EventPage.Status.values:
        cancelled = _text(component, "STATUS", 20).upper() == "CANCELLED"
        status = EventPage.Status.CANCELLED if cancelled else EventPage.Status.SCHEDULED
    venue, address, city, online = _place(component)
    names = [name for value in _list(component.get("CATEGORIES")) for name in value.cats]
    access = _x_text(component, "X-PORTAL-ACCESSIBILITY", 200).split(",")
    access = {value.strip() for value in access}
    geo = component.get("GEO")
    latitude = longitude = None
    if geo is not None:
        latitude = _decimal(geo.latitude, 6, -90, 90)
        longitude = _decimal(geo.longitude, 6, -180, 180)
        if latitude is None or longitude is None:
            latitude = longitude = None
    fields = {
        "search_description": description[:2000],
        "status": status,
        "venue_name": venue,
        "street_address": address,
        "city": city,
        "latitude": latitude,
        "longitude": longitude,
        "online_url": online,
        "category": _term(
            EventCategory, [_x_text(component, "X-PORTAL-CATEGORY", 80)], [str(n) for n in names]
        ),
        "district": _term(District, [_x_text(component, "X-PORTAL-DISTRICT", 80)]),
        "audience": _x_text(component, "X-PORTAL-AUDIENCE", 200),
        "is_free": _x_text(component, "X-PORTAL-FREE", 5).upper() != "FALSE",
        "price_text": _x_text(component, "X-PORTAL-PRICE", 120),
        "price_amount": _decimal(_x_text(component, "X-PORTAL-PRICE-AMOUNT", 20), 2, 0, 999999),
        "registration_url": _url(_x_text(component, "X-PORTAL-REGISTRATION-URL", 500)),
    }
    for value, name in ACCESSIBILITY.items():
        fields[name] = value in access
    return fields


def polish_calendar():
    return CalendarPage.objects.filter(locale__language_code="pl").first()


def import_feed(feed, source=None, now=None):
    """Import one organization's feed; a broken feed imports nothing and records its error.

    ``source`` (a file or address given by an administrator) replaces the feed's own address.
    """
    allow_files = source is not None
    source = source or feed.url
    result = ImportResult(source=source)
    now = now or timezone.now()
    try:
        calendar = polish_calendar()
        if calendar is None:
            raise FeedError(_("There is no calendar page in Polish to import into."))
        parsed = parse_feed(read_source(source, allow_files=allow_files))
        result.warnings = parsed.warnings
        with transaction.atomic():
            _write(feed, calendar, parsed, result, now)
    except FeedError as error:
        return _failed(feed, result, str(error))
    except Exception as error:  # noqa: BLE001 - one feed's failure must not stop the others
        # Whatever else breaks is a defect of the importer, logged with its traceback for the
        # portal's administrators; the organization reads that its feed was not imported.
        logger.exception("Calendar feed %s could not be imported", feed.pk)
        return _failed(
            feed,
            result,
            _("The feed could not be imported (%(error)s).") % {"error": type(error).__name__},
        )
    feed.last_imported_at = now
    feed.last_error = "\n".join(result.warnings)
    feed.save(update_fields=["last_imported_at", "last_error"])
    return result


def _failed(feed, result, message):
    result.error = message
    feed.last_error = message
    feed.save(update_fields=["last_error"])
    return result


def _write(feed, calendar, parsed, result, now):
    organization = feed.organization
    existing = {
        page.source_uid: page
        for page in EventPage.objects.filter(organizer=organization).exclude(source_uid="")
    }
    seen = set(parsed.failed)
    for item in parsed.events:
        seen.add(item.uid)
        try:
            with transaction.atomic():
                _write_event(feed, calendar, item, existing.get(item.uid), result, now)
        except ValidationError as error:
            reason = "; ".join(error.messages)[:300]
            result.warnings.append(_refused(item.label, reason))
        except Exception as error:  # noqa: BLE001 - one event's defect must not stop the feed
            logger.exception("iCal event %s of feed %s cannot be saved", item.uid, feed.pk)
            reason = _("It cannot be saved (%(error)s).") % {"error": _short(error)}
            result.warnings.append(_refused(item.label, reason))
    for uid, page in existing.items():
        if uid in seen or page.source_feed_id not in (feed.pk, None):
            continue
        if page.ends_at is not None and page.ends_at < now:
            continue
        if _set_status(page, EventPage.Status.CANCELLED):
            result.cancelled += 1


def _write_event(feed, calendar, item, page, result, now):
    organization = feed.organization
    if page is None:
        probe = EventPage(**item.fields)
        _set_exceptions(probe, item)
        if _has_ended(probe, now):
            result.skipped_past += 1
            return
        page = EventPage(
            **item.fields,
            slug=_slug(item, organization),
            organizer=organization,
            source_feed=feed,
            source_uid=item.uid,
            source_sequence=item.sequence,
            source_last_modified=item.last_modified,
            source_hash=item.content_hash,
            live=False,
            locale=calendar.locale,
        )
        _set_exceptions(page, item)
        calendar.add_child(instance=page)
        page.save_revision()
        result.created += 1
        return
    if page.source_hash == item.content_hash:
        # The same content: only a cancellation because it was gone from the feed is undone.
        if page.get_latest_revision_as_object().status != item.fields["status"]:
            _set_status(page, item.fields["status"])
            result.updated += 1
        else:
            result.unchanged += 1
        return
    if item.fields["status"] == EventPage.Status.CANCELLED:
        # A cancellation is news for residents now: it reaches the published page at once.
        _set_status(page, EventPage.Status.CANCELLED)
    draft = page.get_latest_revision_as_object()
    for name, value in item.fields.items():
        setattr(draft, name, value)
    draft.source_sequence = item.sequence
    draft.source_last_modified = item.last_modified
    draft.source_hash = item.content_hash
    draft.source_feed = feed
    _set_exceptions(draft, item)
    draft.save_revision()
    EventPage.objects.filter(pk=page.pk).update(
        source_sequence=item.sequence,
        source_last_modified=item.last_modified,
        source_hash=item.content_hash,
    )
    result.updated += 1


def _set_status(page, status):
    """Cancel or restore an event, on the published page too; False when nothing changed.

    The status alone is published (it needs no review: the organization's own calendar says
    so); other changes waiting in a draft stay there, with the new status.
    """
    page = EventPage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    pending = page.has_unpublished_changes or not page.live
    changed = False
    if page.live and page.status != status:
        page.status = status
        page.save_revision().publish()
        changed = True
    if pending and draft.status != status:
        draft.status = status
        draft.save_revision()
        changed = True
    return changed


def _has_ended(probe, now):
    from pages.calendar.events import build_rrule, last_end

    if not probe.source_ical:
        probe.rrule = build_rrule(probe) if probe.frequency else ""
    end = last_end(probe)
    return end is not None and end < now


def _set_exceptions(page, item):
    from pages.calendar.models import EventException

    page.exceptions = [EventException(**values) for values in item.exceptions]


def _slug(item, organization):
    base = slugify(anyascii(item.fields["title"]))[:60].strip("-") or "wydarzenie"
    digest = hashlib.sha256(f"{organization.pk}:{item.uid}".encode()).hexdigest()[:8]
    return f"{base}-{digest}"


def import_source(source, organization):
    """A one-off import of a file or address for an organization (its feed row is kept)."""
    feed, _created = OrganizationCalendarFeed.objects.get_or_create(
        organization=organization, url=source, defaults={"active": False}
    )
    return import_feed(feed, source)


def import_all():
    """Every active feed, each on its own: a broken feed does not stop the others."""
    results = []
    feeds = OrganizationCalendarFeed.objects.filter(active=True).select_related("organization")
    for feed in feeds.order_by("pk"):
        try:
            results.append(import_feed(feed))
        except Exception as error:  # noqa: BLE001 - even recording the error failed: go on
            logger.exception("Calendar feed %s could not be imported", feed.pk)
            results.append(ImportResult(source=feed.url, error=type(error).__name__))
    return results
