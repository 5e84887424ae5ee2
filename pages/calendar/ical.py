"""iCalendar (RFC 5545) of events: one event's .ics, and the feed of a calendar view.

Each event is a VEVENT with a stable UID (its translation key at the public host of
``BASE_URL``: the same in every language's feed and whatever host a request names), the whole
RRULE, cancelled occurrences as EXDATE and moved ones as extra VEVENTs with a RECURRENCE-ID.

The export carries what another portal's import needs to rebuild the event, besides what every
calendar program reads: CATEGORIES (the name in the feed's language), the venue as a structured
LOCATION (X-APPLE-STRUCTURED-LOCATION with its coordinates, and GEO), the online link as
CONFERENCE (RFC 7986) only when the event is online, and the portal's own facets as
``X-PORTAL-*`` properties (slugs of category and district, accessibility, audience, price,
status "postponed", which STATUS cannot say). The page's address is URL, and also closes
DESCRIPTION for programs that show no URL (the importer takes it off again).

VEVENTs are written line by line here, not through icalendar's Component objects: at 5,000
events icalendar's per-property conversion and folding took 9 s of CPU, this a small fraction
of it. icalendar still writes the envelope and the VTIMEZONE of Europe/Warsaw, and the tests
read every feed back with icalendar and recurring-ical-events.
"""

import datetime
import functools
import gzip
import types
from urllib.parse import quote, urlencode

from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Timezone
from wagtail.models import Site

from pages.ical import PRODID, TZID, public_host

from .events import warsaw

ICAL_STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# The accessibility facets under the names the calendar's filter uses (``access=``).
ACCESSIBILITY = {
    "step-free": "step_free_access",
    "loop": "induction_loop",
    "sign": "sign_language",
    "quiet": "quiet_room",
}
CRLF = "\r\n"


def event_uid(event, host=None):
    return f"event-{event.translation_key}@{host or public_host()}"


# Content lines


