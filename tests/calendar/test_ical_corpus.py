"""The public test calendars of icalendar and recurring-ical-events, imported and compared.

Every file of tests/data/ical/ (sources: tests/data/ical/SOURCES.md; the portal's own minimal
cases too) is imported for an organization of its own, with ``now`` before its events (nothing
is skipped as past). The occurrences the calendar pages would list (``candidates`` and
``expand``, the listing's code) are compared, per event and local start in Europe/Warsaw, with
recurring-ical-events' expansion of the same file over the same windows: the year of the
file's first start, a fixed past year and a fixed future year. The figures are printed (the
README quotes them); the search and reference indexes are not updated on each save, which
keeps the test under a minute.
"""

import collections
import contextlib
import datetime
import logging
import warnings
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar

from pages.calendar.events import candidates, expand, source_instant
from pages.calendar.importer import import_feed
from pages.calendar.models import EventPage, OrganizationCalendarFeed
from portal.demo import bulk
from tests.calendar.factories import CalendarPageFactory
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
CORPUS = Path(__file__).parents[1] / "data" / "ical"
FILES = sorted(CORPUS.glob("*/*.ics"))
LONG_AGO = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
FIXED_WINDOWS = [(2019, 2020), (2027, 2028)]
MAX_OCCURRENCES = 2000
EARLIEST_SINGLE = datetime.date(2000, 1, 1)


def _read(path):
    """The file as a calendar program reads it, or None when it is not one calendar."""
    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except Exception:  # noqa: BLE001 - a file the parser refuses: the portal must refuse it
        return None
    if isinstance(calendar, list) or calendar.name != "VCALENDAR":
        return None
    try:
        return x_wr_timezone.to_standard(calendar)
    except Exception:  # noqa: BLE001
        return None


def _key(value):
    return source_instant(value).strftime("%Y-%m-%d %H:%M")


def _series(calendar):
    """Each UID's VEVENTs as a calendar of its own (a broken series does not hide the others);
    a VEVENT without a UID is an event of its own, as the importer takes it."""
    zones = calendar.walk("VTIMEZONE")
    groups = collections.defaultdict(list)
    for index, component in enumerate(calendar.walk("VEVENT")):
        groups[str(component.get("UID", "")) or index].append(component)
    for uid, components in groups.items():
        uid = uid if isinstance(uid, str) else ""
        single = Calendar()
        for zone in zones:
            single.add_component(zone)
        for component in components:
            single.add_component(component)
        yield uid, components, single


def _refused_by_design(components):
    """A single date before 2000: the portal's calendar shows nothing so old (pages.bounds)."""
    masters = [c for c in components if "RECURRENCE-ID" not in c] or components
    recurring = any("RRULE" in c or "RDATE" in c for c in masters) or len(components) > 1
    start = masters[0].get("DTSTART")
    if recurring or start is None:
        return False
    return source_instant(start.dt).date() < EARLIEST_SINGLE


def _start_moved_into_end_zone(components):
    """A start written as a date or a floating time with an end in a zone (or UTC).

    RFC 5545 §3.8.2.2 asks DTEND to have DTSTART's value type; where a program breaks it,
    recurring-ical-events reads the start in the end's zone (a holiday from 02:00 in Warsaw).
    The portal reads the start as written (§3.3.4: a date is the whole day; §3.3.5: a floating
    time is the local time of whoever reads it, here Warsaw): the reference's wall-clock start.
    """
    for component in components:
        start, end = component.get("DTSTART"), component.get("DTEND")
        if start is None or end is None or isinstance(start, list) or isinstance(end, list):
            continue
        start, end = start.dt, end.dt
        written_floating = not isinstance(start, datetime.datetime) or start.tzinfo is None
        if written_floating and isinstance(end, datetime.datetime) and end.tzinfo is not None:
            return True
    return False


def reference(calendar, window):
    """recurring-ical-events' occurrences: Counters of (UID, local start) by kind (the ones
    compared, the ones not shown by design, the ones read as written); None when too many."""
    kinds = {kind: collections.Counter() for kind in ("compared", "by design", "as written")}
    for uid, components, single in _series(calendar):
        try:
            occurrences = recurring_ical_events.of(single).between(*window)
        except Exception:  # noqa: BLE001, S112 - a series the reference cannot expand either
            continue
        as_written = _start_moved_into_end_zone(components)
        target = kinds["by design"] if _refused_by_design(components) else kinds["compared"]
        for occurrence in occurrences:
            start = occurrence.decoded("DTSTART")
            if as_written and isinstance(start, datetime.datetime):
                start = start.replace(tzinfo=None)
                kinds["as written"][(uid, _key(start))] += 1
            target[(uid, _key(start))] += 1
        if sum(kinds["compared"].values()) > MAX_OCCURRENCES:
            return None
    return kinds


