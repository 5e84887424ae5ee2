"""Finding a knowledge base article: the filters of the knowledge base's listing.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are
named by slug (the same in every language), unknown values are ignored, and the counts of one
filter are computed with every other filter applied, one GROUP BY query per facet.
"""

from pages.listing import ListingFilters, choice_facet, tag_facet, term_facet

from .models import KnowledgeArticlePage, KnowledgeCategory


class KnowledgeFilters(ListingFilters):
    category_choices = KnowledgeCategory


def knowledge_queryset(index_page):
    return KnowledgeArticlePage.objects.child_of(index_page).live().public()


def knowledge_facets(queryset_for, filters, areas):
    return {
        "category": choice_facet(
            queryset_for("category"), "category", KnowledgeCategory.choices, filters.categories
        ),
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
    }
