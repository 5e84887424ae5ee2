from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The Public Benefit Council: its terms, members, meetings and resolutions (a feature app).
    The Mayor's patronage is the office's process, not the council's: it stays in core."""

    name = "pages.council"
    label = "ngo_council"
    verbose_name = _("Public Benefit Council")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from .models import register_calendar_source

        # The council's meetings are dates in the calendar (core's sources registry).
        register_calendar_source()
