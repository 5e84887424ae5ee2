"""Figures of the yearly cooperation report that the page families count for themselves.

The report (the cooperation app) does not know every family that did something with NGOs in a
year: a feature app registers a section from its ``AppConfig.ready()``,

    report_figures.register(FigureSection(
        key="trainings", heading=_("Trainings"), order=50,
        figures=[("trainings_held", _("Trainings held"), COUNT), ...],
        count=trainings_figures,          # callable(year, programme) -> {figure key: value}
        extras={"by_month": by_month},    # optional: callable(year) -> JSON data for a chart
    ))

and the report counts whatever is installed. Values are plain JSON (ints, decimal strings for
amounts, None where the year has no figure): the report freezes them when it is published and
renders the labels in its own language. Uninstalled, a family's section is simply not there.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

COUNT, AMOUNT, PERCENT = "count", "amount", "percent"


@dataclass(frozen=True)
class FigureSection:
    key: str
    heading: object  # a lazy translation
    figures: list  # [(figure key, label, kind)]
    count: object  # callable(year, programme) -> {figure key: value}
    order: int = 100
    extras: dict = field(default_factory=dict)  # {snapshot key: callable(year)}


_sections = {}


def register(section):
    _sections[section.key] = section


def unregister(key):
    _sections.pop(key, None)


def sections():
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def money(value):
    """An amount as a decimal string: a float would lose grosze."""
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def keys(pages):
    """The translation keys of pages: one per page whatever the number of its languages."""
    return set(pages.values_list("translation_key", flat=True))


def source_rows(model):
    """Rows of a page's inline panel, on the live source-language page only (translations of
    the page hold copies of the same rows)."""
    return model.objects.filter(page__live=True, page__locale__language_code=settings.LANGUAGE_CODE)


# Core's own sections: the Mayor's patronage (the office's process) and the directory.


def patronage_figures(year, programme=None):
    from pages.models import PatronageRequest

    return {
        "patronages_granted": PatronageRequest.objects.filter(
            status=PatronageRequest.Status.GRANTED, event_date__year=year
        ).count()
    }


def directory_figures(year, programme=None):
    from wagtail.models import PageLogEntry

    from pages.models import OrganizationPage

    organizations = OrganizationPage.objects.live()
    return {
        "organizations_listed": len(keys(organizations.filter(first_published_at__year__lte=year))),
        # Every publication is logged, also the ones a later publication replaced: a profile
        # changed in March and again next January counts in both years.
        "profiles_updated": len(
            set(
                PageLogEntry.objects.filter(
                    action="wagtail.publish",
                    timestamp__year=year,
                    page__in=organizations.values("pk"),
                ).values_list("page__translation_key", flat=True)
            )
        ),
    }


def register_core_sections():
    from django.utils.translation import gettext_lazy as _

    register(
        FigureSection(
            key="patronage",
            heading=_("The Mayor's patronage"),
            order=40,
            figures=[("patronages_granted", _("Patronages granted"), COUNT)],
            count=patronage_figures,
        )
    )
    register(
        FigureSection(
            key="directory",
            heading=_("The NGO directory"),
            order=80,
            figures=[
                (
                    "organizations_listed",
                    _("Organizations in the directory at the end of the year"),
                    COUNT,
                ),
                ("profiles_updated", _("Profiles published or updated in the year"), COUNT),
            ],
            count=directory_figures,
        )
    )
