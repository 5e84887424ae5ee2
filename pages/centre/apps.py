from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentreConfig(AppConfig):
    """The NGO support centre: rooms and equipment to book, opening hours, closures, advisors
    and their appointments (a feature app)."""

    name = "pages.centre"
    label = "ngo_centre"
    verbose_name = _("NGO centre")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from pages import roles

        # The city keeps the rooms, the hours, the closures and the advisors ...
        roles.register_city_models(self.label, "resource", "openinghours", "closure", "advisor")
        # ... and decides the bookings; whoever runs the advice sees every advisor's day (an
        # advisor without it sees their own appointments only).
        roles.register_section("bookings", self.label, "change_booking")
        roles.register_section("advice", self.label, "view_appointment")
