"""Occurrences of events: recurrence rules, their exceptions and what the templates read.

An editor's recurring event is expanded with dateutil's RFC 5545 rule engine in Europe/Warsaw
wall time, so an event at 18:00 stays at 18:00 on both sides of a change to or from summer time.
An imported series keeps its source's VEVENTs (``EventPage.source_ical``: RRULEs, RDATE, EXDATE,
overrides, its own time zone) and is expanded by recurring-ical-events in that zone, only over
the asked window; the parsed calendar is kept per content hash. Expansion happens when an event
is saved or published (``EventSource``, a calendar source: pages.calendar_sources) and by the
daily ``extend_calendar``: its dates are stored as CalendarOccurrence rows, which every request
reads. ``candidates`` and ``expand`` give the occurrences of many events in few queries (the
import's checks and the tests compare them with the rows).
"""

import datetime
import functools
from dataclasses import dataclass

import recurring_ical_events
from dateutil.rrule import rrulestr
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from icalendar import Calendar

from pages import calendar_sources
from pages.bounds import EARLIEST_DATE, horizon_end
from pages.public_urls import absolute_url

# A rule without an end is expanded at most this far ahead (a listing's horizon).
HORIZON = datetime.timedelta(days=366)


@dataclass
class Occurrence:
    """One date of an event, as a resident sees it in a listing."""

    event: object
    start: datetime.datetime
    end: datetime.datetime
    original_start: datetime.datetime
    status: str = "scheduled"  # scheduled, cancelled, postponed, moved
    venue_name: str = ""
    street_address: str = ""
    note: str = ""

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    @property
    def is_moved(self):
        return self.status == "moved"

    @property
    def is_postponed(self):
        return self.status == "postponed"

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def last_day(self):
        """The last calendar day the occurrence touches (an all-day end is exclusive)."""
        end = self.local_end
        if end > self.local_start and end.time() == datetime.time():
            end -= datetime.timedelta(microseconds=1)
        return end.date()

    @property
    def is_multi_day(self):
        return self.last_day > self.local_start.date()

    def days(self):
        day = self.local_start.date()
        while day <= self.last_day:
            yield day
            day += datetime.timedelta(days=1)

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "")


STATUS_LABELS = {
    "cancelled": pgettext_lazy("event status", "Cancelled"),
    "postponed": pgettext_lazy("event status", "Postponed"),
    "moved": pgettext_lazy("event status", "Moved"),
}


def warsaw():
    return timezone.get_default_timezone()


def _utc_key(value):
    return value.astimezone(datetime.UTC).replace(microsecond=0)


def _exception_key(event, value):
    """Which occurrence a change names: its instant, or for an all-day event its date."""
    if event.all_day:
        return timezone.localtime(value, warsaw()).date()
    return _utc_key(value)


