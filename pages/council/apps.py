from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    """The city's advisory bodies: the Public Benefit Council, the Civic Dialogue Commissions and
    others, with their terms, members, meetings, resolutions and opinions (a feature app; its
    label stays the council's). The Mayor's patronage is the office's process: it stays in core."""

    name = "pages.council"
    label = "ngo_council"
    verbose_name = _("Advisory bodies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The council's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from .models import register_calendar_source

        # The bodies' meetings are dates in the calendar (core's sources registry).
        register_calendar_source()
