"""District councils' public list: every council of the index page's language, filtered by text
(the council's name, district, seat or short description)."""

from pages.listing import query_text, taxonomy_labels, text_matches

from .models import DistrictCouncilPage


def council_listing(index_page, request):
    _areas, districts = taxonomy_labels(index_page.locale)
    councils = DistrictCouncilPage.objects.child_of(index_page).live().public()
    query = query_text(request.GET)
    if query:
        councils = councils.filter(
            pk__in=text_matches(
                councils,
                query,
                index_page.locale.language_code,
                ["title", "lead", "seat", "district__name"],
            )
        )
    councils = list(councils.select_related("district").order_by("district__sort_order", "title"))
    for council in councils:
        term = districts.get(council.district.slug, council.district)
        council.district_label = term.name
    return {"councils": councils, "query": query}