def build_rrule(event):
    """The RFC 5545 RRULE of an event's recurrence fields (without the ``RRULE:`` prefix)."""
    parts = [f"FREQ={event.frequency}"]
    if event.interval and event.interval > 1:
        parts.append(f"INTERVAL={event.interval}")
    if event.byweekday:
        parts.append(f"BYDAY={event.byweekday}")
    if event.until:
        # The last moment of the until date in Warsaw, in UTC as RFC 5545 asks of an aware start.
        last = datetime.datetime.combine(event.until, datetime.time(23, 59, 59), tzinfo=warsaw())
        parts.append("UNTIL=" + last.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ"))
    elif event.count:
        parts.append(f"COUNT={event.count}")
    return ";".join(parts)


def rule(event):
    """The dateutil rule of a recurring event, anchored at its first start in Warsaw time.

    ``compatible`` makes the first start an occurrence even when the rule would skip it (a
    Tuesday start of a Monday rule), as RFC 5545 and calendar programs count it.
    """
    return rrulestr(event.rrule, dtstart=timezone.localtime(event.start, warsaw()), compatible=True)


@functools.lru_cache(maxsize=1024)
def _parsed_source(text):
    return recurring_ical_events.of(Calendar.from_ical(text))


def source_query(event):
    """The recurring-ical-events query of an imported series, parsed once per content."""
    cached = event.__dict__.get("_source_query")
    if cached is None or cached[0] is not event.source_ical:
        cached = (event.source_ical, _parsed_source(event.source_ical))
        event.__dict__["_source_query"] = cached
    return cached[1]


def source_master(event):
    """The source's master VEVENT (the one without RECURRENCE-ID), or None."""
    for component in Calendar.from_ical(event.source_ical).walk("VEVENT"):
        if "RECURRENCE-ID" not in component:
            return component
    return None


def source_instant(value):
    """A start or end of the source as an aware instant: a date is midnight in Warsaw, a
    floating time is Warsaw's, any zone's time stays the same instant."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=warsaw())
        return value.astimezone(warsaw())
    return datetime.datetime.combine(value, datetime.time(), tzinfo=warsaw())


def _source_times(component):
    start = source_instant(component.decoded("DTSTART"))
    if "DTEND" in component:
        end = source_instant(component.decoded("DTEND"))
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start
    original = component.get("RECURRENCE-ID")
    return start, max(start, end), source_instant(original.dt) if original else start


def _source_last_end(event):
    query = source_query(event)
    horizon = horizon_end()
    if next(iter(query.after(horizon)), None) is not None:
        return None
    ends = [event.end]
    for component in query.between(timezone.localtime(event.start, warsaw()), horizon):
        ends.append(_source_times(component)[1])
    for exception in event.exceptions.all():
        if exception.kind == "moved" and exception.new_end:
            ends.append(exception.new_end)
    return max(ends)


def _source_occurrences(event, range_start, range_end):
    """Occurrences of an imported series: the source's own expansion, then the rows of
    cancelled or moved occurrences on top (EXDATEs stay listed as cancelled dates)."""
    range_end = min(range_end, horizon_end())
    if range_start >= range_end:
        return []
    duration = event.end - event.start
    rows = {_exception_key(event, e.original_start): e for e in event.exceptions.all()}
    result = []
    window = (timezone.localtime(range_start, warsaw()), timezone.localtime(range_end, warsaw()))
    originals = set()
    found = [(_source_times(c), c) for c in source_query(event).between(*window)]
    found.sort(key=lambda pair: pair[0][0])
    for (start, end, original), component in found:
        if original in originals:
            # The later dates of a RANGE=THISANDFUTURE change name the changed date: each is
            # an occurrence of its own, not that date moved again.
            original = start
        originals.add(original)
        if not (start < range_end and (end > range_start or start >= range_start)):
            continue
        status = event.status
        if str(component.get("STATUS", "")).upper() == "CANCELLED":
            status = "cancelled"
        elif status == "scheduled" and start != original:
            status = "moved"
        # A changed date may name another place (a portal's feed names the venue apart from
        # the whole LOCATION line); the series' own dates are at the event's venue.
        venue = ""
        if "RECURRENCE-ID" in component:
            venue = str(component.get("X-PORTAL-VENUE") or component.get("LOCATION", ""))
        occurrence = Occurrence(event, start, end, original, status)
        if venue and venue != event.venue_name:
            occurrence.venue_name = venue
        row = rows.pop(_exception_key(event, original), None)
        if row is not None and row.kind == "cancelled":
            occurrence.status, occurrence.note = "cancelled", row.note
        elif row is not None and row.new_start and row.new_end:
            occurrence.start, occurrence.end = row.new_start, row.new_end
            occurrence.status = "moved" if event.status == "scheduled" else event.status
            occurrence.venue_name = row.new_venue_name or occurrence.venue_name
            occurrence.street_address = row.new_street_address
            occurrence.note = row.note
        result.append(occurrence)
    for row in rows.values():
        # A date the source excludes (EXDATE) that the resident may know: shown, cancelled.
        start, end = row.original_start, row.original_start + duration
        if row.kind == "cancelled" and start < range_end and end > range_start:
            result.append(Occurrence(event, start, end, start, "cancelled", note=row.note))
    result.sort(key=lambda occurrence: occurrence.start)
    return result


def last_end(event):
    """The end of an event's last occurrence, or None when the rule never ends.

    A rule that runs past the calendar's horizon counts as never ending: it is expanded up to
    the horizon only (an UNTIL in year 9999 would otherwise be millions of dates to compute).
    """
    if getattr(event, "source_ical", ""):
        return _source_last_end(event)
    duration = event.end - event.start
    ends = [event.end]
    if event.rrule:
        if not (event.until or event.count):
            return None
        recurrence = rule(event)
        horizon = timezone.localtime(horizon_end(), warsaw())
        if recurrence.after(horizon, inc=True) is not None:
            return None
        starts = recurrence.between(timezone.localtime(event.start, warsaw()), horizon, inc=True)
        if starts:
            ends.append(starts[-1] + duration)
        for exception in event.exceptions.all():
            if exception.kind == "moved" and exception.new_end:
                ends.append(exception.new_end)
    return max(ends)


def occurrences(event, range_start, range_end):
    """The occurrences of ``event`` that overlap [range_start, range_end), in order.

    A rule is expanded from its first start up to the calendar's horizon at most, whatever
    range is asked for: the work per event is bounded.
    """
    if getattr(event, "source_ical", ""):
        return _source_occurrences(event, range_start, range_end)
    duration = event.end - event.start
    status = event.status if event.status != "scheduled" else "scheduled"
    if not event.rrule:
        if event.start < range_end and event.end > range_start:
            return [Occurrence(event, event.start, event.end, event.start, status)]
        return []
    horizon = horizon_end()
    range_end = min(range_end, horizon)
    if range_start >= range_end:
        return []
    exceptions = {_exception_key(event, e.original_start): e for e in event.exceptions.all()}
    result = []
    recurrence = rule(event)
    window_start = timezone.localtime(max(range_start, event.start) - duration, warsaw())
    window_end = timezone.localtime(range_end, warsaw())
    for start in recurrence.between(window_start, window_end, inc=True):
        exception = exceptions.get(_exception_key(event, start))
        if exception is not None and exception.kind == "moved":
            continue
        end = start + duration
        if not (start < range_end and end > range_start):
            continue
        occurrence = Occurrence(event, start, end, start, status)
        if exception is not None:
            occurrence.status = "cancelled"
            occurrence.note = exception.note
        result.append(occurrence)
    for exception in exceptions.values():
        if exception.kind != "moved" or not exception.new_start or not exception.new_end:
            continue
        if not (exception.new_start < range_end and exception.new_end > range_start):
            continue
        if exception.original_start >= horizon:
            continue
        original = timezone.localtime(exception.original_start, warsaw()).replace(microsecond=0)
        if event.all_day:
            original = original.replace(hour=0, minute=0, second=0)
        if original not in recurrence:
            continue
        result.append(
            Occurrence(
                event,
                exception.new_start,
                exception.new_end,
                exception.original_start,
                status if status != "scheduled" else "moved",
                venue_name=exception.new_venue_name,
                street_address=exception.new_street_address,
                note=exception.note,
            )
        )
    result.sort(key=lambda occurrence: occurrence.start)
    return result


def next_occurrence(event, after=None):
    """The next occurrence that has not ended yet (or None)."""
    after = after or timezone.now()
    if event.ends_at is not None and event.ends_at <= after:
        return None
    found = occurrences(event, after, after + HORIZON)
    return found[0] if found else None


def candidates(queryset, range_start, range_end):
    """The events that may have an occurrence in the range, with what the listings read.

    An event qualifies when it starts before the range ends and its last occurrence ends after
    the range starts (or its rule never ends).
    """
    from pages.calendar.models import EventException
    from pages.models import AreaOfPublicBenefit

    return (
        queryset.filter(start__lt=range_end)
        .filter(Q(ends_at__gt=range_start) | Q(ends_at__isnull=True, rrule__gt=""))
        .select_related("category", "district", "organizer")
        .prefetch_related(
            Prefetch("exceptions", queryset=EventException.objects.order_by("original_start")),
            Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug")),
        )
    )


def expand(events, range_start, range_end):
    """Every occurrence of ``events`` in the range, in order of start."""
    found = []
    for event in events:
        found.extend(occurrences(event, range_start, range_end))
    found.sort(key=lambda occurrence: (occurrence.start, occurrence.event.title))
    return found


def upcoming_occurrences(event, request, limit):
    """The event's next dates: the calendar's stored rows of a published page; a preview (of a
    draft, or of changes not published yet) is expanded, as nothing is stored for it."""
    from pages.calendar.models import CalendarOccurrence

    now = timezone.now()
    if getattr(request, "is_preview", False) or not event.live:
        return occurrences(event, now, now + HORIZON)[:limit]
    rows = CalendarOccurrence.objects.filter(
        page_id=event.pk, source=EventSource.key, end__gt=now, start__lt=now + HORIZON
    ).order_by("start", "pk")[:limit]
    return [
        Occurrence(
            event,
            row.start,
            row.end,
            row.original_start,
            row.status,
            venue_name=row.venue_name if row.venue_name != event.venue_name else "",
            street_address=row.street_address if row.street_address != event.street_address else "",
            note=row.note,
        )
        for row in rows
    ]


def event_context(event, request):
    """What the event page shows: its upcoming dates, the calendar links, localized labels."""
    from pages.calendar.ical import google_calendar_url, outlook_calendar_url
    from pages.calendar.models import EventCategory
    from pages.models import District

    upcoming = upcoming_occurrences(event, request, 12) if event.rrule else []
    now = timezone.now()
    locale = event.locale
    category = None
    if event.category_id:
        category = (
            EventCategory.objects.filter(
                translation_key=event.category.translation_key, locale=locale
            ).first()
            or event.category
        )
    district = None
    if event.district_id:
        district = (
            District.objects.filter(
                translation_key=event.district.translation_key, locale=locale
            ).first()
            or event.district
        )
    first = Occurrence(event, event.start, event.end, event.start, event.status)
    return {
        "first_occurrence": first,
        "upcoming_occurrences": upcoming,
        "cancelled_occurrences": [o for o in upcoming if o.is_cancelled],
        "category_label": category,
        "district_label": district,
        "is_past": event.ends_at is not None and event.ends_at < now,
        "google_calendar_url": google_calendar_url(event, request),
        "outlook_calendar_url": outlook_calendar_url(event, request),
    }


SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}


def event_json_ld(event, request):
    """schema.org Event: its status, attendance mode, place, organizer and offer."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": event.get_full_url(request),
        "inLanguage": event.locale.language_code,
        "eventStatus": SCHEMA_STATUS.get(event.status, SCHEMA_STATUS["scheduled"]),
    }
    found = upcoming_occurrences(event, request, 1) if event.rrule else []
    occurrence = found[0] if found else None
    start, end = (occurrence.start, occurrence.end) if occurrence else (event.start, event.end)
    if event.all_day:
        data["startDate"] = timezone.localtime(start).date().isoformat()
        data["endDate"] = (
            (timezone.localtime(end) - datetime.timedelta(seconds=1)).date().isoformat()
        )
    else:
        data["startDate"] = timezone.localtime(start).isoformat()
        data["endDate"] = timezone.localtime(end).isoformat()
    if event.search_description:
        data["description"] = event.search_description
    locations = []
    if event.is_on_site:
        place = {"@type": "Place", "name": event.venue_name or event.street_address}
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": event.street_address,
            "addressLocality": event.city,
            "addressCountry": "PL",
        }
        if event.has_location:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.is_online and event.is_on_site:
        mode = "MixedEventAttendanceMode"
    elif event.is_online:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if event.organizer_id:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organizer.title,
            "url": event.organizer.get_full_url(request),
        }
    offer = {"@type": "Offer", "priceCurrency": "PLN", "url": event.get_full_url(request)}
    if event.is_free:
        offer["price"] = "0"
    elif event.price_amount is not None:
        offer["price"] = str(event.price_amount)
    if event.registration_url:
        offer["url"] = event.registration_url
    data["offers"] = offer
    data["isAccessibleForFree"] = event.is_free
    if event.image_id:
        data["image"] = absolute_url(event.image.get_rendition("max-800x800").url, request)
    return data


