"""Import an organization's own calendar (an ICS file or address) as draft events.

A feed is read whole and checked before anything is written: a file that is not iCalendar, is
larger than the limit, comes with a wrong content type, or does not answer in time is reported,
and nothing of it is imported (other feeds of an ``--all`` run go on). Events become DRAFT
EventPages under the Polish calendar, to be reviewed and published by the city; they are found
again by their UID (within the same organization: a feed cannot take over another
organization's events), updated when their SEQUENCE or LAST-MODIFIED changes, and cancelled
when they disappear from the feed. Google's feeds that name their zone in X-WR-TIMEZONE only
are repaired with the x-wr-timezone package.
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
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar.parser import unescape_backslash

from pages.bounds import horizon_date, in_range
from pages.events import warsaw
from pages.ical import ACCESSIBILITY
from pages.models import CalendarPage, EventPage, OrganizationCalendarFeed
from pages.models.calendar import MAX_COUNT, MAX_INTERVAL

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
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


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


def _aware(value, all_day=False):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):  # a "floating" time: the city's own
            value = value.replace(tzinfo=warsaw())
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=warsaw())


def _text(component, name, limit):
    value = component.get(name)
    return str(value).strip()[:limit] if value is not None else ""


def _rule_fields(component, start, warnings, uid):
    rules = component.get("RRULE")
    if rules is None:
        return {}
    if isinstance(rules, list):
        rules = rules[0]
    freq = (rules.get("FREQ") or [""])[0]
    supported = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"}
    byday = [str(day) for day in rules.get("BYDAY", [])]
    if (
        freq not in FREQUENCIES
        or set(rules) - supported
        or any(day not in WEEKDAY_CODES for day in byday)
        or (byday and freq != "WEEKLY")
    ):
        warnings.append(
            _("%(uid)s: a repetition rule the portal cannot edit; only its first date is imported.")
            % {"uid": uid}
        )
        return {}
    # INTERVAL=0 or COUNT=0 mean nothing sensible: the nearest rule the form accepts.
    fields = {
        "frequency": freq,
        "interval": min(max(int((rules.get("INTERVAL") or [1])[0]), 1), MAX_INTERVAL),
    }
    if byday:
        fields["byweekday"] = ",".join(day for day in WEEKDAY_CODES if day in byday)
    if rules.get("UNTIL"):
        until = rules["UNTIL"][0]
        day = until.date() if isinstance(until, datetime.datetime) else until
        if day > horizon_date():
            # An end past the calendar's horizon (year 9999) is as good as none: the event is
            # shown up to the horizon, like a rule without an end.
            return fields
        if isinstance(until, datetime.datetime):
            until = timezone.localtime(_aware(until), warsaw()).date()
        fields["until"] = max(until, timezone.localtime(start, warsaw()).date())
    elif rules.get("COUNT"):
        fields["count"] = min(max(int(rules["COUNT"][0]), 1), MAX_COUNT)
    return fields


def parse_feed(data):
    """The events of an ICS file, checked; raises FeedError for a file that is not usable."""
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
    masters, overrides, warnings = {}, [], []
    components = calendar.walk("VEVENT")
    if len(components) > MAX_EVENTS:
        raise FeedError(_("The file holds more than %(n)s events.") % {"n": MAX_EVENTS})
    try:
        for component in components:
            uid = _text(component, "UID", 255)
            if not uid or "DTSTART" not in component:
                raise FeedError(_("An event of the file has no UID or no start."))
            if "RECURRENCE-ID" in component:
                overrides.append((uid, component))
                continue
            masters[uid] = _master(uid, component, warnings)
        for uid, component in overrides:
            if masters.get(uid) is not None:
                masters[uid].exceptions.append(_override(component))
    except FeedError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        raise FeedError(_("This is not a valid iCalendar file.")) from error
    return [item for item in masters.values() if item is not None], warnings


def _master(uid, component, warnings):
    raw_start = component.decoded("DTSTART")
    day = raw_start.date() if isinstance(raw_start, datetime.datetime) else raw_start
    if not isinstance(day, datetime.date) or not in_range(day):
        # Before 2000 or past the horizon: nothing the calendar shows (and year 1 or 9999 is
        # where converting a time between zones overflows).
        warnings.append(
            _("%(uid)s: the date is outside what the calendar shows; the event is skipped.")
            % {"uid": uid}
        )
        return None
    all_day = not isinstance(raw_start, datetime.datetime)
    start = _aware(raw_start)
    if "DTEND" in component:
        end = _aware(component.decoded("DTEND"))
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start + (datetime.timedelta(days=1) if all_day else datetime.timedelta(hours=1))
    if end < start:
        raise FeedError(_("An event of the file ends before it starts: %(uid)s") % {"uid": uid})
    fields = {
        **_descriptive_fields(component),
        "title": _text(component, "SUMMARY", 255) or uid[:255],
        "start": start,
        "end": end,
        "all_day": all_day,
        "frequency": "",
        "interval": 1,
        "byweekday": "",
        "until": None,
        "count": None,
    }
    fields.update(_rule_fields(component, start, warnings, uid))
    exceptions = []
    for exdate in _list(component.get("EXDATE")):
        for value in exdate.dts:
            exceptions.append({"original_start": _aware(value.dt), "kind": "cancelled"})
    last_modified = component.get("LAST-MODIFIED")
    return ParsedEvent(
        uid=uid,
        fields=fields,
        sequence=int(component.get("SEQUENCE", 0)),
        last_modified=_aware(last_modified.dt) if last_modified else None,
        exceptions=exceptions,
    )


def _url(value):
    """An http(s) address the portal's URL fields accept, or "" (a space, another scheme)."""
    value = str(value or "").strip()
    if not value.startswith(("https://", "http://")) or len(value) > 200:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        return ""
    return value


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
    online link is otherwise CONFERENCE (RFC 7986), never URL, which is the event's page.
    """
    venue = _x_text(component, "X-PORTAL-VENUE", 200)
    address = _x_text(component, "X-PORTAL-ADDRESS", 200)
    city = _x_text(component, "X-PORTAL-CITY", 100)
    location = _text(component, "LOCATION", 200)
    structured = component.get("X-APPLE-STRUCTURED-LOCATION")
    if isinstance(structured, list):
        structured = structured[0]
    online = next(filter(None, map(_url, _values(component, "CONFERENCE"))), "")
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
    from pages.models import District, EventCategory

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


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _override(component):
    original = _aware(component.decoded("RECURRENCE-ID"))
    if _text(component, "STATUS", 20).upper() == "CANCELLED":
        return {"original_start": original, "kind": "cancelled"}
    start = _aware(component.decoded("DTSTART"))
    end = _aware(component.decoded("DTEND")) if "DTEND" in component else start
    return {
        "original_start": original,
        "kind": "moved",
        "new_start": start,
        "new_end": max(start, end),
        "new_venue_name": _place(component)[0],
        "new_street_address": _place(component)[1],
    }


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
        parsed, warnings = parse_feed(read_source(source, allow_files=allow_files))
        result.warnings = warnings
        with transaction.atomic():
            _write(feed, calendar, parsed, result, now)
    except FeedError as error:
        return _failed(feed, result, str(error))
    except ValidationError as error:
        # An event the portal's rules refuse (the events written before it are rolled back).
        messages = "; ".join(error.messages)[:500]
        return _failed(
            feed, result, _("An event of the file cannot be saved: %(error)s") % {"error": messages}
        )
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
    seen = set()
    for item in parsed:
        seen.add(item.uid)
        page = existing.get(item.uid)
        if page is None:
            probe = EventPage(**item.fields)
            if _has_ended(probe, item, now):
                result.skipped_past += 1
                continue
            page = EventPage(
                **item.fields,
                slug=_slug(item, organization),
                organizer=organization,
                source_feed=feed,
                source_uid=item.uid,
                source_sequence=item.sequence,
                source_last_modified=item.last_modified,
                live=False,
                locale=calendar.locale,
            )
            _set_exceptions(page, item)
            calendar.add_child(instance=page)
            page.save_revision()
            result.created += 1
            continue
        if (
            page.source_sequence == item.sequence
            and page.source_last_modified == item.last_modified
        ):
            result.unchanged += 1
            continue
        draft = page.get_latest_revision_as_object()
        for name, value in item.fields.items():
            setattr(draft, name, value)
        draft.source_sequence = item.sequence
        draft.source_last_modified = item.last_modified
        draft.source_feed = feed
        _set_exceptions(draft, item)
        draft.save_revision()
        EventPage.objects.filter(pk=page.pk).update(
            source_sequence=item.sequence, source_last_modified=item.last_modified
        )
        result.updated += 1
    for uid, page in existing.items():
        if uid in seen or page.source_feed_id not in (feed.pk, None):
            continue
        if page.ends_at is not None and page.ends_at < now:
            continue
        draft = page.get_latest_revision_as_object()
        if draft.status == EventPage.Status.CANCELLED:
            continue
        draft.status = EventPage.Status.CANCELLED
        draft.save_revision()
        result.cancelled += 1


def _has_ended(probe, item, now):
    from pages.events import last_end

    probe.rrule = ""
    if probe.frequency:
        from pages.events import build_rrule

        probe.rrule = build_rrule(probe)
    end = last_end(probe)
    return end is not None and end < now


def _set_exceptions(page, item):
    from pages.models import EventException

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
