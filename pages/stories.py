"""Finding a story or a knowledge base article: the filters behind both listings.

The same rules as the directory (pages.directory): filters live in the URL, taxonomy terms are
named by slug (the same in every language), unknown values are ignored, and the counts of one
filter are computed with every other filter applied, one GROUP BY query per facet.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .directory import (
    MAX_QUERY_LENGTH,
    MAX_TAG_FACETS,
    FacetValue,
    _counts,
    _known,
    querystring_without,
    text_matches,
)
from .models import KnowledgeArticlePage, KnowledgeCategory, StoryPage


@dataclass
class ListingFilters:
    """Filters of the stories and of the knowledge base (each uses the ones it has)."""

    q: str = ""
    areas: list = field(default_factory=list)
    districts: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    years: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    language: str = "pl"

    @classmethod
    def from_request(cls, request, area_slugs, district_slugs=(), language="pl"):
        data = request.GET
        return cls(
            q=" ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH],
            areas=_known(data.getlist("area"), area_slugs),
            districts=_known(data.getlist("district"), district_slugs),
            tags=[tag[:100] for tag in dict.fromkeys(data.getlist("tag")) if tag][:10],
            years=[int(y) for y in dict.fromkeys(data.getlist("year")) if _is_year(y)][:10],
            categories=_known(data.getlist("category"), KnowledgeCategory.values),
            language=language,
        )

    @property
    def is_filtered(self):
        return bool(
            self.q or self.areas or self.districts or self.tags or self.years or self.categories
        )

    def as_params(self):
        params = [("q", self.q)] if self.q else []
        params += [("category", value) for value in self.categories]
        params += [("area", slug) for slug in self.areas]
        params += [("district", slug) for slug in self.districts]
        params += [("tag", tag) for tag in self.tags]
        params += [("year", str(year)) for year in self.years]
        return params

    def querystring(self, **drop):
        """The URL query without the values named in ``drop`` (``True`` drops every value)."""
        return querystring_without(self.as_params(), drop)

    def apply(self, queryset, skip=None):
        if self.q:
            queryset = queryset.filter(
                pk__in=text_matches(queryset, self.q, self.language, ["title", "lead"])
            )
        if self.categories and skip != "category":
            queryset = queryset.filter(category__in=self.categories)
        if self.areas and skip != "area":
            queryset = queryset.filter(areas__slug__in=self.areas)
        if self.districts and skip != "district":
            queryset = queryset.filter(district__slug__in=self.districts)
        if self.tags and skip != "tag":
            queryset = queryset.filter(tagged_items__tag__slug__in=self.tags)
        if self.years and skip != "year":
            queryset = queryset.filter(year__in=self.years)
        # A multi-valued filter joins rows: keep each page once.
        if self.areas or self.tags:
            queryset = queryset.distinct()
        return queryset


def _is_year(value):
    return value.isdigit() and len(value) == 4


def story_queryset(index_page):
    return StoryPage.objects.child_of(index_page).live().public()


def knowledge_queryset(index_page):
    return KnowledgeArticlePage.objects.child_of(index_page).live().public()


def _term_facet(queryset, path, terms, selected):
    counts = _counts(queryset, path)
    return [
        FacetValue(slug, term.name, counts.get(slug, 0), slug in selected)
        for slug, term in terms.items()
        if counts.get(slug) or slug in selected
    ]


def _tag_facet(queryset, selected):
    rows = (
        queryset.filter(tagged_items__isnull=False)
        .order_by()
        .values("tagged_items__tag__slug", "tagged_items__tag__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "tagged_items__tag__name")[:MAX_TAG_FACETS]
    )
    return [
        FacetValue(
            row["tagged_items__tag__slug"],
            row["tagged_items__tag__name"],
            row["n"],
            row["tagged_items__tag__slug"] in selected,
        )
        for row in rows
    ]


def story_facets(queryset_for, filters, areas, districts):
    counts = _counts(queryset_for("year"), "year")
    return {
        "area": _term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "district": _term_facet(
            queryset_for("district"), "district__slug", districts, filters.districts
        ),
        "tag": _tag_facet(queryset_for("tag"), filters.tags),
        "year": [
            FacetValue(str(year), str(year), counts.get(year, 0), year in filters.years)
            for year in sorted(set(counts) | set(filters.years), reverse=True)
            if counts.get(year) or year in filters.years
        ],
    }


def knowledge_facets(queryset_for, filters, areas):
    counts = _counts(queryset_for("category"), "category")
    return {
        "category": [
            FacetValue(value, label, counts.get(value, 0), value in filters.categories)
            for value, label in KnowledgeCategory.choices
            if counts.get(value) or value in filters.categories
        ],
        "area": _term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "tag": _tag_facet(queryset_for("tag"), filters.tags),
    }
