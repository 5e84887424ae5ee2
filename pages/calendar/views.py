"""The calendar's public views: upcoming, month, week, archive, the iCal feed and one event's .ics.

They are routes of CalendarPage and EventPage (see their @path methods). Every listing reads the
calendar's stored dates (CalendarOccurrence, written by the calendar sources when
events, trainings' sessions or council meetings change) with one range query, plus one query per
facet: a request never expands a recurrence rule, and the number of queries does not grow with
the number of events.
"""

import calendar as stdlib_calendar
import datetime
import hashlib
import re
import types

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from pages import calendar_sources
from pages.bounds import EARLIEST_DATE, horizon_date, in_range
from pages.calendar.events import HORIZON, Label, Occurrence, warsaw
from pages.calendar.filters import ACCESS_FIELDS, EventFilters, facets
from pages.calendar.ical import PublicAddresses, build_calendar, compressed, feed_events
from pages.layout_cache import layout_cached
from pages.listing import ListingPaginator
from pages.localized import in_language
from pages.models import AreaOfPublicBenefit, District
from pages.public_urls import absolute_url

from .models import CalendarOccurrence, EventCategory, EventPage

PER_PAGE = 20
MONTH_DAY_LIMIT = 5
ARCHIVE_SPAN = datetime.timedelta(days=2 * 365)
FEED_DAYS_BACK = 90
FEED_DAYS_AHEAD = 365
FEED_CACHE_SECONDS = 24 * 3600
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _midnight(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=warsaw())


def _labels(calendar_page):
    """Category, area and district terms, read once per content generation (layout cache)."""
    locale = calendar_page.locale
    return layout_cached(
        "calendar-terms",
        (locale.pk,),
        lambda: (
            EventCategory.objects.by_slug(locale),
            AreaOfPublicBenefit.objects.by_slug(locale),
            District.objects.by_slug(locale),
        ),
    )


def _filtered(calendar_page, request):
    categories, areas, districts = _labels(calendar_page)
    filters = EventFilters.from_request(request, set(categories), set(areas), set(districts))
    return filters, categories, areas, districts


def calendar_rows(calendar_page, range_start, range_end):
    """The stored dates a calendar shows in [range_start, range_end): its language's, and the
    Polish ones of sources that fall back (events) where no translation is live yet, so a
    resident reading /en/ sees every event, in English where a translation exists."""
    rows = CalendarOccurrence.objects.filter(start__lt=range_end, end__gt=range_start)
    return _in_language(rows, calendar_page.locale)


def _in_language(rows, locale):
    keys = calendar_sources.falling_back()
    if not keys:
        return rows.filter(locale_id=locale.pk)
    return in_language(rows, locale, falls_back=Q(source__in=keys))


def upcoming_in_district(district, locale, limit):
    """The events in ``district`` with a date not yet over, each once at its next date (not a
    cancelled one), in the reader's language as the calendar shows them: the calendar's section
    of a district's page (registered in ``ready()``). One query."""
    rows = _in_language(
        CalendarOccurrence.objects.filter(
            end__gt=timezone.now(), district__slug=district.slug
        ).exclude(status=CalendarOccurrence.Status.CANCELLED),
        locale,
    )
    following = rows.filter(page_id=OuterRef("page_id")).order_by("start", "pk").values("pk")[:1]
    rows = rows.filter(pk=Subquery(following))
    return list(rows.select_related("page").order_by("start", "pk")[:limit])


def _occurrence(row, categories, districts, source_labels):
    """A stored date as the templates read an occurrence: the linked page carries the labels
    in the reader's language (by slug: no query)."""
    page = row.page
    label = source_labels.get(row.source)
    if label is not None:
        page.category_label = Label(str(label))
    else:
        page.category_label = (
            categories.get(row.category.slug, row.category) if row.category_id else None
        )
    page.district_label = (
        districts.get(row.district.slug, row.district) if row.district_id else None
    )
    page.organizer = row.organizer
    page.all_day = row.all_day
    page.online_url = row.is_online
    page.venue_name = row.venue_name
    page.is_free = row.is_free
    page.price_text = row.price_text
    return Occurrence(
        page,
        row.start,
        row.end,
        row.original_start,
        row.status,
        street_address=row.street_address,
        note=row.note,
    )


