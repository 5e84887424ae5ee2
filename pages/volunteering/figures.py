"""Volunteering's section of the yearly cooperation report (core's pages.report_figures)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection, keys

from .models import VolunteerApplication, VolunteerOfferPage


def volunteering_figures(year, programme=None):
    applications = VolunteerApplication.objects.filter(created_at__year=year)
    # An offer counts in every year it runs through.
    offers = VolunteerOfferPage.objects.live().filter(
        Q(start_date__year=year) | Q(start_date__year__lt=year, end_date__year__gte=year)
    )
    return {
        "volunteer_offers": len(keys(offers)),
        "volunteer_applications": applications.count(),
        "volunteers_accepted": applications.filter(
            status=VolunteerApplication.Status.ACCEPTED
        ).count(),
    }


SECTION = FigureSection(
    key="volunteering",
    heading=_("Volunteering"),
    order=70,
    figures=[
        ("volunteer_offers", _("Volunteer offers"), COUNT),
        ("volunteer_applications", _("Applications of volunteers"), COUNT),
        ("volunteers_accepted", _("Volunteers accepted"), COUNT),
    ],
    count=volunteering_figures,
)
