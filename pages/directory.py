"""Filtering the NGO directory: one set of filters behind the listing, the map and the exports.

Filters come from the URL (shareable, no JavaScript needed). Taxonomy terms are named by their
slug, which is the same in every language, so a link copied from /pl/ works in /en/. Unknown
values are ignored rather than refused: an old link with a renamed term still shows a listing.

Counts per filter value follow the usual faceting rule: the counts of one filter are computed with
every other filter applied, so they tell how many organizations a resident gets by ticking that
value. Each facet costs one GROUP BY query, whatever the number of organizations.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from .layout_cache import layout_cached
from .models import AreaOfPublicBenefit, District, LegalForm, OrganizationPage

SORTS = {
    "name": ("title",),
    # Never-published rows (imported drafts made live by hand) sort last on every database.
    "updated": (F("last_published_at").desc(nulls_last=True), "title"),
}
DEFAULT_SORT = "name"
MAX_QUERY_LENGTH = 200
MAX_TAG_FACETS = 25


def querystring_without(params, drop):
    """The URL query of ``params`` (name, value pairs) without the values named in ``drop``.

    Every listing's filters build their links with it: ``drop={"area": "wolontariat"}`` removes
    one value (the chip of a selected filter), ``drop={"opp": True}`` every value of a filter.
    """
    return urlencode(
        [
            (name, value)
            for name, value in params
            if not (name in drop and (drop[name] is True or drop[name] == value))
        ]
    )


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


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
            q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH],
            areas=_known(data.getlist("area"), area_slugs),
            districts=_known(data.getlist("district"), district_slugs),
            legal_forms=_known(data.getlist("form"), legal_forms),
            tags=[tag[:100] for tag in dict.fromkeys(data.getlist("tag")) if tag][:10],
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


def _known(values, allowed):
    return [value for value in dict.fromkeys(values) if value in allowed]


def text_matches(queryset, query, language, fields, exact=()):
    """The pages of ``queryset`` matching every word of ``query``, as a subquery.

    With the portal search installed, its index matches Polish word forms and words typed
    without diacritics ("stowarzyszen seniorow"); a plain filter adds parts of words ("Sąsiedz")
    in ``fields`` and identifiers in ``exact`` (KRS, NIP) that the word index does not hold.
    """
    plain = Q()
    for word in query.split():
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        for name in exact:
            either |= Q(**{name: word})
        plain &= either
    if apps.is_installed("search"):
        from search.backends.database import DatabaseBackend

        words = DatabaseBackend().matching_page_ids(query, language)
        return queryset.filter(plain | Q(pk__in=words)).values("pk")
    return queryset.filter(plain).values("pk")


def base_queryset(index_page):
    return OrganizationPage.objects.child_of(index_page).live().public()


def taxonomy_labels(locale):
    """{slug: term} of areas and districts in the reader's language.

    Two queries, once per content generation: every listing's filters show them.
    """
    return layout_cached(
        "taxonomies",
        (locale.pk,),
        lambda: (AreaOfPublicBenefit.objects.by_slug(locale), District.objects.by_slug(locale)),
    )


def facets(queryset_for, filters, areas, districts):
    """Counts per filter value; ``queryset_for(skip)`` gives the set with other filters applied."""
    result = {}

    counts = _counts(queryset_for("area"), "areas__slug")
    result["area"] = [
        FacetValue(slug, term.name, counts.get(slug, 0), slug in filters.areas)
        for slug, term in areas.items()
        if counts.get(slug) or slug in filters.areas
    ]
    counts = _counts(queryset_for("district"), "districts__slug")
    result["district"] = [
        FacetValue(slug, term.name, counts.get(slug, 0), slug in filters.districts)
        for slug, term in districts.items()
        if counts.get(slug) or slug in filters.districts
    ]
    counts = _counts(queryset_for("form"), "legal_form")
    result["form"] = [
        FacetValue(value, label, counts.get(value, 0), value in filters.legal_forms)
        for value, label in LegalForm.choices
        if counts.get(value) or value in filters.legal_forms
    ]
    tag_rows = (
        queryset_for("tag")
        .filter(tagged_items__isnull=False)
        .values("tagged_items__tag__slug", "tagged_items__tag__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "tagged_items__tag__name")[:MAX_TAG_FACETS]
    )
    result["tag"] = [
        FacetValue(
            row["tagged_items__tag__slug"],
            row["tagged_items__tag__name"],
            row["n"],
            row["tagged_items__tag__slug"] in filters.tags,
        )
        for row in tag_rows
    ]
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


def condition_counts(queryset_for, active, wanted):
    """{key: how many match a condition} for ``wanted`` = [(key, filter name, Q)].

    Each count is taken with every filter applied except its own (``queryset_for(name)``), so
    a filter that is off gives the same set for all of them: the counts of one set are one
    aggregate query, however many there are (a fixed number of queries per listing).
    """
    groups = {}
    for key, name, condition in wanted:
        groups.setdefault(name if name in active else None, []).append((key, condition))
    counts = {}
    for skip, items in groups.items():
        counts.update(
            queryset_for(skip).aggregate(
                **{key: Count("pk", distinct=True, filter=condition) for key, condition in items}
            )
        )
    return counts


def _counts(queryset, field_path):
    rows = (
        queryset.filter(**{f"{field_path}__isnull": False})
        .order_by()
        .values(field_path)
        .annotate(n=Count("pk", distinct=True))
    )
    return {row[field_path]: row["n"] for row in rows}


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
