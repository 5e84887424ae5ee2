"""An imported repetition rule in words, for a resident and an editor.

dateutil and recurring-ical-events expand rules but do not describe them. The common rules of
NGOs' calendars (every n days/weeks/months/years, on weekdays, "the second Tuesday", a day of
the month, until a date or a number of times) are put in words; anything else is shown as the
source's RRULE text, never simplified.
"""

from django.utils import formats
from django.utils.translation import gettext, ngettext, npgettext, pgettext

from pages.calendar.events import source_instant, source_master

WEEKDAY_NAMES = {
    "MO": lambda: pgettext("repeats on", "Monday"),
    "TU": lambda: pgettext("repeats on", "Tuesday"),
    "WE": lambda: pgettext("repeats on", "Wednesday"),
    "TH": lambda: pgettext("repeats on", "Thursday"),
    "FR": lambda: pgettext("repeats on", "Friday"),
    "SA": lambda: pgettext("repeats on", "Saturday"),
    "SU": lambda: pgettext("repeats on", "Sunday"),
}
LAST_WEEKDAY = {
    "MO": lambda: pgettext("repeats on", "the last Monday of the month"),
    "TU": lambda: pgettext("repeats on", "the last Tuesday of the month"),
    "WE": lambda: pgettext("repeats on", "the last Wednesday of the month"),
    "TH": lambda: pgettext("repeats on", "the last Thursday of the month"),
    "FR": lambda: pgettext("repeats on", "the last Friday of the month"),
    "SA": lambda: pgettext("repeats on", "the last Saturday of the month"),
    "SU": lambda: pgettext("repeats on", "the last Sunday of the month"),
}
# What the words cover; a rule with any other part is shown as its text.
DESCRIBED = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "UNTIL", "COUNT", "WKST"}


def _every(freq, interval):
    if freq == "DAILY":
        return npgettext("repeats", "every day", "every %(n)s days", interval) % {"n": interval}
    if freq == "WEEKLY":
        return npgettext("repeats", "every week", "every %(n)s weeks", interval) % {"n": interval}
    if freq == "MONTHLY":
        return npgettext("repeats", "every month", "every %(n)s months", interval) % {"n": interval}
    return npgettext("repeats", "every year", "every %(n)s years", interval) % {"n": interval}


def _day(value):
    """One BYDAY value in words, or None when the words do not cover it (e.g. 20MO)."""
    code = value[-2:]
    ordinal = value[:-2]
    if code not in WEEKDAY_NAMES:
        return None
    if not ordinal:
        return WEEKDAY_NAMES[code]()
    if ordinal == "-1":
        return LAST_WEEKDAY[code]()
    if ordinal.lstrip("+") in {"1", "2", "3", "4", "5"}:
        return pgettext("repeats on", "the %(n)s. %(weekday)s of the month") % {
            "n": ordinal.lstrip("+"),
            "weekday": WEEKDAY_NAMES[code](),
        }
    return None


def describe_rule(recur):
    """A vRecur in words, or None when the words would leave a part of it out."""
    freq = (recur.get("FREQ") or [""])[0]
    if freq not in {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"} or set(recur) - DESCRIBED:
        return None
    parts = [_every(freq, int((recur.get("INTERVAL") or [1])[0]))]
    days = [_day(str(value)) for value in recur.get("BYDAY", [])]
    if None in days or (days and freq not in {"WEEKLY", "MONTHLY"}):
        return None
    if days:
        parts.append(pgettext("repeats on", "on %(days)s") % {"days": ", ".join(days)})
    monthdays = [int(value) for value in recur.get("BYMONTHDAY", [])]
    if monthdays:
        if freq != "MONTHLY" or any(day < 1 for day in monthdays):
            return None
        parts.append(
            pgettext("repeats on", "on day %(days)s of the month")
            % {"days": ", ".join(str(day) for day in monthdays)}
        )
    if recur.get("UNTIL"):
        until = recur["UNTIL"][0]
        day = source_instant(until).date()
        parts.append(gettext("until %(date)s") % {"date": formats.date_format(day, "j E Y")})
    elif recur.get("COUNT"):
        count = int(recur["COUNT"][0])
        parts.append(ngettext("%(n)s time", "%(n)s times", count) % {"n": count})
    return ", ".join(parts)


def describe_source(event):
    """The source's rules in words (each RRULE, and whether other dates are added)."""
    master = source_master(event)
    if master is None:
        return ""
    rules = master.get("RRULE")
    rules = rules if isinstance(rules, list) else [rules] if rules is not None else []
    described = []
    for recur in rules:
        words = describe_rule(recur)
        described.append(words if words is not None else recur.to_ical().decode())
    if "RDATE" in master:
        described.append(gettext("on further dates the source calendar lists"))
    return "; ".join(described)
