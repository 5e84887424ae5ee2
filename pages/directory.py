"""Filtering the NGO directory: one set of filters behind the listing, the map and the exports.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are named by
slug, unknown values are ignored, the counts of one filter are computed with every other filter
applied, one GROUP BY query per facet.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .listing import (
    choice_facet,
    condition_counts,
    free_values,
    known,
    query_text,
    querystring_without,
    tag_facet,
    term_facet,
    text_matches,
)
from .models import LegalForm, OrganizationPage

SORTS = {
    "name": ("title",),
    # Never-published rows (imported drafts made live by hand) sort last on every database.
    "updated": (F("last_published_at").desc(nulls_last=True), "title"),
}
DEFAULT_SORT = "name"


@dataclass
class DirectoryFilters:
    q: str = ""
    areas: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    legal_forms: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    opp: bool = False
    volunteers: bool = False
    sort: str = DEFAULT_SORT
    language: str = "pl"

    @classmethod
    def from_request(cls, request, area_slugs, district_slugs, language="pl"):
        data = request.GET
        legal_forms = set(LegalForm.values)
        return cls(
            q=query_text(data),
            areas=known(data.getlist("area"), area_slugs),
            districts=known(data.getlist("district"), district_slugs),
            legal_forms=known(data.getlist("form"), legal_forms),
            tags=free_values(data.getlist("tag")),
            opp=data.get("opp") == "1",
            volunteers=data.get("volunteers") == "1",
            sort=data.get("sort") if data.get("sort") in SORTS else DEFAULT_SORT,
            language=language,
        )

    @property
    def is_filtered(self):
        return bool(
            self.q
            or self.areas
            or self.districts
            or self.legal_forms
            or self.tags
            or self.opp
            or self.volunteers
        )

    def as_params(self):
        """The filters as URL parameters, in a stable order (for links and cache keys)."""
        params = []
        if self.q:
            params.append(("q", self.q))
        params += [("area", slug) for slug in self.areas]
        params += [("district", slug) for slug in self.districts]
        params += [("form", form) for form in self.legal_forms]
        params += [("tag", tag) for tag in self.tags]
        if self.opp:
            params.append(("opp", "1"))
        if self.volunteers:
            params.append(("volunteers", "1"))
        if self.sort != DEFAULT_SORT:
            params.append(("sort", self.sort))
        return params

    def querystring(self, **drop):
        """The URL query of these filters without the values named in ``drop``.

        ``drop={"area": "wolontariat"}`` removes one value; ``drop={"opp": True}`` removes the flag.
        """
        return querystring_without(self.as_params(), drop)

    def apply(self, queryset, skip=None):
        """Narrow ``queryset`` by every filter except the one named ``skip``."""
        if self.q:
            queryset = queryset.filter(
                pk__in=text_matches(
                    queryset,
                    self.q,
                    self.language,
                    ["title", "short_name", "city"],
                    exact=["krs", "nip"],
                )
            )
        if self.areas and skip != "area":
            queryset = queryset.filter(areas__slug__in=self.areas)
        if self.districts and skip != "district":
            queryset = queryset.filter(districts__slug__in=self.districts)
        if self.legal_forms and skip != "form":
            queryset = queryset.filter(legal_form__in=self.legal_forms)
        if self.tags and skip != "tag":
            queryset = queryset.filter(tagged_items__tag__slug__in=self.tags)
        if self.opp and skip != "opp":
            queryset = queryset.filter(is_public_benefit=True)
        if self.volunteers and skip != "volunteers":
            queryset = queryset.filter(takes_volunteers=True)
        # A multi-valued filter joins rows: keep each organization once.
        if self.areas or self.districts or self.tags:
            queryset = queryset.distinct()
        return queryset


def base_queryset(index_page):
    return OrganizationPage.objects.child_of(index_page).live().public()


def facets(queryset_for, filters, areas, districts):
    """Counts per filter value; ``queryset_for(skip)`` gives the set with other filters applied."""
    result = {
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "district": term_facet(
            queryset_for("district"), "districts__slug", districts, filters.districts
        ),
        "form": choice_facet(
            queryset_for("form"), "legal_form", LegalForm.choices, filters.legal_forms
        ),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
    }
    active = {name for name, on in (("opp", filters.opp), ("volunteers", filters.volunteers)) if on}
    counts = condition_counts(
        queryset_for,
        active,
        [
            ("opp", "opp", Q(is_public_benefit=True)),
            ("volunteers", "volunteers", Q(takes_volunteers=True)),
        ],
    )
    result["opp"], result["volunteers"] = counts["opp"], counts["volunteers"]
    return result


MAP_DEFAULTS = {
    # OpenStreetMap's tiles by default; a city with its own tile server sets PORTAL_MAP.
    "TILE_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "ATTRIBUTION": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
    "CENTER": [52.4064, 16.9252],
    "ZOOM": 12,
}


def map_settings():
    return {**MAP_DEFAULTS, **getattr(settings, "PORTAL_MAP", {})}


SORT_LABELS = {"name": _("name"), "updated": _("recently updated")}
