"""Filters of the calendar: the same URL parameters drive the listings and the iCal feed.

Like every listing's filters (pages.listing) they live in the URL, combine, ignore unknown
values, and name taxonomy terms by slug (the same in every language). They filter the calendar's
stored dates (the calendar's CalendarOccurrence), which carry what each filter asks. Counts per
value are counts of events, trainings and meetings (of the pages, not of their dates) with the
other filters applied: one GROUP BY query per facet, whatever the number of events.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _

from pages.bounds import parse_date, parse_ids
from pages.listing import (
    FacetValue,
    condition_counts,
    kept_rows,
    known,
    query_text,
    querystring_without,
    term_facet,
)

MAX_ORGANIZER_FACETS = 30

ACCESS_FIELDS = {
    "step-free": ("step_free_access", _("step-free access")),
    "loop": ("induction_loop", _("induction loop")),
    "sign": ("sign_language", _("sign language interpreter")),
    "quiet": ("quiet_room", _("quiet room")),
}
MODES = {"online": _("online"), "onsite": _("on site")}


@dataclass
class EventFilters:
    q: str = ""
    categories: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    organizers: list = field(default_factory=list)
    free: bool = False
    mode: str = ""
    access: list = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @classmethod
    def from_request(cls, request, category_slugs, area_slugs, district_slugs):
        data = request.GET
        # Dates outside what the calendar can show (before 2000, after its horizon) and ids no
        # table can hold are ignored like unknown values.
        organizers = parse_ids(data.getlist("organizer"))
        date_from, date_to = parse_date(data.get("from")), parse_date(data.get("to"))
        if date_from and date_to and date_to < date_from:
            date_from, date_to = date_to, date_from
        return cls(
            q=query_text(data),
            categories=known(data.getlist("category"), category_slugs),
            areas=known(data.getlist("area"), area_slugs),
            districts=known(data.getlist("district"), district_slugs),
            organizers=organizers,
            free=data.get("free") == "1",
            mode=data.get("mode") if data.get("mode") in MODES else "",
            access=known(data.getlist("access"), ACCESS_FIELDS),
            date_from=date_from,
            date_to=date_to,
        )

    @property
    def is_filtered(self):
        return bool(self.as_params())

    def as_params(self, dates=True):
        params = []
        if self.q:
            params.append(("q", self.q))
        params += [("category", slug) for slug in self.categories]
        params += [("area", slug) for slug in self.areas]
        params += [("district", slug) for slug in self.districts]
        params += [("organizer", str(pk)) for pk in self.organizers]
        if self.free:
            params.append(("free", "1"))
        if self.mode:
            params.append(("mode", self.mode))
        params += [("access", value) for value in self.access]
        if dates and self.date_from:
            params.append(("from", self.date_from.isoformat()))
        if dates and self.date_to:
            params.append(("to", self.date_to.isoformat()))
        return params

    def querystring(self, dates=True, **drop):
        """The URL query of these filters without the values named in ``drop``."""
        return querystring_without(self.as_params(dates=dates), drop)

    def apply(self, queryset, skip=None):
        if self.q:
            # The rows' words are stored lowercased: a plain match is case-blind for Polish
            # letters too (SQLite's LIKE folds ASCII only).
            for word in self.q.split():
                queryset = queryset.filter(text__contains=word.lower())
        if self.categories and skip != "category":
            queryset = queryset.filter(category__slug__in=self.categories)
        if self.areas and skip != "area":
            queryset = queryset.filter(areas__slug__in=self.areas)
        if self.districts and skip != "district":
            queryset = queryset.filter(district__slug__in=self.districts)
        if self.organizers and skip != "organizer":
            from pages.models import OrganizationPage

            keys = OrganizationPage.objects.filter(pk__in=self.organizers).values("translation_key")
            queryset = queryset.filter(organizer__translation_key__in=keys)
        if self.free and skip != "free":
            queryset = queryset.filter(is_free=True)
        if self.mode and skip != "mode":
            queryset = queryset.filter(_mode_q(self.mode))
        if skip != "access":
            for value in self.access:
                queryset = queryset.filter(**{ACCESS_FIELDS[value][0]: True})
        if self.areas:
            queryset = queryset.distinct()
        return queryset


def _mode_q(mode):
    return Q(is_online=True) if mode == "online" else Q(is_on_site=True)


def facets(queryset_for, filters, categories, areas, districts):
    """Counts per filter value; ``queryset_for(skip)`` gives the dates with the other filters,
    and each count is of their pages."""
    result = {}
    for name, terms, path, chosen in (
        ("category", categories, "category__slug", filters.categories),
        ("area", areas, "areas__slug", filters.areas),
        ("district", districts, "district__slug", filters.districts),
    ):
        result[name] = term_facet(queryset_for(name), path, terms, chosen, count="page")
    rows = kept_rows(
        queryset_for("organizer")
        .filter(organizer__isnull=False)
        .order_by()
        .values("organizer__translation_key")
        .annotate(
            n=Count("page", distinct=True), pk=Min("organizer_id"), title=Min("organizer__title")
        )
        .order_by("-n", "title")[:MAX_ORGANIZER_FACETS]
    )
    result["organizer"] = [
        FacetValue(str(row["pk"]), row["title"], row["n"], row["pk"] in filters.organizers)
        for row in rows
    ]
    wanted = [("free", "free", Q(is_free=True))]
    wanted += [(f"mode-{value}", "mode", _mode_q(value)) for value in MODES]
    for value, (field_name, _label) in ACCESS_FIELDS.items():
        # The needs add up (all must hold): each count has the other chosen needs applied.
        others = {ACCESS_FIELDS[v][0]: True for v in filters.access if v != value}
        wanted.append((f"access-{value}", "access", Q(**others, **{field_name: True})))
    active = {
        name
        for name, on in (("free", filters.free), ("mode", filters.mode), ("access", filters.access))
        if on
    }
    counts = condition_counts(queryset_for, active, wanted, count="page")
    result["free"] = counts["free"]
    result["mode"] = [
        FacetValue(value, label, counts[f"mode-{value}"], filters.mode == value)
        for value, label in MODES.items()
    ]
    result["access"] = [
        FacetValue(value, label, counts[f"access-{value}"], value in filters.access)
        for value, (_field, label) in ACCESS_FIELDS.items()
    ]
    return result
