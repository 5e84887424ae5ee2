"""The listings' shared toolkit: filters read from the URL, facets with counts, filter links.

Every listing (directory, volunteering, calendar, trainings, stories, knowledge, news, grants)
follows the same rules. Filters live in the URL (shareable, no JavaScript needed). Taxonomy terms
are named by their slug, which is the same in every language, so a link copied from /pl/ works
in /en/. Unknown values are ignored rather than refused: an old link with a renamed term still
shows a listing.

Counts per filter value follow the usual faceting rule: the counts of one filter are computed with
every other filter applied (``queryset_for(skip)``), so they tell how many results a resident gets
by ticking that value. Each facet costs one GROUP BY query, whatever the number of results.

Those queries are kept per content generation (``pages.layout_cache``) under their own SQL and
parameters: the SQL holds everything the result depends on (the filters, the language's subtree,
today's date of the offers and trainings that close), so two requests share an entry exactly
when they ask the same thing, and a publication starts a new generation: never stale. The
readers below put the values of a filter in a fixed order, so ``?area=a&area=b`` and
``?area=b&area=a`` are one query and one entry. A repeated listing then costs its page of
results and their count.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.utils.functional import cached_property

from .layout_cache import layout_cached, layout_version
from .models import AreaOfPublicBenefit, District

MAX_QUERY_LENGTH = 200
MAX_TAG_FACETS = 25


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


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


# Reading the URL: each helper drops empty and unknown values and repeats, and sorts the rest: the
# filter set is then one whatever the order of the URL (one cache entry per set, see above).


def query_text(data):
    """The search box's text, with runs of white space made one and a length that fits a query."""
    return " ".join(data.get("q", "").split())[:MAX_QUERY_LENGTH]


def known(values, allowed):
    """The ``values`` that are in ``allowed``, each once, sorted."""
    return sorted(value for value in set(values) if value in allowed)


def free_values(values, max_length=100, limit=10):
    """Values no list can check (tags, organizations' slugs): non-empty, cut, ``limit`` at most
    (the first ones given), sorted."""
    kept = dict.fromkeys(value[:max_length] for value in values if value)
    return sorted(list(kept)[:limit])


def is_year(value):
    return value.isdigit() and len(value) == 4


def years(values, limit=10):
    return sorted(list(dict.fromkeys(int(value) for value in values if is_year(value)))[:limit])


# Counting, kept per content generation under each query's SQL (see the module).


def kept(queryset, build, *extra):
    """``build()``, kept for this generation under the SQL of ``queryset`` (and ``extra``).

    ``queryset`` must be what ``build`` reads: its SQL and parameters are the key.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter Django knows matches nothing: no query to keep
        return build()
    return layout_cached("facets", (queryset.db, sql, params, *extra), build)


def kept_rows(queryset):
    """The rows of a ``values()`` queryset (a facet's GROUP BY), kept for this generation."""
    return kept(queryset, lambda: list(queryset))


def kept_aggregate(queryset, **aggregates):
    """``queryset.aggregate(**aggregates)``, kept for this generation."""
    return kept(
        queryset,
        lambda: queryset.aggregate(**aggregates),
        sorted((name, repr(value)) for name, value in aggregates.items()),
    )


def kept_count(queryset):
    """``queryset.count()``, kept for this generation."""
    return kept(queryset, queryset.count, "count")


class ListingPaginator(Paginator):
    """A public listing's pages, its total kept for this generation (``kept_count``): a repeated
    listing then runs the query of its page of results and nothing else of its own."""

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return kept_count(self.object_list)
        return super().count


def value_counts(queryset, field_path, count="pk"):
    """{value of ``field_path``: how many rows have it}, in one GROUP BY query; ``count``
    names what is counted (distinct values of that field: the calendar counts its dates'
    pages)."""
    rows = (
        queryset.filter(**{f"{field_path}__isnull": False})
        .order_by()
        .values(field_path)
        .annotate(n=Count(count, distinct=True))
    )
    return {row[field_path]: row["n"] for row in kept_rows(rows)}


def condition_counts(queryset_for, active, wanted, count="pk"):
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
            kept_aggregate(
                queryset_for(skip),
                **{key: Count(count, distinct=True, filter=condition) for key, condition in items},
            )
        )
    return counts


