"""Finding a good-practice story: the filters of the stories' listing.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are
named by slug (the same in every language), unknown values are ignored, and the counts of one
filter are computed with every other filter applied, one GROUP BY query per facet.
"""

from pages.listing import tag_facet, term_facet, year_facet

from .models import StoryPage


def story_queryset(index_page):
    return StoryPage.objects.child_of(index_page).live().public()


def story_facets(queryset_for, filters, areas, districts):
    return {
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "district": term_facet(
            queryset_for("district"), "district__slug", districts, filters.districts
        ),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
        "year": year_facet(queryset_for("year"), "year", filters.years),
    }
