"""The directory's public views: listing, map, GeoJSON, CSV and JSON exports.

They are routes of OrganizationIndexPage (see its @path methods) and share one set of filters
(pages.directory), so the map and the exports always show what the listing shows.
"""

import json

from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext

from pages import csvexport
from pages.directory import (
    SORT_LABELS,
    SORTS,
    DirectoryFilters,
    base_queryset,
    facets,
    map_settings,
)
from pages.importers.organizations import COLUMNS as IMPORT_COLUMNS
from pages.listing import ListingPaginator, taxonomy_labels
from pages.models import AreaOfPublicBenefit, District, LegalForm

PER_PAGE = 20


def _filtered(index_page, request):
    areas, districts = taxonomy_labels(index_page.locale)
    filters = DirectoryFilters.from_request(
        request, set(areas), set(districts), index_page.locale.language_code
    )
    base = base_queryset(index_page)
    return filters, base, areas, districts


def _with_terms(queryset):
    """Prefetch only the slugs of the linked terms: labels come from the reader's language."""
    return queryset.prefetch_related(
        Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id", "slug")),
        Prefetch("districts", queryset=District.objects.only("id", "slug")),
        "tags",
    )


def _listing_context(index_page, request):
    filters, base, areas, districts = _filtered(index_page, request)
    organizations = filters.apply(base).order_by(*SORTS[filters.sort])
    paginator = ListingPaginator(_with_terms(organizations.select_related("logo")), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    for organization in page_obj.object_list:
        organization.area_labels = [
            areas[a.slug].name for a in organization.areas.all() if a.slug in areas
        ]
        organization.district_labels = [
            districts[d.slug].name for d in organization.districts.all() if d.slug in districts
        ]
    return {
        "filters": filters,
        "facets": facets(lambda skip: filters.apply(base, skip=skip), filters, areas, districts),
        "page_obj": page_obj,
        "organizations": page_obj.object_list,
        "querystring": filters.querystring(),
        "sort_choices": [(key, SORT_LABELS[key]) for key in SORTS],
        "active_filters": _active_filters(filters, areas, districts),
    }


def _active_filters(filters, areas, districts):
    """The chips above the results: each one is a link that removes that one filter."""
    chips = []
    if filters.q:
        chips.append((f"„{filters.q}”", filters.querystring(q=filters.q)))
    for slug in filters.areas:
        chips.append((areas[slug].name, filters.querystring(area=slug)))
    for slug in filters.districts:
        chips.append((districts[slug].name, filters.querystring(district=slug)))
    labels = dict(LegalForm.choices)
    for form in filters.legal_forms:
        chips.append((labels[form], filters.querystring(form=form)))
    for tag in filters.tags:
        chips.append((f"#{tag}", filters.querystring(tag=tag)))
    if filters.opp:
        chips.append(("OPP", filters.querystring(opp=True)))
    if filters.volunteers:
        chips.append((gettext("takes volunteers"), filters.querystring(volunteers=True)))
    return chips


def directory_listing(index_page, request):
    return index_page.render(request, context_overrides=_listing_context(index_page, request))


def directory_map(index_page, request):
    context = _listing_context(index_page, request)
    context["map"] = map_settings()
    context["map_json"] = json.dumps(context["map"])
    return index_page.render(
        request,
        template="pages/organizations/organization_map_page.html",
        context_overrides=context,
    )


def directory_geojson(index_page, request):
    filters, base, _areas, _districts = _filtered(index_page, request)
    rows = (
        filters.apply(base)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("title")
        .values_list("title", "slug", "latitude", "longitude", "city")
    )
    prefix = index_page.get_url(request)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {"name": title, "url": f"{prefix}{slug}/", "city": city},
        }
        for title, slug, lat, lon, city in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


# The import's columns (minus the free-text description) plus the page's address and
# confirmation date: an export can be edited and imported again.
EXPORT_FIELDS = [c for c in IMPORT_COLUMNS if c != "description"] + ["data_confirmed_at", "url"]


def _export_rows(index_page, request):
    filters, base, _areas, _districts = _filtered(index_page, request)
    organizations = _with_terms(filters.apply(base).order_by("title"))
    prefix = index_page.get_full_url(request)
    for organization in organizations.iterator(chunk_size=2000):
        yield {
            "name": organization.title,
            "short_name": organization.short_name,
            "legal_form": organization.legal_form,
            "krs": organization.krs,
            "nip": organization.nip,
            "regon": organization.regon,
            "is_public_benefit": organization.is_public_benefit,
            "year_founded": organization.year_founded,
            "areas": [area.slug for area in organization.areas.all()],
            "districts": [district.slug for district in organization.districts.all()],
            "street_address": organization.street_address,
            "postal_code": organization.postal_code,
            "city": organization.city,
            "latitude": _number(organization.latitude),
            "longitude": _number(organization.longitude),
            "email": organization.email,
            "phone": organization.phone,
            "website": organization.website,
            "facebook_url": organization.facebook_url,
            "takes_volunteers": organization.takes_volunteers,
            "tags": [tag.name for tag in organization.tags.all()],
            "data_confirmed_at": (
                organization.data_confirmed_at.isoformat()
                if organization.data_confirmed_at
                else None
            ),
            "url": f"{prefix}{organization.slug}/",
        }


def _number(value):
    return float(value) if value is not None else None


def directory_export_csv(index_page, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{index_page.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark, so that spreadsheet programs read Polish letters as UTF-8.
    response.write("\ufeff")
    writer = csvexport.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for row in _export_rows(index_page, request):
        for key in ("areas", "districts", "tags"):
            row[key] = ";".join(row[key])
        for key in ("is_public_benefit", "takes_volunteers"):
            row[key] = "1" if row[key] else "0"
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return response


def directory_export_json(index_page, request):
    rows = list(_export_rows(index_page, request))
    data = {
        "source": index_page.get_full_url(request),
        "language": index_page.locale.language_code,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": len(rows),
        "organizations": rows,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    filename = f"{index_page.slug}-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