def shown(feed, window):
    """The portal's occurrences of one feed in the window, as the calendar's listing finds them,
    and among them the dates cancelled by a row (an EXDATE is listed as a cancelled date)."""
    events = candidates(EventPage.objects.filter(source_feed=feed), *window)
    found = collections.Counter()
    cancelled_rows = collections.Counter()
    for occurrence in expand(events, *window):
        uid = occurrence.event.source_uid.split("#")[0]
        uid = "" if uid.startswith("no-uid-") else uid
        key = (uid, occurrence.local_start.strftime("%Y-%m-%d %H:%M"))
        found[key] += 1
        if occurrence.is_cancelled and any(
            row.kind == "cancelled" and row.original_start == occurrence.original_start
            for row in occurrence.event.exceptions.all()
        ):
            cancelled_rows[key] += 1
    return found, cancelled_rows


AS_WRITTEN = (
    "of them, a date or floating start with a zoned end read as written "
    "(RFC 5545 §3.3.4, §3.3.5, §3.8.2.2; the reference reads it in the end's zone)"
)


def _first_year(calendar):
    years = []
    for component in calendar.walk("VEVENT"):
        start = component.get("DTSTART")
        if start is not None and not isinstance(start, list):
            try:
                years.append(source_instant(start.dt).year)
            except Exception:  # noqa: BLE001, S112 - an unreadable start: no window from it
                continue
    return min(years) if years else None


def _window(first, last):
    return (
        datetime.datetime(first, 1, 1, tzinfo=WARSAW),
        datetime.datetime(last, 1, 1, tzinfo=WARSAW),
    )


@pytest.fixture
def directory(homes):
    CalendarPageFactory(parent=homes["pl"])
    return OrganizationIndexPageFactory(parent=homes["pl"])


def test_the_public_test_calendars_import_and_show_what_recurring_ical_events_shows(
    directory, capsys
):
    # Search and reference indexes are not what is compared: off, the import takes a third of
    # the time (the test's transaction is rolled back, nothing stale remains).
    with bulk.per_save_indexing_off(), _errors_logged() as errors:
        totals, notes = _import_and_compare(directory)
    totals["tracebacks"] = len(errors)
    notes += [f"traceback: {record.getMessage()}" for record in errors]
    share = totals["shown at the right local start"] / totals["reference occurrences"]
    with capsys.disabled():
        print(f"\niCal corpus: {len(FILES)} files")
        for label, value in totals.items():
            print(f"  {label}: {value}")
        print(f"  shown / reference: {share:.2%}")
        for note in notes:
            print(f"  {note}")
    assert share >= 0.99
    assert totals["extra"] == 0
    assert totals["tracebacks"] == 0


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@contextlib.contextmanager
def _errors_logged():
    """What the importer logs as its own defect (``logger.exception``): a traceback."""
    handler = _Errors()
    logger = logging.getLogger("pages.calendar.importer")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def _import_and_compare(directory):
    totals = collections.Counter()
    notes = []
    for path in FILES:
        name = f"{path.parent.name}/{path.name}"
        organization = OrganizationPageFactory(parent=directory, title=f"Organizacja {path.stem}")
        feed = OrganizationCalendarFeed.objects.create(organization=organization, url=str(path))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = import_feed(feed, feed.url, now=LONG_AGO)  # never raises: the point
            calendar = _read(path)
        if result.error:
            totals["files refused"] += 1
            notes.append(f"refused {name}: {result.error}")
            continue
        totals["files imported"] += 1
        totals["events refused with a warning"] += len(result.warnings)
        if calendar is None:
            totals["files the reference cannot read"] += 1
            continue
        first = _first_year(calendar)
        windows = [(first, first + 1)] if first else []
        for window in [_window(*years) for years in dict.fromkeys(windows + FIXED_WINDOWS)]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                kinds = reference(calendar, window)
            if kinds is None:
                notes.append(f"skipped {name} {window[0].year}: over {MAX_OCCURRENCES} dates")
                totals["windows skipped (too many dates)"] += 1
                continue
            expected, designed = kinds["compared"], kinds["by design"]
            found, cancelled_rows = shown(feed, window)
            exdates = cancelled_rows - expected
            found -= exdates
            totals["reference occurrences"] += sum(expected.values())
            totals["shown at the right local start"] += sum((expected & found).values())
            totals["extra"] += sum((found - expected).values())
            totals["single dates before 2000 (not shown by design)"] += sum(designed.values())
            totals["EXDATE dates listed as cancelled"] += sum(exdates.values())
            totals[AS_WRITTEN] += sum((kinds["as written"] & found).values())
            for uid, when in list(expected - found)[:3]:
                notes.append(f"missing {name} {uid} {when}")
            for uid, when in list(found - expected)[:3]:
                notes.append(f"extra {name} {uid} {when}")
    return totals, notes
