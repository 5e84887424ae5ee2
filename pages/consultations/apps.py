from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations of draft local acts with organizations and residents (a feature app)."""

    name = "pages.consultations"
    label = "ngo_consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from pages import roles

        # Moderating and answering comments: the city editors' screen, and the one city
        # screen that is the moderators' too.
        roles.register_section(
            "consultations", self.label, "change_consultationcomment", moderators=True
        )
