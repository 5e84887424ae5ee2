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
        from pages import roles

        # The city assesses the applications: its editors read them and set scores and status.
        roles.register_city_permissions(
            self.label,
            "view_localinitiative",
            "change_localinitiative",
            "delete_localinitiative",
        )
