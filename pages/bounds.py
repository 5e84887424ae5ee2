"""What a request may ask of the server: the calendar's horizon and bounded query parameters.

Every listing, feed and admin filter reads its ids and dates through these helpers, so a crawler's
40-digit id or a date in year 1 or 9999 is ignored like any other unknown value instead of ending
in an OverflowError (a 500) or in a recurrence expanded for thousands of years (seconds of CPU
per request). The horizon is a setting (``CALENDAR_HORIZON_YEARS``, 3 by default): recurring
events are expanded, accepted by the editor's form and by the importer no further ahead.
"""

import datetime

from django.conf import settings
from django.utils import timezone

DEFAULT_HORIZON_YEARS = 3
# The calendar shows nothing before this: older dates are refused rather than computed.
EARLIEST_DATE = datetime.date(2000, 1, 1)
# The largest id any table of the portal uses (a 64-bit key); more digits are never an id.
MAX_ID = 2**63 - 1


def horizon_years():
    return max(1, int(getattr(settings, "CALENDAR_HORIZON_YEARS", DEFAULT_HORIZON_YEARS)))


def horizon_date(today=None):
    """The last day the calendar expands, shows and accepts recurrences up to."""
    today = today or timezone.localdate()
    years = horizon_years()
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def horizon_end(now=None):
    """The horizon as an aware instant (midnight after its last day, in the current zone)."""
    day = horizon_date(timezone.localdate(now) if now else None) + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_default_timezone())


def in_range(day):
    return EARLIEST_DATE <= day <= horizon_date()


def parse_date(value, earliest=EARLIEST_DATE, latest=None):
    """A date from a query string, or None when it is no date or outside [earliest, latest].

    ``latest`` defaults to the horizon; pass ``latest=False`` for no upper bound besides the
    calendar's last representable day, which is still kept a year away so that adding a week or
    a day to the result cannot overflow.
    """
    if not value or not isinstance(value, str) or len(value) > 10:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    if latest is None:
        latest = horizon_date()
    elif latest is False:
        latest = datetime.date(datetime.MAXYEAR - 1, 1, 1)
    if earliest and day < earliest:
        return None
    if day > latest:
        return None
    return day


def parse_id(value, maximum=MAX_ID):
    """A positive id from a query string, or None (not digits, zero, or more than any key)."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= maximum else None


def parse_ids(values, limit=20):
    """The distinct valid ids of a list of query values, at most ``limit`` of them."""
    ids = []
    for value in dict.fromkeys(values):
        number = parse_id(value)
        if number is not None and number not in ids:
            ids.append(number)
    return ids[:limit]


def parse_int(value, minimum, maximum):
    """An integer within [minimum, maximum] from a query string, or None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    digits = value[1:] if value[:1] == "-" else value
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
