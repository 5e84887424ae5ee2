from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadersConfig(AppConfig):
    """Local leaders and activists who offer their help: an opt-in directory (a feature app)."""

    name = "pages.leaders"
    label = "ngo_leaders"
    verbose_name = _("Local leaders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # The approval screen is the city's: its editors get it, and the menu asks the same.
        roles.register_section("leaders", self.label, "change_leaderprofile")
