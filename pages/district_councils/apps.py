from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DistrictCouncilsConfig(AppConfig):
    """District councils (rady osiedli): a page per council tied to a district, showing what the
    other page families register for that district in core's ``pages.district_sections``
    (a feature app)."""

    name = "pages.district_councils"
    label = "ngo_district_councils"
    verbose_name = _("District councils")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import profile_sections

        from .models import councils_of_organization

        # The council pages are Wagtail pages: the city editors edit and publish them with
        # their page permissions on the home pages (pages.roles), through the city's
        # publication workflow; NGO editors' permissions end at their own profile.
        # An organization's profile links the councils of the districts it works in (last).
        profile_sections.register(
            "district_councils",
            "ngo_district_councils/profile_section.html",
            councils_of_organization,
            order=90,
        )
        if apps.is_installed("search"):
            from search import registry

            # "osiedle" and "rada osiedla" find the councils (besides their verbose names).
            registry.register_family_terms(
                "ngo_district_councils.DistrictCouncilPage",
                [
                    pgettext_lazy("search keywords", "district"),
                    pgettext_lazy("search keywords", "district council"),
                ],
            )
