"""Finding a volunteer offer: the filters behind the listing and its feeds.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are
named by slug (the same in every language), unknown values are ignored, and the counts of one
filter are computed with every other filter applied, one GROUP BY query per facet.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from pages.listing import (
    FacetValue,
    free_values,
    kept_aggregate,
    kept_rows,
    known,
    query_text,
    querystring_without,
    term_facet,
    text_matches,
    value_counts,
)

from .models import OfferMode, OfferSchedule, VolunteerOfferPage

MAX_ORGANIZATION_FACETS = 30

SORTS = {
    # Soonest deadline first; offers without a deadline after those with one.
    "deadline": (F("application_deadline").asc(nulls_last=True), "start_date", "title"),
    "newest": (F("first_published_at").desc(nulls_last=True), "title"),
}
SORT_LABELS = {"deadline": _("deadline"), "newest": _("newest")}
DEFAULT_SORT = "deadline"

# Mode filter: "on site" includes offers that are both, and so does "online".
MODE_FILTERS = {
    "on_site": (_("on site"), [OfferMode.ON_SITE, OfferMode.HYBRID]),
    "online": (_("online"), [OfferMode.ONLINE, OfferMode.HYBRID]),
}
FLAGS = {
    "minors": ("minors_allowed", _("suits minors")),
    "groups": ("suits_groups", _("suits groups")),
    "employee": ("employee_volunteering", _("employee volunteering")),
    "seniors": ("suits_seniors", _("suits seniors")),
    "accessible": ("accessible_place", _("accessible to people with disabilities")),
}


@dataclass
class OfferFilters:
    q: str = ""
    areas: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    mode: str = ""
    schedule: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    flags: list = field(default_factory=list)
    sort: str = DEFAULT_SORT
    language: str = "pl"
    errors: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request, area_slugs, district_slugs, language="pl"):
        data = request.GET
        errors = []
        date_from = _date(data.get("from", ""), _("from"), errors)
        date_to = _date(data.get("to", ""), _("until"), errors)
        if date_from and date_to and date_to < date_from:
            errors.append(_("The end of the date range is before its start; it was ignored."))
            date_to = None
        return cls(
            q=query_text(data),
            areas=known(data.getlist("area"), area_slugs),
            districts=known(data.getlist("district"), district_slugs),
            organizations=free_values(data.getlist("org"), max_length=255),
            mode=data.get("mode") if data.get("mode") in MODE_FILTERS else "",
            schedule=data.get("schedule") if data.get("schedule") in OfferSchedule.values else "",
            date_from=date_from,
            date_to=date_to,
            flags=[flag for flag in FLAGS if data.get(flag) == "1"],
            sort=data.get("sort") if data.get("sort") in SORTS else DEFAULT_SORT,
            language=language,
            errors=errors,
        )

    @property
    def is_filtered(self):
        return bool(
            self.q
            or self.areas
            or self.districts
            or self.organizations
            or self.mode
            or self.schedule
            or self.date_from
            or self.date_to
            or self.flags
        )

    def as_params(self, with_sort=True):
        params = []
        if self.q:
            params.append(("q", self.q))
        params += [("area", slug) for slug in self.areas]
        params += [("district", slug) for slug in self.districts]
        params += [("org", slug) for slug in self.organizations]
        if self.mode:
            params.append(("mode", self.mode))
        if self.schedule:
            params.append(("schedule", self.schedule))
        if self.date_from:
            params.append(("from", self.date_from.isoformat()))
        if self.date_to:
            params.append(("to", self.date_to.isoformat()))
        params += [(flag, "1") for flag in self.flags]
        if with_sort and self.sort != DEFAULT_SORT:
            params.append(("sort", self.sort))
        return params

    def querystring(self, **drop):
        """The URL query without the values named in ``drop`` (``True`` drops every value)."""
        return querystring_without(self.as_params(), drop)

    def apply(self, queryset, skip=None):
        if self.q:
            words = ["title", "lead", "city", "organization__title"]
            queryset = queryset.filter(pk__in=text_matches(queryset, self.q, self.language, words))
        if self.areas and skip != "area":
            queryset = queryset.filter(areas__slug__in=self.areas)
        if self.districts and skip != "district":
            queryset = queryset.filter(district__slug__in=self.districts)
        if self.organizations and skip != "org":
            queryset = queryset.filter(organization__slug__in=self.organizations)
        if self.mode and skip != "mode":
            queryset = queryset.filter(mode__in=MODE_FILTERS[self.mode][1])
        if self.schedule and skip != "schedule":
            queryset = queryset.filter(schedule=self.schedule)
        # An offer is in the range when its period overlaps it.
        if self.date_to:
            queryset = queryset.filter(start_date__lte=self.date_to)
        if self.date_from:
            queryset = queryset.filter(
                Q(end_date__gte=self.date_from)
                | Q(end_date__isnull=True, schedule=OfferSchedule.REGULAR)
                | Q(end_date__isnull=True, start_date__gte=self.date_from)
            )
        for flag in self.flags:
            if skip != flag:
                queryset = queryset.filter(**{FLAGS[flag][0]: True})
        if self.areas:
            queryset = queryset.distinct()
        return queryset


def _date(value, label, errors):
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors.append(
            _("“%(value)s” is not a date (%(label)s); use the form YYYY-MM-DD.")
            % {"value": value[:20], "label": label}
        )
        return None


def base_queryset(index_page):
    """The open offers of the index page's language, from wherever they live in its tree."""
    home = index_page.get_parent()
    return VolunteerOfferPage.objects.descendant_of(home).live().public().open()


def facets(queryset_for, filters, areas, districts):
    result = {
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "district": term_facet(
            queryset_for("district"), "district__slug", districts, filters.districts
        ),
    }
    rows = (
        queryset_for("org")
        .filter(organization__isnull=False)
        .order_by()
        .values("organization__slug", "organization__title")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "organization__title")[:MAX_ORGANIZATION_FACETS]
    )
    result["org"] = [
        FacetValue(
            row["organization__slug"],
            row["organization__title"],
            row["n"],
            row["organization__slug"] in filters.organizations,
        )
        for row in kept_rows(rows)
    ]
    counts = value_counts(queryset_for("mode"), "mode")
    result["mode"] = [
        FacetValue(
            key,
            label,
            sum(counts.get(mode, 0) for mode in modes),
            filters.mode == key,
        )
        for key, (label, modes) in MODE_FILTERS.items()
    ]
    counts = value_counts(queryset_for("schedule"), "schedule")
    result["schedule"] = [
        FacetValue(value, label, counts.get(value, 0), filters.schedule == value)
        for value, label in OfferSchedule.choices
    ]
    # The flags in one query: a conditional count each.
    flag_counts = kept_aggregate(
        queryset_for("flags").order_by(),
        **{
            flag: Count("pk", filter=Q(**{field_name: True}), distinct=True)
            for flag, (field_name, _label) in FLAGS.items()
        },
    )
    result["flags"] = [
        FacetValue(flag, label, flag_counts[flag], flag in filters.flags)
        for flag, (_field, label) in FLAGS.items()
    ]
    return result
