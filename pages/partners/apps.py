from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Business and institutional partners of NGOs, and the partnership requests NGOs send
    them (a feature app)."""

    name = "pages.partners"
    label = "ngo_partners"
    verbose_name = _("Business partners")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # The city reads the requests (its programme counts partnerships); nobody edits them.
        roles.register_city_permissions(
            self.label, "view_partnershiprequest", "delete_partnershiprequest"
        )