# Facets: the values a resident can tick, with their counts.


def term_facet(queryset, path, terms, selected, count="pk"):
    """A taxonomy's facet: ``terms`` is {slug: term}; terms nobody uses are left out."""
    counts = value_counts(queryset, path, count)
    return [
        FacetValue(slug, term.name, counts.get(slug, 0), slug in selected)
        for slug, term in terms.items()
        if counts.get(slug) or slug in selected
    ]


def choice_facet(queryset, path, choices, selected):
    """A facet of a field with choices; choices nobody uses are left out."""
    counts = value_counts(queryset, path)
    return [
        FacetValue(value, label, counts.get(value, 0), value in selected)
        for value, label in choices
        if counts.get(value) or value in selected
    ]


def tag_facet(queryset, selected, limit=MAX_TAG_FACETS):
    """The ``limit`` most used tags (free tagging, so not all of them)."""
    rows = (
        queryset.filter(tagged_items__isnull=False)
        .order_by()
        .values("tagged_items__tag__slug", "tagged_items__tag__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "tagged_items__tag__name")[:limit]
    )
    return [
        FacetValue(
            row["tagged_items__tag__slug"],
            row["tagged_items__tag__name"],
            row["n"],
            row["tagged_items__tag__slug"] in selected,
        )
        for row in kept_rows(rows)
    ]


def year_facet(queryset, path, selected):
    """The years that have results (and the chosen ones), the latest first."""
    counts = value_counts(queryset, path)
    return [
        FacetValue(str(year), str(year), counts.get(year, 0), year in selected)
        for year in sorted(set(counts) | set(selected), reverse=True)
        if counts.get(year) or year in selected
    ]


# Text search.


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
        return queryset.filter(plain | Q(pk__in=_matching_page_ids(query, language))).values("pk")
    return queryset.filter(plain).values("pk")


_last_match = {}


def _matching_page_ids(query, language):
    # The index's subquery reads the vocabulary at once (one query); a listing filters the
    # same text once for its page and once per facet. The last one is kept in this process for
    # the generation: the vocabulary changes with the index, and a finished index task starts
    # a new generation. The subquery itself is lazy: every use of it reads the database.
    from search.backends.database import DatabaseBackend

    version = layout_version()
    key = (version, query, language)
    if version is None or key not in _last_match:
        words = DatabaseBackend().matching_page_ids(query, language)
        if version is None:
            return words
        _last_match.clear()
        _last_match[key] = words
    return _last_match[key]


def taxonomy_labels(locale):
    """{slug: term} of areas and districts in the reader's language.

    Two queries, once per content generation: every listing's filters show them.
    """
    return layout_cached(
        "taxonomies",
        (locale.pk,),
        lambda: (AreaOfPublicBenefit.objects.by_slug(locale), District.objects.by_slug(locale)),
    )


@dataclass
class ListingFilters:
    """The filters of a listing of pages with areas, districts, tags, a year and a category
    (stories, the knowledge base, news): each listing uses the ones its pages have.

    A subclass names its categories (``category_choices``, a ``TextChoices``); without them
    ``?category=`` is an unknown filter, ignored like any other.
    """

    category_choices = None

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
            categories=known(
                data.getlist("category"),
                cls.category_choices.values if cls.category_choices else (),
            ),
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

    def chips(self, areas, districts=None):
        """The chips above the results: each one is a link that removes that one filter."""
        chips = []
        if self.q:
            chips.append((f"„{self.q}”", self.querystring(q=self.q)))
        for value in self.categories:
            label = self.category_choices(value).label
            chips.append((str(label), self.querystring(category=value)))
        for slug in self.areas:
            chips.append((areas[slug].name, self.querystring(area=slug)))
        for slug in self.districts:
            chips.append((districts[slug].name, self.querystring(district=slug)))
        for tag in self.tags:
            chips.append((f"#{tag}", self.querystring(tag=tag)))
        for year in self.years:
            chips.append((str(year), self.querystring(year=str(year))))
        return chips
