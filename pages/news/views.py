"""Public views of the news: the listing and its feeds (routes of NewsIndexPage)."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from pages.feeds import ListingFeed
from pages.listing import ListingPaginator, taxonomy_labels
from pages.models import AreaOfPublicBenefit, OrganizationPage

from .filters import NewsFilters, news_facets, news_queryset

PER_PAGE = 12
FEED_LENGTH = 30


def _filtered(index_page, request):
    areas, _districts = taxonomy_labels(index_page.locale)
    filters = NewsFilters.from_request(
        request, set(areas), language=index_page.locale.language_code
    )
    return filters, news_queryset(index_page), areas


def news_listing(index_page, request):
    filters, base, areas = _filtered(index_page, request)
    news = (
        filters.apply(base)
        .order_by("-date", "-first_published_at", "title")
        .select_related("image")
        .prefetch_related(
            Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug")),
            "image__renditions",
        )
    )
    page_obj = ListingPaginator(news, PER_PAGE).get_page(request.GET.get("page"))
    items = list(page_obj.object_list)
    publishers = _publishers(items)
    for item in items:
        item.area_labels = [areas[a.slug].name for a in item.areas.all() if a.slug in areas]
        item.publisher_name = publishers.get(item.path[: -item.steplen], "")
    context = {
        "filters": filters,
        "facets": news_facets(lambda skip: filters.apply(base, skip=skip), filters, areas),
        "page_obj": page_obj,
        "news": items,
        "querystring": filters.querystring(),
        "active_filters": filters.chips(areas),
        "feed_query": filters.querystring(),
    }
    return index_page.render(request, context_overrides=context)


def _publishers(items):
    """{parent path: organization name} for news written beneath a profile (one query)."""
    parents = {item.path[: -item.steplen] for item in items}
    if not parents:
        return {}
    return dict(OrganizationPage.objects.filter(path__in=parents).values_list("path", "title"))


class NewsFeed(ListingFeed):
    """The newest news matching a set of filters (e.g. one area of public benefit)."""

    length = FEED_LENGTH
    ordering = ("-date", "-first_published_at")

    def filtered(self, index_page, request):
        filters, base, _areas = _filtered(index_page, request)
        return filters, base

    def title(self):
        return _("News: %(site)s") % {"site": self.index_page.title}

    def description(self):
        return _("News matching the chosen filters.")


def news_feed(index_page, request, kind):
    return NewsFeed.response(index_page, request, kind)
