"""The search page, its autocomplete endpoint and the OpenSearch description."""

import datetime

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from . import registry, service
from .backends import SearchFilters
from .backends.base import SORTS
from .models import ZeroResultQuery

MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FACET = 20


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _near(request):
    try:
        latitude = float(request.GET["lat"])
        longitude = float(request.GET["lon"])
        kilometres = float(request.GET.get("km", 5))
    except (KeyError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and 0 < kilometres <= 500):
        return None
    return (latitude, longitude, kilometres)


def parse_filters(request):
    facets = {}
    for name in registry.facets():
        values = [v for v in request.GET.getlist(name) if v][:MAX_VALUES_PER_FACET]
        if values:
            facets[name] = [v[:255] for v in values]
    return SearchFilters(
        facets=facets,
        date_from=_date(request.GET.get("date_from")),
        date_to=_date(request.GET.get("date_to")),
        near=_near(request),
    )


def _page_number(request):
    try:
        return max(1, min(int(request.GET.get("page", 1)), 1000))
    except ValueError:
        return 1


def _promotions(query_obj, language):
    """Pages and links editors pinned for this query (Promoted search results in the admin)."""
    promotions = query_obj.editors_picks.select_related("page", "page__locale")
    return [
        promotion
        for promotion in promotions
        if promotion.page is None
        or (promotion.page.live and promotion.page.locale.language_code == language)
    ]


def _facet_groups(results, language):
    groups = []
    for name, facet in registry.facets().items():
        counts = results.facets.get(name) or []
        if not counts:
            continue
        labels = facet.resolve_labels([c.value for c in counts], language)
        for count in counts:
            count.label = labels.get(count.value) or registry.fallback_label(count.value)
        groups.append({"name": name, "label": facet.label, "values": counts})
    return groups


# Private: each search is counted (popular and zero-result queries), so a shared cache in front
# must not answer it.
@cache_control(private=True)
def search_view(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    language = get_language()
    filters = parse_filters(request)
    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else SORTS[0]
    page_number = _page_number(request)
    context = {"query": query, "filters": filters, "sort": sort, "sorts": SORTS}
    if query or filters.facets:
        answer = service.search(query, language, filters, sort=sort, page=page_number)
        results = answer.results
        promotions = []
        if query and page_number == 1:
            query_obj = Query.get(query)
            query_obj.add_hit()
            promotions = _promotions(query_obj, language)
            if results.total == 0:
                ZeroResultQuery.record(query, language)
        promoted_ids = {p.page_id for p in promotions if p.page_id}
        pages = Page.objects.filter(
            id__in=[hit.page_id for hit in results.hits], live=True
        ).in_bulk()
        hits = []
        for hit in results.hits:
            if hit.page_id in pages and hit.page_id not in promoted_ids:
                hit.url = pages[hit.page_id].get_url(request)
                if not hit.url:  # a page outside every site cannot be linked to
                    continue
                hit.type_label = registry.facets()["type"].resolve_labels(
                    [hit.content_type], language
                )[hit.content_type]
                hits.append(hit)
        context.update(
            results=results,
            hits=hits,
            promotions=promotions,
            facet_groups=_facet_groups(results, language),
            degraded=answer.degraded,
        )
    return render(request, "search/search.html", context)


@require_GET
def autocomplete_view(request):
    """Titles for the search box: {"results": [{"title": ..., "url": ...}]}."""
    limited = is_ratelimited(
        request,
        group="search-autocomplete",
        key="ip",
        rate=getattr(settings, "PORTAL_SEARCH_AUTOCOMPLETE_RATE", "120/m"),
        increment=True,
    )
    if limited:
        # Typing sends a request per key: this is far above a person's pace.
        response = JsonResponse(
            {"results": [], "error": _("Too many requests. Wait a moment and type again.")},
            status=429,
        )
        response["Retry-After"] = "60"
        return response
    prefix = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    found = service.autocomplete(prefix, get_language()) if len(prefix) >= 2 else []
    pages = Page.objects.filter(id__in=[page_id for page_id, _ in found], live=True).in_bulk()
    results = [
        {"title": title, "url": pages[page_id].get_url(request)}
        for page_id, title in found
        if page_id in pages
    ]
    response = JsonResponse({"query": prefix, "results": results})
    response["Cache-Control"] = "public, max-age=60"
    return response


@require_GET
def opensearch_view(request):
    return render(
        request,
        "search/opensearch.xml",
        {
            "language": get_language(),
            "description": _("Search organizations, volunteer offers, events and articles"),
        },
        content_type="application/opensearchdescription+xml",
    )
