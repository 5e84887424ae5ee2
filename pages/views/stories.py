"""Public views of the good-practice stories and of the knowledge base: their listings.

They are routes of StoryIndexPage and KnowledgeIndexPage (see their @path methods); the story and
article pages render through Wagtail's own serve.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch

from pages.listing import taxonomy_labels
from pages.models import AreaOfPublicBenefit, KnowledgeCategory, OrganizationPage
from pages.stories import (
    ListingFilters,
    knowledge_facets,
    knowledge_queryset,
    story_facets,
    story_queryset,
)

PER_PAGE = 12


def story_listing(index_page, request):
    areas, districts = taxonomy_labels(index_page.locale)
    filters = ListingFilters.from_request(
        request, set(areas), set(districts), index_page.locale.language_code
    )
    base = story_queryset(index_page)
    stories = (
        filters.apply(base)
        .order_by("-year", "-first_published_at", "title")
        .select_related("district", "hero_image")
        .prefetch_related(
            Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug")),
            Prefetch(
                "organizations",
                queryset=OrganizationPage.objects.only("id", "title", "translation_key"),
            ),
            # One query for the thumbnails of the whole page of results.
            "hero_image__renditions",
        )
    )
    page_obj = Paginator(stories, PER_PAGE).get_page(request.GET.get("page"))
    names = _organization_names(page_obj.object_list, index_page.locale)
    for story in page_obj.object_list:
        story.organization_names = [
            names.get(org.translation_key, org.title) for org in story.organizations.all()
        ]
        story.area_labels = [areas[a.slug].name for a in story.areas.all() if a.slug in areas]
        story.district_label = (
            districts[story.district.slug].name
            if story.district_id and story.district.slug in districts
            else ""
        )
    chips = _chips(filters, areas, districts)
    context = {
        "filters": filters,
        "facets": story_facets(
            lambda skip: filters.apply(base, skip=skip), filters, areas, districts
        ),
        "page_obj": page_obj,
        "stories": page_obj.object_list,
        "querystring": filters.querystring(),
        "active_filters": chips,
    }
    return index_page.render(request, context_overrides=context)


def _organization_names(stories, locale):
    """The organizations' names in the listing's language (one query for the whole page).

    The relation is synchronized, so translated stories point at the Polish profiles."""
    keys = {org.translation_key for story in stories for org in story.organizations.all()}
    if not keys:
        return {}
    return dict(
        OrganizationPage.objects.live()
        .filter(translation_key__in=keys, locale=locale)
        .values_list("translation_key", "title")
    )


def knowledge_listing(index_page, request):
    areas, _districts = taxonomy_labels(index_page.locale)
    filters = ListingFilters.from_request(
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
    page_obj = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    for article in page_obj.object_list:
        article.area_labels = [areas[a.slug].name for a in article.areas.all() if a.slug in areas]
    context = {
        "filters": filters,
        "facets": knowledge_facets(lambda skip: filters.apply(base, skip=skip), filters, areas),
        "page_obj": page_obj,
        "articles": page_obj.object_list,
        "querystring": filters.querystring(),
        "active_filters": _chips(filters, areas, {}),
    }
    return index_page.render(request, context_overrides=context)


def _chips(filters, areas, districts):
    """The chips above the results: each one is a link that removes that one filter."""
    chips = []
    if filters.q:
        chips.append((f"„{filters.q}”", filters.querystring(q=filters.q)))
    for value in filters.categories:
        chips.append((str(KnowledgeCategory(value).label), filters.querystring(category=value)))
    for slug in filters.areas:
        chips.append((areas[slug].name, filters.querystring(area=slug)))
    for slug in filters.districts:
        chips.append((districts[slug].name, filters.querystring(district=slug)))
    for tag in filters.tags:
        chips.append((f"#{tag}", filters.querystring(tag=tag)))
    for year in filters.years:
        chips.append((str(year), filters.querystring(year=str(year))))
    return chips