def _occurrences(rows, labels):
    categories, _areas, districts = labels
    source_labels = calendar_sources.labels()
    return [_occurrence(row, categories, districts, source_labels) for row in rows]


def _context(calendar_page, request, filters, labels, range_start, range_end, view):
    categories, areas, districts = labels
    base = calendar_rows(calendar_page, range_start, range_end)
    rows = filters.apply(base).select_related("page", "category", "district", "organizer")
    counted = lambda skip: filters.apply(base, skip=skip)  # noqa: E731
    feed_query = filters.querystring(dates=False)
    feed_path = calendar_page.url + "ical/" + (f"?{feed_query}" if feed_query else "")
    feed_url = absolute_url(feed_path, request)
    return {
        "view": view,
        "filters": filters,
        "facets": facets(counted, filters, categories, areas, districts),
        "querystring": filters.querystring(),
        "active_filters": _active_filters(filters, categories, areas, districts),
        "rows": rows,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
        "today": timezone.localdate(),
    }


def _paged(context, request, rows, labels):
    """A page of the listing: the database counts, sorts and slices the dates."""
    page_obj = ListingPaginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    page_obj.object_list = _occurrences(page_obj.object_list, labels)
    context["page_obj"] = page_obj
    context["days"] = _by_day(page_obj.object_list)
    return context


def _active_filters(filters, categories, areas, districts):
    chips = []
    if filters.q:
        chips.append((f"„{filters.q}”", filters.querystring(q=filters.q)))
    for slug in filters.categories:
        chips.append((categories[slug].name, filters.querystring(category=slug)))
    for slug in filters.areas:
        chips.append((areas[slug].name, filters.querystring(area=slug)))
    for slug in filters.districts:
        chips.append((districts[slug].name, filters.querystring(district=slug)))
    for pk in filters.organizers:
        chips.append(
            (gettext("organizer #%(id)s") % {"id": pk}, filters.querystring(organizer=str(pk)))
        )
    if filters.free:
        chips.append((gettext("free"), filters.querystring(free=True)))
    if filters.mode:
        label = gettext("online") if filters.mode == "online" else gettext("on site")
        chips.append((label, filters.querystring(mode=True)))
    for value in filters.access:
        chips.append((ACCESS_FIELDS[value][1], filters.querystring(access=value)))
    if filters.date_from:
        chips.append(
            (
                gettext("from %(date)s") % {"date": filters.date_from},
                filters.querystring(**{"from": True}),
            )
        )
    if filters.date_to:
        chips.append(
            (gettext("until %(date)s") % {"date": filters.date_to}, filters.querystring(to=True))
        )
    return chips


def _by_day(found):
    """[(date, [occurrences])] in order, for the listing's day headings."""
    days = {}
    for occurrence in found:
        days.setdefault(occurrence.local_start.date(), []).append(occurrence)
    return list(days.items())


def _this_minute():
    """Now, to the minute: the listings' "from now on" is then the same for a minute, so their
    facet counts and totals are kept (pages.listing keys them by their SQL and parameters) where
    a value to the microsecond would make every request a new key. The price: an event that has
    just ended stays among the coming ones, and out of the archive, for the rest of the minute."""
    return timezone.now().replace(second=0, microsecond=0)


def upcoming_view(calendar_page, request):
    filters, *labels = _filtered(calendar_page, request)
    now = _this_minute()
    range_start = max(now, _midnight(filters.date_from)) if filters.date_from else now
    range_end = (
        _midnight(filters.date_to + datetime.timedelta(days=1))
        if filters.date_to
        else now + HORIZON
    )
    context = _context(calendar_page, request, filters, labels, range_start, range_end, "upcoming")
    rows = context["rows"].order_by("start", "title", "pk")
    context = _paged(context, request, rows, labels)
    return calendar_page.render(request, context_overrides=context)


def archive_view(calendar_page, request):
    filters, *labels = _filtered(calendar_page, request)
    now = _this_minute()
    range_start = _midnight(filters.date_from) if filters.date_from else now - ARCHIVE_SPAN
    range_end = (
        min(now, _midnight(filters.date_to + datetime.timedelta(days=1)))
        if filters.date_to
        else now
    )
    context = _context(calendar_page, request, filters, labels, range_start, range_end, "archive")
    rows = context["rows"].filter(end__lte=now).order_by("-start", "-title", "-pk")
    context = _paged(context, request, rows, labels)
    return calendar_page.render(request, context_overrides=context)


