"""Public views of the knowledge base: its listing.

It is a route of KnowledgeIndexPage (see its @path method); an article renders through Wagtail's
own serve.
"""

from django.db.models import Prefetch

from pages.listing import ListingPaginator, taxonomy_labels
from pages.models import AreaOfPublicBenefit

from .filters import KnowledgeFilters, knowledge_facets, knowledge_queryset

PER_PAGE = 12


def knowledge_listing(index_page, request):
    areas, _districts = taxonomy_labels(index_page.locale)
    filters = KnowledgeFilters.from_request(
        request, set(areas), language=index_page.locale.language_code
    )
    # Articles have no year: ``?year=`` is an unknown filter here, ignored like any other.
    filters.years = []
    base = knowledge_queryset(index_page)
    articles = (
        filters.apply(base)
        .order_by("title")
        .prefetch_related(
            Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug"))
        )
    )
    page_obj = ListingPaginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    for article in page_obj.object_list:
        article.area_labels = [areas[a.slug].name for a in article.areas.all() if a.slug in areas]
    context = {
        "filters": filters,
        "facets": knowledge_facets(lambda skip: filters.apply(base, skip=skip), filters, areas),
        "page_obj": page_obj,
        "articles": page_obj.object_list,
        "querystring": filters.querystring(),
        "active_filters": filters.chips(areas),
    }
    return index_page.render(request, context_overrides=context)
