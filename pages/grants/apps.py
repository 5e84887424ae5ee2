from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GrantsConfig(AppConfig):
    """Grant calls and the register of awarded grants (a feature app)."""

    name = "pages.grants"
    label = "ngo_grants"
    verbose_name = _("Grants")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from pages import api, newsletter, profile_sections, roles

        from .datasets import GRANTS
        from .models import awarded_to

        # The grants register is the city's: its editors keep it (entered or imported).
        roles.register_city_permissions(
            self.label, *(f"{kind}_awardedgrant" for kind in ("add", "change", "delete", "view"))
        )
        # The city chooses the calls' evaluation committees from the organizations' nominations.
        roles.register_city_permissions(
            self.label, "view_committeenomination", "change_committeenomination"
        )
        # After the volunteer offers, before the news on an organization's profile.
        profile_sections.register("grants", "ngo_grants/profile_section.html", awarded_to, order=20)
        # After the trainings, before the stories in a newsletter issue.
        newsletter.register_picker("ngo_grants.GrantCallPage", _("Grant calls"), 50)
        # The open dataset, second after the organizations.
        api.register_dataset(GRANTS, after="organizations")
        if apps.is_installed("search"):
            from search import registry

            registry.register_family_terms(
                "ngo_grants.GrantCallPage", [pgettext_lazy("search keywords", "grant")]
            )
