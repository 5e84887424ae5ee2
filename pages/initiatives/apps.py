from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Local initiative (art. 19b of the Act on public benefit activity): residents propose a
    public task carried out with the city (a feature app)."""

    name = "pages.initiatives"
    label = "ngo_initiatives"
    verbose_name = _("Local initiative")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import district_sections, roles

        from .models import initiatives_in_district

        # The city assesses the applications: its editors read them and set scores and status.
        roles.register_city_permissions(
            self.label,
            "view_localinitiative",
            "change_localinitiative",
            "delete_localinitiative",
        )
        # A district's page: the initiatives taken up or carried out there.
        district_sections.register(
            "initiatives",
            _("Local initiatives"),
            30,
            initiatives_in_district,
            "ngo_initiatives/district_section.html",
        )