def text(value):
    """A TEXT value escaped as RFC 5545 (3.3.11) asks."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def param(value):
    """A parameter value, always quoted; what a quoted value cannot hold as RFC 6868 says."""
    value = str(value).replace("^", "^^").replace('"', "^'").replace("\r\n", "^n")
    return '"' + value.replace("\n", "^n").replace("\r", "^n") + '"'


def fold(line):
    """One content line, folded at 75 octets between characters, keeping an escape (a
    backslash or RFC 6868 caret) on the line of the character it escapes."""
    data = line.encode()
    if len(data) <= 75:
        return line + CRLF
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # inside a UTF-8 sequence
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74  # a continuation line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode() + CRLF


def _utc(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _when_value(event, value):
    """``;params:value`` of a start or end: a date for an all-day event, else Warsaw time."""
    local = timezone.localtime(value, warsaw())
    if event.all_day:
        return ";VALUE=DATE:" + local.strftime("%Y%m%d")
    return f";TZID={TZID}:" + local.strftime("%Y%m%dT%H%M%S")


def _rrule(event):
    parts = [f"FREQ={event.frequency}"]
    if event.interval and event.interval > 1:
        parts.append(f"INTERVAL={event.interval}")
    if event.byweekday:
        parts.append(f"BYDAY={event.byweekday}")
    if event.until:
        if event.all_day:
            parts.append("UNTIL=" + event.until.strftime("%Y%m%d"))
        else:
            # The last moment of the until date in Warsaw, in UTC (as the page's rule has it).
            last = datetime.datetime.combine(
                event.until, datetime.time(23, 59, 59), tzinfo=warsaw()
            )
            parts.append("UNTIL=" + _utc(last))
    elif event.count:
        parts.append(f"COUNT={event.count}")
    return ";".join(parts)


def _location(event, venue="", address=""):
    parts = [venue or event.venue_name, address or event.street_address, event.city]
    if not (venue or address or event.venue_name or event.street_address):
        parts = [event.online_url] if event.online_url else []
    return ", ".join(part for part in parts if part)


def _place_lines(event, moved=None):
    """LOCATION for people, GEO and Apple's structured location for maps, X-PORTAL-* for an
    import; a moved occurrence names its own venue and address (empty: where it always is)."""
    venue = moved.new_venue_name if moved else ""
    address = moved.new_street_address if moved else ""
    lines = []
    location = _location(event, venue, address)
    if location:
        lines.append("LOCATION:" + text(location))
    if event.latitude is not None and event.longitude is not None:
        lat, lon = f"{float(event.latitude):.6f}", f"{float(event.longitude):.6f}"
        lines.append(f"GEO:{lat};{lon}")
        if venue or address or event.venue_name or event.street_address:
            where = ", ".join(p for p in (address or event.street_address, event.city) if p)
            lines.append(
                "X-APPLE-STRUCTURED-LOCATION;VALUE=URI"
                + (f";X-ADDRESS={param(where)}" if where else "")
                + ";X-APPLE-RADIUS=100"
                + f";X-TITLE={param(venue or event.venue_name or where)}"
                + f":geo:{lat},{lon}"
            )
    if moved is None:
        venue, address = event.venue_name, event.street_address
    # Always there, even empty: it tells an import that these three are the whole place.
    lines.append("X-PORTAL-VENUE:" + text(venue))
    if address:
        lines.append("X-PORTAL-ADDRESS:" + text(address))
    if event.city:
        lines.append("X-PORTAL-CITY:" + text(event.city))
    return lines


# What a VEVENT reads of an event: read as plain rows, not pages (building 5,000 page objects
# with their organizers cost more than writing the whole feed).
FEED_FIELDS = [
    "pk",
    "title",
    "translation_key",
    "url_path",
    "sequence",
    "first_published_at",
    "last_published_at",
    "search_description",
    "status",
    "start",
    "end",
    "all_day",
    "frequency",
    "interval",
    "byweekday",
    "until",
    "count",
    "rrule",
    "source_ical",
    "venue_name",
    "street_address",
    "city",
    "latitude",
    "longitude",
    "online_url",
    "is_free",
    "price_text",
    "price_amount",
    "audience",
    "registration_url",
    *ACCESSIBILITY.values(),
]
FEED_RELATED = {
    "category_slug": "category__slug",
    "district_slug": "district__slug",
    "organizer_title": "organizer__title",
    "organizer_email": "organizer__email",
}
EXCEPTION_FIELDS = [
    "event_id",
    "kind",
    "original_start",
    "new_start",
    "new_end",
    "new_venue_name",
    "new_street_address",
    "note",
]


def feed_events(queryset, window):
    """The events of ``queryset`` as the rows a feed writes, with their changed occurrences,
    the stored dates of imported series in ``window`` (start, end) and public addresses: three
    queries, whatever the number of events."""
    from pages.calendar.models import CalendarOccurrence, EventException

    queryset = queryset.select_related(None).prefetch_related(None)
    columns = queryset.values(*FEED_FIELDS, **{k: F(v) for k, v in FEED_RELATED.items()})
    events = [types.SimpleNamespace(exceptions=[], **row) for row in columns]
    by_id = {event.pk: event for event in events}
    recurring = queryset.exclude(rrule="").values("pk")
    changes = EventException.objects.filter(event__in=recurring).order_by("original_start", "pk")
    for change in changes.values(*EXCEPTION_FIELDS):
        event = by_id.get(change["event_id"])
        if event is not None:
            event.exceptions.append(types.SimpleNamespace(**change))
    for event in events:
        event.imported_starts = set()
    # An imported series goes out as its dates (RDATE), read from the calendar's stored dates.
    imported = CalendarOccurrence.objects.filter(
        page_id__in=queryset.exclude(source_ical="").values("pk"),
        start__lt=window[1],
        end__gt=window[0],
    ).exclude(status="cancelled")
    for page_id, start in imported.values_list("page_id", "start"):
        by_id[page_id].imported_starts.add(start)
    addresses = PublicAddresses()
    for event in events:
        event.url = addresses(event.url_path)
    return events


class PublicAddresses:
    """Pages' public addresses from their ``url_path``, as Wagtail's ``get_full_url`` makes
    them (the most specific site root, the default site first, the root's language prefix),
    with one ``reverse`` per site root instead of one per page, and whatever Host the request
    came under (the default Site is the one ``BASE_URL`` names)."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()
        self.prefixes = {}

    def __call__(self, url_path):
        root = next((r for r in self.roots if url_path.startswith(r.root_path)), None)
        if root is None:
            return ""
        prefix = self.prefixes.get(root)
        if prefix is None:
            with translation.override(root.language_code):
                path = reverse("wagtail_serve", args=("",))
            prefix = self.prefixes[root] = root.root_url + path
        # As ``reverse`` quotes a path.
        return prefix + quote(url_path[len(root.root_path) :], safe="/~:@!$&'()*+,;=")


class FeedContext:
    """What every VEVENT of one feed shares: the time stamp, the host, the category names."""

    def __init__(self, category_names=None):
        self.stamp = _utc(timezone.now())
        self.host = public_host()
        self.category_names = category_names or {}


def _common_lines(event, feed):
    """Identity and description of an event, shared by its master and its moved occurrences."""
    lines = [
        f"UID:{event_uid(event, feed.host)}",
        f"DTSTAMP:{feed.stamp}",
        f"SEQUENCE:{event.sequence}",
        "SUMMARY:" + text(event.title),
    ]
    if event.first_published_at:
        lines.append("CREATED:" + _utc(event.first_published_at))
    if event.last_published_at:
        lines.append("LAST-MODIFIED:" + _utc(event.last_published_at))
    if event.url:
        lines.append("URL:" + event.url)
    status = event.status or "scheduled"
    lines.append("STATUS:" + ICAL_STATUS.get(status, "CONFIRMED"))
    if status != "scheduled":  # an import reads a missing one as scheduled
        lines.append("X-PORTAL-STATUS:" + status)
    if event.category_slug:
        name = feed.category_names.get(event.category_slug)
        if name:
            lines.append("CATEGORIES:" + text(name))
        lines.append("X-PORTAL-CATEGORY:" + text(event.category_slug))
    if event.district_slug:
        lines.append("X-PORTAL-DISTRICT:" + text(event.district_slug))
    access = [name for name, field in ACCESSIBILITY.items() if getattr(event, field)]
    if access:
        lines.append("X-PORTAL-ACCESSIBILITY:" + ",".join(access))
    if event.audience:
        lines.append("X-PORTAL-AUDIENCE:" + text(event.audience))
    if not event.is_free:  # an import reads a missing one as free
        lines.append("X-PORTAL-FREE:FALSE")
    if event.price_text:
        lines.append("X-PORTAL-PRICE:" + text(event.price_text))
    if event.price_amount is not None:
        lines.append(f"X-PORTAL-PRICE-AMOUNT:{event.price_amount}")
    if event.registration_url:
        lines.append("X-PORTAL-REGISTRATION-URL:" + event.registration_url)
    if event.online_url:
        lines.append("CONFERENCE;VALUE=URI;FEATURE=VIDEO:" + event.online_url)
    if event.organizer_email:
        lines.append(f"ORGANIZER;CN={param(event.organizer_title)}:mailto:{event.organizer_email}")
    return lines


def _description(note, url):
    return "DESCRIPTION:" + text("\n\n".join(part for part in (note, url) if part))


def event_lines(event, feed):
    """The content lines of one event: its master VEVENT and one per moved occurrence."""
    common = _common_lines(event, feed)
    url = event.url
    lines = ["BEGIN:VEVENT", *common]
    lines.append(_description(event.search_description, url))
    lines.append("DTSTART" + _when_value(event, event.start))
    lines.append("DTEND" + _when_value(event, event.end))
    lines += _place_lines(event)
    if event.source_ical:
        # An imported series is expanded in its source's own zone (a rule written in Warsaw
        # time would be an hour off in the weeks the zones' summer times differ): its dates in
        # the feed's window go out as they are shown, moved ones included.
        lines += _imported_dates(event)
        lines.append("END:VEVENT")
        return lines
    if event.rrule:
        lines.append("RRULE:" + _rrule(event))
        cancelled = [e for e in event.exceptions if e.kind == "cancelled"]
        if cancelled:
            values = [_when_value(event, e.original_start) for e in cancelled]
            params = values[0].split(":", 1)[0]
            lines.append("EXDATE" + params + ":" + ",".join(v.split(":", 1)[1] for v in values))
    lines.append("END:VEVENT")
    if not event.rrule:
        return lines
    for exception in event.exceptions:
        if exception.kind != "moved" or not exception.new_start or not exception.new_end:
            continue
        lines += ["BEGIN:VEVENT", *common]
        lines.append("RECURRENCE-ID" + _when_value(event, exception.original_start))
        lines.append("DTSTART" + _when_value(event, exception.new_start))
        lines.append("DTEND" + _when_value(event, exception.new_end))
        lines.append(_description(exception.note or event.search_description, url))
        lines += _place_lines(event, exception)
        lines.append("END:VEVENT")
    return lines


def _imported_dates(event):
    starts = sorted(event.imported_starts - {event.start})
    if not starts:
        return []
    values = [_when_value(event, start) for start in starts]
    params = values[0].split(":", 1)[0]
    return ["RDATE" + params + ":" + ",".join(v.split(":", 1)[1] for v in values)]


@functools.cache
def _vtimezone():
    """The VTIMEZONE of Europe/Warsaw, written by icalendar from the zone database, once."""
    return Timezone.from_tzid(TZID).to_ical().decode()


def _envelope(name, language, ttl="PT1H"):
    """The VCALENDAR's opening (its properties and VTIMEZONE) and its closing line."""
    head = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + text(name),
        f"X-WR-TIMEZONE:{TZID}",
        f"X-PUBLISHED-TTL:{ttl}",
        "X-LANGUAGE:" + text(language),
    ]
    return "".join(fold(line) for line in head) + _vtimezone(), "END:VCALENDAR" + CRLF


