"""The open content API: Wagtail's API v2 endpoints and the open-data datasets.

Read-only and for anyone: the host site (``portal/api.py``) registers the endpoints and routes
the datasets. Nothing here reads a model that holds a person's data (applications,
registrations, subscribers, bookings): the pages' own ``api_fields`` and the datasets' columns
below are the whole of what leaves the portal.
"""

import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction, Locale

from pages import csvexport

OPENAPI_FILE = Path(__file__).parent / "data" / "openapi.json"

# The taxonomy filters of the listings, where a page type has the field: the slug is the same in
# every language (pages.models.taxonomy), so ?area=... means one term whatever the locale.
TAXONOMY_FILTERS = {
    "area": ("areas",),
    "district": ("district", "districts"),
}


class TaxonomyFilter(BaseFilterBackend):
    """``?area=<slug>`` and ``?district=<slug>`` on the page types that carry them."""

    def filter_queryset(self, request, queryset, view):
        for parameter, field_names in TAXONOMY_FILTERS.items():
            value = request.GET.get(parameter)
            if value is None:
                continue
            model_fields = {f.name for f in queryset.model._meta.get_fields()}
            present = [name for name in field_names if name in model_fields]
            if not present:
                raise BadRequestError(
                    f"{parameter} filters only page types that have it: add ?type=, e.g. "
                    "type=pages.OrganizationPage"
                )
            condition = Q()
            for name in present:
                condition |= Q(**{f"{name}__slug": value})
            queryset = queryset.filter(condition).distinct()
        return queryset


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Published, public pages of every language (Wagtail's base queryset drops drafts and
    view-restricted pages), filterable by area and district."""

    filter_backends = [
        *PagesAPIViewSet.filter_backends[:-1],
        TaxonomyFilter,
        PagesAPIViewSet.filter_backends[-1],  # search must stay last
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(TAXONOMY_FILTERS)


def _without_restricted_collections(queryset, request):
    """Images and documents of a collection closed to the public stay out of the API, as they
    stay out of the site (Wagtail's own API viewsets list every collection)."""
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        if not restriction.accept_request(request):
            closed = restriction.collection.get_descendants(inclusive=True)
            queryset = queryset.exclude(collection__in=closed)
    return queryset


class PortalImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return _without_restricted_collections(super().get_queryset(), self.request)


class PortalDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        return _without_restricted_collections(super().get_queryset(), self.request)


# --- Open-data datasets -----------------------------------------------------------------------

FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/"


def licence():
    """The licence the city publishes its data under (a setting; CC BY 4.0 by default)."""
    return {
        "name": getattr(settings, "OPEN_DATA_LICENSE_NAME", "CC BY 4.0"),
        "url": getattr(
            settings, "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
        ),
    }


@dataclass
class Column:
    name: str
    type: str  # JSON Schema type of the JSON value; the CSV writes it as text
    description: str


@dataclass
class Dataset:
    slug: str
    title: str
    description: str
    frequency: str  # EU vocabulary: DAILY, WEEKLY, ...
    columns: list = field(default_factory=list)
    rows: object = None  # callable(locale, request) -> iterable of dicts

    @property
    def column_names(self):
        return [column.name for column in self.columns]


def _public_pages(model, locale):
    return model.objects.live().public().filter(locale=locale)


def _slugs(terms):
    return [term.slug for term in terms]


def _iso(value):
    return value.isoformat() if value else None


def _number(value):
    return float(value) if value is not None else None


def _organization_rows(locale, request):
    from pages.models import OrganizationPage

    pages = _public_pages(OrganizationPage, locale).prefetch_related("areas", "districts")
    for page in pages.order_by("title").iterator(chunk_size=2000):
        yield {
            "id": str(page.translation_key),
            "name": page.title,
            "short_name": page.short_name,
            "legal_form": page.legal_form,
            "krs": page.krs,
            "nip": page.nip,
            "regon": page.regon,
            "is_public_benefit": page.is_public_benefit,
            "year_founded": page.year_founded,
            "areas": _slugs(page.areas.all()),
            "districts": _slugs(page.districts.all()),
            "postal_code": page.postal_code,
            "city": page.city,
            "latitude": _number(page.latitude),
            "longitude": _number(page.longitude),
            "website": page.website,
            "takes_volunteers": page.takes_volunteers,
            "data_confirmed_at": _iso(page.data_confirmed_at),
            "url": page.get_full_url(request),
        }


def _event_rows(locale, request):
    # The calendar's model by its label: core does not import the feature app.
    from django.apps import apps

    EventPage = apps.get_model("ngo_calendar", "EventPage")
    pages = (
        _public_pages(EventPage, locale)
        .select_related("organizer", "district")
        .prefetch_related("areas")
    )
    for page in pages.order_by("-start", "title").iterator(chunk_size=2000):
        yield {
            "id": str(page.translation_key),
            "title": page.title,
            "start": _iso(page.start),
            "end": _iso(page.end),
            "all_day": page.all_day,
            "status": page.status,
            "rrule": page.rrule or None,
            "organization_id": (str(page.organizer.translation_key) if page.organizer_id else None),
            "venue_name": page.venue_name,
            "city": page.city,
            "areas": _slugs(page.areas.all()),
            "district": page.district.slug if page.district_id else None,
            "is_free": page.is_free,
            "online_url": page.online_url or None,
            "url": page.get_full_url(request),
        }


_ID = Column("id", "string", _("Stable identifier: the same in every language and after moves."))
_URL = Column("url", "string", _("Address of the page on the portal."))
_ORG_ID = Column("organization_id", "string", _("The id of the organization in the directory."))
_AREAS = Column("areas", "array", _("Areas of public benefit (slugs, separated by ; in CSV)."))
_DISTRICT = Column("district", "string", _("District (slug)."))
_CITY = Column("city", "string", _("City."))

DATASETS = [
    Dataset(
        slug="organizations",
        title=_("Directory of non-governmental organizations"),
        description=_("Organizations of the city's directory: legal identifiers, areas, address."),
        frequency="DAILY",
        columns=[
            _ID,
            Column("name", "string", _("Full name.")),
            Column("short_name", "string", _("Short name.")),
            Column("legal_form", "string", _("Legal form.")),
            Column("krs", "string", _("Number in the National Court Register (KRS).")),
            Column("nip", "string", _("Tax identification number (NIP).")),
            Column("regon", "string", _("Statistical number (REGON).")),
            Column("is_public_benefit", "boolean", _("Has the public benefit status (OPP).")),
            Column("year_founded", "integer", _("Year founded.")),
            _AREAS,
            Column("districts", "array", _("Districts where it works (slugs).")),
            Column("postal_code", "string", _("Postal code.")),
            _CITY,
            Column("latitude", "number", _("Latitude (WGS 84).")),
            Column("longitude", "number", _("Longitude (WGS 84).")),
            Column("website", "string", _("Website.")),
            Column("takes_volunteers", "boolean", _("Takes volunteers.")),
            Column("data_confirmed_at", "string", _("When the organization last confirmed it.")),
            _URL,
        ],
        rows=_organization_rows,
    ),
    Dataset(
        slug="events",
        title=_("Events"),
        description=_("The calendar's events of organizations and the city office."),
        frequency="DAILY",
        columns=[
            _ID,
            Column("title", "string", _("Title.")),
            Column("start", "string", _("Start (ISO 8601).")),
            Column("end", "string", _("End (ISO 8601).")),
            Column("all_day", "boolean", _("All day.")),
            Column("status", "string", _("Status.")),
            Column("rrule", "string", _("Repetition rule (RFC 5545).")),
            _ORG_ID,
            Column("venue_name", "string", _("Venue.")),
            _CITY,
            _AREAS,
            _DISTRICT,
            Column("is_free", "boolean", _("Free of charge.")),
            Column("online_url", "string", _("Online address.")),
            _URL,
        ],
        rows=_event_rows,
    ),
]
DATASETS_BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


def register_dataset(dataset, after=None):
    """A feature app's dataset (from its ``AppConfig.ready()``): listed after the dataset
    ``after`` names when there is one, else last."""
    if dataset.slug in DATASETS_BY_SLUG:
        return
    position = len(DATASETS)
    if after in DATASETS_BY_SLUG:
        position = DATASETS.index(DATASETS_BY_SLUG[after]) + 1
    DATASETS.insert(position, dataset)
    DATASETS_BY_SLUG[dataset.slug] = dataset


def _dataset_or_404(slug):
    try:
        return DATASETS_BY_SLUG[slug]
    except KeyError:
        raise Http404("No such dataset") from None


def _locale(request):
    code = request.GET.get("locale") or Locale.get_default().language_code
    try:
        return Locale.objects.get(language_code=code)
    except Locale.DoesNotExist:
        raise Http404("No such locale") from None


def dataset_json(request, slug):
    dataset = _dataset_or_404(slug)
    locale = _locale(request)
    rows = list(dataset.rows(locale, request))
    data = {
        "dataset": dataset.slug,
        "title": str(dataset.title),
        "language": locale.language_code,
        "license": licence(),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "count": len(rows),
        "items": rows,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def dataset_csv(request, slug):
    dataset = _dataset_or_404(slug)
    locale = _locale(request)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # spreadsheets then read Polish letters as UTF-8
    writer = csvexport.DictWriter(buffer, fieldnames=dataset.column_names)
    writer.writeheader()
    for row in dataset.rows(locale, request):
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{dataset.slug}.csv"'
    return response


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ";".join(value)
    return value


def _described(dataset, request):
    return {
        "id": dataset.slug,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "frequency": dataset.frequency,
        "license": licence(),
        "json": request.build_absolute_uri(reverse("api_dataset_json", args=[dataset.slug])),
        "csv": request.build_absolute_uri(reverse("api_dataset_csv", args=[dataset.slug])),
        "schema": [
            {"name": c.name, "type": c.type, "description": str(c.description)}
            for c in dataset.columns
        ],
    }


def dataset_index(request):
    return JsonResponse(
        {"datasets": [_described(dataset, request) for dataset in DATASETS]},
        json_dumps_params={"ensure_ascii": False},
    )


def open_data_page(request):
    """The human page of the datasets: what each holds, how often it changes, its licence."""
    context = {
        "datasets": [_described(dataset, request) for dataset in DATASETS],
        "license": licence(),
        "catalog_url": request.build_absolute_uri(reverse("api_catalog")),
        "schema_url": request.build_absolute_uri(reverse("api_schema")),
        "api_url": request.build_absolute_uri("/api/v2/pages/"),
    }
    return render(request, "pages/open_data.html", context)


def _in_every_language(text):
    values = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            values.append({"@value": str(text), "@language": language})
    return values


def catalog_jsonld(request):
    """DCAT-AP catalogue of the datasets, the form dane.gov.pl-style harvesters read."""
    publisher = {
        "@type": "foaf:Agent",
        "foaf:name": getattr(settings, "WAGTAIL_SITE_NAME", "Portal"),
    }
    lic = licence()
    datasets = []
    for dataset in DATASETS:
        described = _described(dataset, request)
        datasets.append(
            {
                "@id": request.build_absolute_uri(f"{reverse('api_catalog')}#{dataset.slug}"),
                "@type": "dcat:Dataset",
                "dct:identifier": dataset.slug,
                "dct:title": _in_every_language(dataset.title),
                "dct:description": _in_every_language(dataset.description),
                "dct:publisher": publisher,
                "dct:accrualPeriodicity": {"@id": FREQUENCY_URI + dataset.frequency},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:accessURL": {"@id": described[kind]},
                        "dcat:downloadURL": {"@id": described[kind]},
                        "dcat:mediaType": media_type,
                        "dct:license": {"@id": lic["url"]},
                    }
                    for kind, media_type in (("json", "application/json"), ("csv", "text/csv"))
                ],
            }
        )
    data = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": request.build_absolute_uri(reverse("api_catalog")),
        "@type": "dcat:Catalog",
        "dct:title": getattr(settings, "WAGTAIL_SITE_NAME", "Portal"),
        "dct:publisher": publisher,
        "dct:license": {"@id": lic["url"]},
        "foaf:homepage": {"@id": request.build_absolute_uri(reverse("open_data"))},
        "dcat:dataset": datasets,
    }
    return JsonResponse(
        data, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False}
    )


def openapi_schema(request):
    """The OpenAPI 3 description of the API, with this site as its server."""
    spec = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    spec["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    return JsonResponse(spec, json_dumps_params={"ensure_ascii": False})
