"""The council's section of the yearly cooperation report (core's pages.report_figures)."""

from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection, source_rows

from .models import CouncilMeeting, CouncilResolution


def council_figures(year, programme=None):
    return {
        "council_meetings": source_rows(CouncilMeeting).filter(starts_at__year=year).count(),
        "council_resolutions": source_rows(CouncilResolution).filter(adopted_on__year=year).count(),
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