def stored_date_lines(row, feed):
    """One stored date of another calendar source (a training's session, a council meeting, a
    fair: ``calendar_sources``) as a VEVENT of its own. ``row`` holds the stored date's fields,
    ``url`` (the page's public address) and ``label`` (the source's name, or None)."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{row.source}-{row.object_id}-{_utc(row.original_start)}@{feed.host}",
        f"DTSTAMP:{feed.stamp}",
        "SUMMARY:" + text(row.title),
        "DTSTART" + _when_value(row, row.start),
        "DTEND" + _when_value(row, row.end),
        "STATUS:" + ICAL_STATUS.get(row.status or "scheduled", "CONFIRMED"),
    ]
    if row.url:
        lines += ["URL:" + row.url, _description("", row.url)]
    location = ", ".join(part for part in (row.venue_name, row.street_address) if part)
    if location:
        lines.append("LOCATION:" + text(location))
    if row.label:
        lines.append("CATEGORIES:" + text(row.label))
    lines.append("END:VEVENT")
    return lines


def build_calendar(events, name, language, category_names=None, stored_dates=()):
    """The bytes of a VCALENDAR holding ``events`` (from ``feed_events``) and the
    ``stored_dates`` of the other sources (see ``stored_date_lines``).

    ``category_names`` maps category slugs to their names in the feed's language.
    """
    feed = FeedContext(category_names)
    head, tail = _envelope(name, language)
    out = [head]
    for event in events:
        out.extend(fold(line) for line in event_lines(event, feed))
    for row in stored_dates:
        out.extend(fold(line) for line in stored_date_lines(row, feed))
    out.append(tail)
    return "".join(out).encode()


def compressed(body):
    """A feed gzipped once, when it is built (level 6: most of the gain, a fraction of 9's time)."""
    return gzip.compress(body, compresslevel=6, mtime=0)


def google_calendar_url(event, request):
    if event.all_day:
        start = timezone.localtime(event.start, warsaw()).strftime("%Y%m%d")
        end = timezone.localtime(event.end, warsaw()).strftime("%Y%m%d")
    else:
        start, end = _utc(event.start), _utc(event.end)
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{start}/{end}",
        "details": event.get_full_url(request),
        "location": _location(event),
        "ctz": "Europe/Warsaw",
    }
    if event.rrule and not event.source_ical:
        # An imported series' rule belongs to its source's zone (and may be RDATEs only).
        params["recur"] = f"RRULE:{event.rrule}"
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def outlook_calendar_url(event, request):
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": timezone.localtime(event.start, warsaw()).isoformat(),
        "enddt": timezone.localtime(event.end, warsaw()).isoformat(),
        "body": event.get_full_url(request),
        "location": _location(event),
    }
    if event.all_day:
        params["allday"] = "true"
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(params)
