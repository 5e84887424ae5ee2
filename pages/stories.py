"""Finding a story or a knowledge base article: the filters behind both listings.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are
named by slug (the same in every language), unknown values are ignored, and the counts of one
filter are computed with every other filter applied, one GROUP BY query per facet.
"""

from dataclasses import dataclass, field

from .listing import (
    choice_facet,
    free_values,
    known,
    query_text,
    querystring_without,
    tag_facet,
    term_facet,
    text_matches,
    year_facet,
    years,
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
            q=query_text(data),
            areas=known(data.getlist("area"), area_slugs),
            districts=known(data.getlist("district"), district_slugs),
            tags=free_values(data.getlist("tag")),
            years=years(data.getlist("year")),
            categories=known(data.getlist("category"), KnowledgeCategory.values),
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


def story_queryset(index_page):
    return StoryPage.objects.child_of(index_page).live().public()


def knowledge_queryset(index_page):
    return KnowledgeArticlePage.objects.child_of(index_page).live().public()


def story_facets(queryset_for, filters, areas, districts):
    return {
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "district": term_facet(
            queryset_for("district"), "district__slug", districts, filters.districts
        ),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
        "year": year_facet(queryset_for("year"), "year", filters.years),
    }


def knowledge_facets(queryset_for, filters, areas):
    return {
        "category": choice_facet(
            queryset_for("category"), "category", KnowledgeCategory.choices, filters.categories
        ),
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
    }