class Label:
    """A name where the templates read a taxonomy term's (a source's kind of item)."""

    def __init__(self, name):
        self.name = name


# The calendar's stored dates (pages.calendar_sources): events are the calendar's own source.


def _row_text(*parts):
    return " ".join(str(part) for part in parts if part).lower()


class EventSource:
    """Every occurrence of a live event page, from its first start up to the horizon."""

    key = "event"
    label = None
    falls_back = True

    def live_pages(self):
        from pages.calendar.models import EventException, EventPage
        from pages.models import AreaOfPublicBenefit

        return (
            EventPage.objects.live()
            .public()
            .select_related("organizer")
            .prefetch_related(
                Prefetch("exceptions", queryset=EventException.objects.order_by("original_start")),
                Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id")),
            )
        )

    def extendable_pages(self):
        # A rule that runs past the horizon has no last end (see last_end).
        return self.live_pages().filter(ends_at__isnull=True).exclude(rrule="")

    def rows(self, event):
        from pages.calendar.models import CalendarOccurrence

        start = datetime.datetime.combine(EARLIEST_DATE, datetime.time(), tzinfo=warsaw())
        areas = [area.pk for area in event.areas.all()]
        organizer = event.organizer.title if event.organizer_id else ""
        text = _row_text(event.title, event.venue_name, event.audience, event.city, organizer)
        rows = []
        for occurrence in occurrences(event, start, horizon_end()):
            row = CalendarOccurrence(
                page_id=event.pk,
                source=self.key,
                object_id=event.pk,
                locale_id=event.locale_id,
                translation_key=event.translation_key,
                start=occurrence.start,
                end=occurrence.end,
                original_start=occurrence.original_start,
                all_day=event.all_day,
                status=occurrence.status,
                note=occurrence.note,
                title=event.title,
                venue_name=occurrence.venue_name or event.venue_name,
                street_address=occurrence.street_address or event.street_address,
                text=text,
                category_id=event.category_id,
                district_id=event.district_id,
                organizer_id=event.organizer_id,
                is_free=event.is_free,
                price_text=event.price_text,
                is_online=bool(event.online_url),
                is_on_site=event.is_on_site,
                step_free_access=event.step_free_access,
                induction_loop=event.induction_loop,
                sign_language=event.sign_language,
                quiet_room=event.quiet_room,
            )
            rows.append((row, areas))
        return rows

    def connect(self):
        from pages.calendar.models import EventException, EventPage

        calendar_sources.follow_page(self.key, EventPage)
        calendar_sources.follow_rows(self.key, EventException, "event_id")


def register_calendar_source():
    calendar_sources.register(EventSource())
