"""The council's section of the yearly cooperation report (core's pages.report_figures): the
Public Benefit Council's meetings and resolutions (the commissions' are not the council's)."""

from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection, source_rows

from .models import AdvisoryBodyMeeting, AdvisoryBodyResolution, BodyKind


def council_figures(year, programme=None):
    meetings = source_rows(AdvisoryBodyMeeting).filter(page__kind=BodyKind.COUNCIL)
    resolutions = source_rows(AdvisoryBodyResolution).filter(page__kind=BodyKind.COUNCIL)
    return {
        "council_meetings": meetings.filter(starts_at__year=year).count(),
        "council_resolutions": resolutions.filter(adopted_on__year=year).count(),
    }


SECTION = FigureSection(
    key="council",
    heading=_("Public Benefit Council"),
    order=30,
    figures=[
        ("council_meetings", _("Council meetings"), COUNT),
        ("council_resolutions", _("Council resolutions"), COUNT),
    ],
    count=council_figures,
)
