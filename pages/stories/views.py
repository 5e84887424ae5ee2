"""Public views of the good-practice stories: their listing.

It is a route of StoryIndexPage (see its @path method); a story renders through Wagtail's own
serve.
"""

from django.db.models import Prefetch

from pages.listing import ListingFilters, ListingPaginator, taxonomy_labels
from pages.models import AreaOfPublicBenefit, OrganizationPage

from .filters import story_facets, story_queryset

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
    page_obj = ListingPaginator(stories, PER_PAGE).get_page(request.GET.get("page"))
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
    context = {
        "filters": filters,
        "facets": story_facets(
            lambda skip: filters.apply(base, skip=skip), filters, areas, districts
        ),
        "page_obj": page_obj,
        "stories": page_obj.object_list,
        "querystring": filters.querystring(),
        "active_filters": filters.chips(areas, districts),
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
