"""The open data catalogue's dataset of volunteer offers (registered in
``VolunteeringConfig.ready()``): what, where, when, for how many; nobody's personal data."""

from django.utils.translation import gettext_lazy as _

from pages import api

from .models import VolunteerOfferPage


def offer_rows(locale, request):
    pages = (
        api.public_pages(VolunteerOfferPage, locale)
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
            "start_date": api.iso(page.start_date),
            "end_date": api.iso(page.end_date),
            "application_deadline": api.iso(page.application_deadline),
            "volunteers_needed": page.volunteers_needed,
            "areas": api.slugs(page.areas.all()),
            "district": page.district.slug if page.district_id else None,
            "city": page.city,
            "latitude": api.number(page.latitude),
            "longitude": api.number(page.longitude),
            "url": page.get_full_url(request),
        }


def dataset():
    return api.Dataset(
        slug="volunteer-offers",
        title=_("Volunteer offers"),
        description=_("Published offers of volunteering: what, where, when, for how many."),
        frequency="DAILY",
        columns=[
            api.ID,
            api.Column("title", "string", _("Title.")),
            api.Column("lead", "string", _("In short.")),
            api.ORG_ID,
            api.Column("organizer", "string", _("Organizer.")),
            api.Column("mode", "string", _("On site, remote or both.")),
            api.Column("schedule", "string", _("One-off, regular or flexible.")),
            api.Column("start_date", "string", _("From.")),
            api.Column("end_date", "string", _("Until.")),
            api.Column("application_deadline", "string", _("Apply by.")),
            api.Column("volunteers_needed", "integer", _("Volunteers needed.")),
            api.AREAS,
            api.DISTRICT,
            api.CITY,
            api.Column("latitude", "number", _("Latitude (WGS 84).")),
            api.Column("longitude", "number", _("Longitude (WGS 84).")),
            api.URL,
        ],
        rows=offer_rows,
        order=30,
    )
