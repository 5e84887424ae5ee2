from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    """Municipal premises rented to NGOs on preferential terms, and the organizations'
    applications for them (a feature app)."""

    name = "pages.premises"
    label = "ngo_premises"
    verbose_name = _("Premises for NGOs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import district_sections, roles

        from .models import available_in_district

        # The city decides the applications: its editors read them and change their status.
        roles.register_city_permissions(
            self.label, "view_premisesapplication", "change_premisesapplication"
        )
        # A district's page: the premises offered there.
        district_sections.register(
            "premises",
            _("Premises for NGOs"),
            40,
            available_in_district,
            "ngo_premises/district_section.html",
        )
