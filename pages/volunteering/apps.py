from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """Volunteer offers of the organizations and the city, and the volunteers' applications
    (a feature app that depends on the directory)."""

    name = "pages.volunteering"
    label = "ngo_volunteering"
    verbose_name = _("Volunteering")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from pages import api, district_sections, newsletter, profile_sections

        from .datasets import OFFERS
        from .models import OfferMode, open_offers, open_offers_in_district

        # First on an organization's profile, before the grants and the news.
        profile_sections.register(
            "volunteer_offers", "ngo_volunteering/profile_section.html", open_offers, order=10
        )
        # A district's page: the open offers there, after its events.
        district_sections.register(
            "volunteer_offers",
            _("Volunteer offers"),
            20,
            open_offers_in_district,
            "ngo_volunteering/district_section.html",
        )
        # After the news in a newsletter issue.
        newsletter.register_picker("ngo_volunteering.VolunteerOfferPage", _("Volunteer offers"), 20)
        # The open data catalogue: after the grants, before the events.
        api.register_dataset(OFFERS, after="grants")
        if apps.is_installed("search"):
            from search import registry

            # "On site" and "online" include the offers that are both (the model's document).
            registry.register_facet("mode", _("Where"), registry.choices_labels(OfferMode))
