from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairsConfig(AppConfig):
    """City-wide events with NGO stands (the yearly NGO fair): organizations register a stand,
    the office accepts it and places it on the map (a feature app)."""

    name = "pages.fairs"
    label = "ngo_fairs"
    verbose_name = _("NGO fairs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        from .models import register_calendar_source

        # The fair is a date in the portal's calendar (core's sources registry).
        register_calendar_source()
        # The office decides the stands: its editors read the registrations (contact data
        # included) and set the status, the stand number and its place on the map.
        roles.register_city_permissions(
            self.label, "view_standregistration", "change_standregistration"
        )
