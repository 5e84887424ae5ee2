"""The figures of the yearly cooperation report, counted from the portal's own data.

`compute(year, programme)` returns plain JSON data (keys and numbers, never translated labels):
the report page freezes it when it is published and renders the labels in its own language.
Each installed family counts its own section (core's `pages.report_figures`, filled from the
apps' `ready()`): pages are counted by ``translation_key`` (a consultation held in Polish and
translated into two languages is one consultation), while what residents and organizations did
on them (comments, registrations, applications) is counted on every language. What is counted
here is the grants' breakdowns, which the programme's priority tasks name.
"""

from django.db.models import Sum
from django.utils import timezone

from pages import report_figures
from pages.grants.models import AwardedGrant
from pages.report_figures import keys, money

SNAPSHOT_VERSION = 1
# The years the chart of amounts by year shows, the report's year last.
YEARS_IN_CHART = 5


def compute(year, programme=None, previous_programme=None):
    """The snapshot of ``year``: each figure with the year before, and the breakdowns."""
    figures = {}
    extras = {}
    for section in report_figures.sections():
        current = section.count(year, programme)
        previous = section.count(year - 1, previous_programme)
        for key, _label, _kind in section.figures:
            figures[key] = {"value": current[key], "previous": previous[key]}
        for name, extra in section.extras.items():
            extras[name] = extra(year)
    return {
        "version": SNAPSHOT_VERSION,
        "year": year,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "figures": figures,
        "amount_by_area": amount_by_area(year),
        "amount_by_mode": amount_by_mode(year),
        "amount_by_year": {
            str(y): money(AwardedGrant.objects.filter(year=y).aggregate(s=Sum("amount"))["s"])
            for y in range(year - YEARS_IN_CHART + 1, year + 1)
        },
        **extras,
        "tasks": task_amounts(year, programme),
    }


def amount_by_area(year):
    """{area's translation_key: amount}; grants without an area under ""."""
    rows = (
        AwardedGrant.objects.filter(year=year)
        .values("area__translation_key")
        .annotate(s=Sum("amount"))
        .order_by("-s")
    )
    return {str(row["area__translation_key"] or ""): money(row["s"]) for row in rows}


def amount_by_mode(year):
    rows = AwardedGrant.objects.filter(year=year).values("mode").annotate(s=Sum("amount"))
    return {row["mode"]: money(row["s"]) for row in sorted(rows, key=lambda r: r["mode"])}


def task_amounts(year, programme):
    """[{planned, awarded}] per priority task of the programme, in the programme's order:
    awarded counts the grants of the year made in the calls the task names."""
    if programme is None:
        return []
    result = []
    for task in programme.priority_tasks.all():
        calls = keys(task.grant_calls.all())
        awarded = AwardedGrant.objects.filter(year=year, call__translation_key__in=calls).aggregate(
            s=Sum("amount")
        )["s"]
        result.append({"planned": money(task.planned_amount), "awarded": money(awarded)})
    return result