def _showable(first_day):
    """Refuse (404) a month or week outside what the calendar shows: before 2000 or past its
    horizon, decided from the path alone, before any event is read or expanded."""
    if not in_range(first_day):
        raise Http404


def month_view(calendar_page, request, year, month):
    if not (1 <= month <= 12 and EARLIEST_DATE.year <= year <= horizon_date().year):
        raise Http404
    _showable(datetime.date(year, month, 1))
    filters, *labels = _filtered(calendar_page, request)
    weeks_of_dates = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first_day, last_day = weeks_of_dates[0][0], weeks_of_dates[-1][-1]
    range_start = _midnight(first_day)
    range_end = _midnight(last_day + datetime.timedelta(days=1))
    context = _context(calendar_page, request, filters, labels, range_start, range_end, "month")
    context["occurrences"] = _occurrences(context["rows"].order_by("start", "title", "pk"), labels)
    per_day = {}
    for occurrence in context["occurrences"]:
        for day in occurrence.days():
            per_day.setdefault(day, []).append(occurrence)

    # A busy day shows its first few dates and links to the list of all of them: a cell with
    # fifty events helps nobody, and the page stays the same size in a city of any size.
    def cell(day):
        items = per_day.get(day, [])
        return day, day.month == month, items[:MONTH_DAY_LIMIT], len(items[MONTH_DAY_LIMIT:])

    context["weeks"] = [[cell(day) for day in week] for week in weeks_of_dates]
    context["querystring_without_dates"] = filters.querystring(dates=False)
    context["month_start"] = datetime.date(year, month, 1)
    context["month_name"] = MONTHS[month]
    previous = context["month_start"] - datetime.timedelta(days=1)
    last_day_of_month = datetime.date(year, month, stdlib_calendar.monthrange(year, month)[1])
    following = last_day_of_month + datetime.timedelta(days=1)
    # No link to a month the calendar answers 404 for.
    showable = in_range(previous.replace(day=1))
    context["previous_month"] = (previous.year, previous.month) if showable else None
    context["next_month"] = (following.year, following.month) if in_range(following) else None
    context["weekday_names"] = [date_format(d, "l") for d in weeks_of_dates[0]]
    context["occurrence_count"] = sum(
        1
        for o in context["occurrences"]
        if o.local_start.date() <= last_day_of_month and o.last_day >= context["month_start"]
    )
    return calendar_page.render(
        request, template="ngo_calendar/calendar_month.html", context_overrides=context
    )


def week_view(calendar_page, request, year, week):
    if not (EARLIEST_DATE.year <= year <= horizon_date().year):
        raise Http404
    try:
        monday = datetime.date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise Http404 from error
    _showable(monday)
    filters, *labels = _filtered(calendar_page, request)
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    range_start, range_end = _midnight(days[0]), _midnight(days[-1] + datetime.timedelta(days=1))
    context = _context(calendar_page, request, filters, labels, range_start, range_end, "week")
    context["occurrences"] = _occurrences(context["rows"].order_by("start", "title", "pk"), labels)
    per_day = {}
    for occurrence in context["occurrences"]:
        for day in occurrence.days():
            per_day.setdefault(day, []).append(occurrence)
    context["week_days"] = [(day, per_day.get(day, [])) for day in days]
    previous_monday = monday - datetime.timedelta(days=7)
    next_monday = monday + datetime.timedelta(days=7)
    previous, following = previous_monday.isocalendar(), next_monday.isocalendar()
    context["week_start"], context["week_end"] = days[0], days[-1]
    context["previous_week"] = (previous[0], previous[1]) if in_range(previous_monday) else None
    context["next_week"] = (following[0], following[1]) if in_range(next_monday) else None
    return calendar_page.render(
        request, template="ngo_calendar/calendar_week.html", context_overrides=context
    )


# iCal


