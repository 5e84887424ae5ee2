"""The open data catalogue's dataset of volunteer offers (registered in
``VolunteeringConfig.ready()``): what, where, when, for how many; nobody's personal data."""

from django.utils.translation import gettext_lazy as _

from pages.api import (
    _AREAS,
    _CITY,
    _DISTRICT,
    _ID,
    _ORG_ID,
    _URL,
    Column,
    Dataset,
    _iso,
    _number,
    _public_pages,
    _slugs,
)

from .models import VolunteerOfferPage


def offer_rows(locale, request):
    pages = (
        _public_pages(VolunteerOfferPage, locale)
        .select_related("organization", "district")
        .prefetch_related("areas")
    )
    for page in pages.order_by("-start_date", "title").iterator(chunk_size=2000):
        yield {
            "id": str(page.translation_key),
            "title": page.title,
            "lead": page.lead,
            "organization_id": (
                str(page.organization.translation_key) if page.organization_id else None
            ),
            "organizer": page.organization.title if page.organization_id else page.organizer_name,
            "mode": page.mode,
            "schedule": page.schedule,
            "start_date": _iso(page.start_date),
            "end_date": _iso(page.end_date),
            "application_deadline": _iso(page.application_deadline),
            "volunteers_needed": page.volunteers_needed,
            "areas": _slugs(page.areas.all()),
            "district": page.district.slug if page.district_id else None,
            "city": page.city,
            "latitude": _number(page.latitude),
            "longitude": _number(page.longitude),
            "url": page.get_full_url(request),
        }


OFFERS = Dataset(
    slug="volunteer-offers",
    title=_("Volunteer offers"),
    description=_("Published offers of volunteering: what, where, when, for how many."),
    frequency="DAILY",
    columns=[
        _ID,
        Column("title", "string", _("Title.")),
        Column("lead", "string", _("In short.")),
        _ORG_ID,
        Column("organizer", "string", _("Organizer.")),
        Column("mode", "string", _("On site, remote or both.")),
        Column("schedule", "string", _("One-off, regular or flexible.")),
        Column("start_date", "string", _("From.")),
        Column("end_date", "string", _("Until.")),
        Column("application_deadline", "string", _("Apply by.")),
        Column("volunteers_needed", "integer", _("Volunteers needed.")),
        _AREAS,
        _DISTRICT,
        _CITY,
        Column("latitude", "number", _("Latitude (WGS 84).")),
        Column("longitude", "number", _("Longitude (WGS 84).")),
        _URL,
    ],
    rows=offer_rows,
)
