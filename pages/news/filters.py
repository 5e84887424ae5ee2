"""Finding news: the filters of the news listing and its feeds.

The rules of every listing (pages.listing): filters live in the URL, taxonomy terms are
named by slug, unknown values are ignored, the counts of one filter are computed with every other
filter applied. News adds the year of its date and the organization (its profile's slug): news an
organization wrote beneath its profile and news that names it.
"""

import dataclasses
from dataclasses import dataclass, field

from django.db.models import Q

from pages.listing import ListingFilters, free_values, tag_facet, term_facet, year_facet
from pages.models import OrganizationPage

from .models import NewsPage

MAX_ORGANIZATIONS = 5


@dataclass
class NewsFilters(ListingFilters):
    organizations: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request, area_slugs, district_slugs=(), language="pl"):
        base = ListingFilters.from_request(request, area_slugs, (), language)
        return cls(
            **{f.name: getattr(base, f.name) for f in dataclasses.fields(ListingFilters)},
            organizations=free_values(request.GET.getlist("organization"), limit=MAX_ORGANIZATIONS),
        )

    @property
    def is_filtered(self):
        return super().is_filtered or bool(self.organizations)

    def as_params(self):
        return super().as_params() + [("organization", slug) for slug in self.organizations]

    def apply(self, queryset, skip=None):
        # The shared filters know a year field (stories); news has a date.
        queryset = ListingFilters.apply(dataclasses.replace(self, years=[]), queryset, skip)
        if self.years and skip != "year":
            queryset = queryset.filter(date__year__in=self.years)
        if self.organizations and skip != "organization":
            profiles = list(
                OrganizationPage.objects.filter(
                    slug__in=self.organizations, locale__language_code=self.language
                ).only("path", "translation_key")
            )
            # Written beneath the profile, or naming it (the relation points at the Polish
            # profiles in every language: matched by translation key).
            match = Q(organizations__translation_key__in=[p.translation_key for p in profiles])
            for profile in profiles:
                match |= Q(path__startswith=profile.path)
            queryset = queryset.filter(match).distinct()
        return queryset

    def chips(self, areas, districts=None):
        chips = super().chips(areas, districts)
        if self.organizations:
            names = dict(
                OrganizationPage.objects.filter(
                    slug__in=self.organizations, locale__language_code=self.language
                ).values_list("slug", "title")
            )
            for slug in self.organizations:
                chips.append((names.get(slug, slug), self.querystring(organization=slug)))
        return chips


def news_queryset(index_page):
    """Every live public news item of the index's language tree (office's and NGOs')."""
    home = index_page.get_parent()
    return NewsPage.objects.descendant_of(home).live().public().filter(locale=index_page.locale)


def news_facets(queryset_for, filters, areas):
    return {
        "area": term_facet(queryset_for("area"), "areas__slug", areas, filters.areas),
        "tag": tag_facet(queryset_for("tag"), filters.tags),
        "year": year_facet(queryset_for("year"), "date__year", filters.years),
    }