def feed_window(now=None):
    """[start, end) of the whole-calendar feed: a while back, so a subscriber still sees last
    week, and a year ahead (settings), so its size is bounded whatever the calendar holds."""
    now = now or timezone.now()
    back = int(getattr(settings, "PORTAL_ICAL_FEED_DAYS_BACK", FEED_DAYS_BACK))
    ahead = int(getattr(settings, "PORTAL_ICAL_FEED_DAYS_AHEAD", FEED_DAYS_AHEAD))
    return now - datetime.timedelta(days=back), now + datetime.timedelta(days=ahead)


def _feed_cache_version():
    """The content generation while the host site caches pages (``PAGES_FEED_CACHE_VERSION``).

    None otherwise: the feed is then built on every request, so what is measured without the
    page cache is the real work. Any change of content starts a new generation, so a cached
    feed is never stale.
    """
    path = getattr(settings, "PAGES_FEED_CACHE_VERSION", None)
    return import_string(path)() if path else None


def _accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _feed_response(request, body, compressed, filename, disposition="inline"):
    """The feed, gzipped when the client accepts it (a public feed: BREACH reveals nothing)."""
    if _accepts_gzip(request):
        response = HttpResponse(compressed, content_type="text/calendar; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Content-Length"] = str(len(response.content))
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _build_feed(calendar_page, request, filters, categories):
    window = range_start, range_end = feed_window()
    # Dates asked for narrow the window, never widen it.
    if filters.date_from:
        range_start = max(range_start, _midnight(filters.date_from))
    if filters.date_to:
        range_end = min(range_end, _midnight(filters.date_to + datetime.timedelta(days=1)))
    # The events with a date in the window: each goes out whole (its rule, its changes).
    rows = filters.apply(calendar_rows(calendar_page, range_start, range_end))
    events = EventPage.objects.filter(pk__in=rows.filter(source="event").values("page_id"))
    names = {slug: term.name for slug, term in categories.items()}
    return build_calendar(
        feed_events(events.order_by("start", "pk"), window),
        calendar_page.title,
        calendar_page.locale.language_code,
        names,
        _stored_dates(rows.exclude(source="event")),
    )


STORED_DATE_FIELDS = (
    "source",
    "object_id",
    "original_start",
    "start",
    "end",
    "all_day",
    "status",
    "title",
    "venue_name",
    "street_address",
)


def _stored_dates(rows):
    """The other sources' dates (trainings' sessions, council meetings, fairs) as the feed
    writes them: one VEVENT each, read in one query."""
    labels = calendar_sources.labels()
    addresses = PublicAddresses()
    dates = []
    for row in rows.order_by("start", "pk").values(*STORED_DATE_FIELDS, "page__url_path"):
        url_path = row.pop("page__url_path")
        label = labels.get(row["source"])
        dates.append(
            types.SimpleNamespace(
                **row, url=addresses(url_path), label=str(label) if label else None
            )
        )
    return dates


def calendar_feed(calendar_page, request):
    """The subscribable feed of the calendar, with the same filters as the page's URL."""
    filters, categories, _areas, _districts = _filtered(calendar_page, request)
    version = _feed_cache_version()
    if version is None:
        body = _build_feed(calendar_page, request, filters, categories)
        stored = body, compressed(body)
    else:
        digest = hashlib.sha256(filters.querystring().encode()).hexdigest()[:24]
        # The day is part of the key: the window moves at midnight.
        day = timezone.localdate().isoformat()
        key = f"calendar:feed:{version}:{day}:{calendar_page.pk}:{digest}"
        stored = cache.get(key)
        if stored is None:
            body = _build_feed(calendar_page, request, filters, categories)
            stored = body, compressed(body)
            cache.set(key, stored, FEED_CACHE_SECONDS)
    return _feed_response(request, *stored, f"{calendar_page.slug}.ics")


def event_ics(event, request):
    """One event's .ics: the whole rule, its cancelled and moved occurrences."""
    names = {slug: term.name for slug, term in EventCategory.objects.by_slug(event.locale).items()}
    rows = feed_events(EventPage.objects.filter(pk=event.pk), feed_window())
    body = build_calendar(rows, event.title, event.locale.language_code, names)
    return _feed_response(request, body, compressed(body), f"{event.slug}.ics", "attachment")
