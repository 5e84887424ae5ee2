from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """The calendar of events: events and their occurrences, the calendar's views, iCal export
    and the import of organizations' feeds (a feature app). Trainings and the council show
    their dates in it through core's registry, pages.calendar_sources."""

    name = "pages.calendar"
    label = "ngo_calendar"
    verbose_name = _("Calendar of events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from pages import calendar_sources, district_sections, newsletter, roles, taxonomy_menu

        from . import events
        from .models import CalendarOccurrence, EventPage
        from .signals import event_published

        # The calendar's stored dates: every source (events, trainings, council) writes there.
        calendar_sources.set_store(CalendarOccurrence)
        events.register_calendar_source()
        calendar_sources.follow_view_restrictions()
        page_published.connect(event_published, sender=EventPage, dispatch_uid="event-sequence")

        newsletter.register_picker("ngo_calendar.EventPage", _("Events"), 30)
        # A district's page: its upcoming dates come first.
        district_sections.register(
            "events",
            _("Upcoming events"),
            10,
            _upcoming_in_district,
            "ngo_calendar/district_section.html",
        )
        # The city editors run the event categories (next to areas and districts in the
        # Taxonomies menu) and the organizations' calendar feeds.
        roles.grant_city_editors(
            *[
                (self.label, f"{kind}_{model}")
                for model in ("eventcategory", "organizationcalendarfeed")
                for kind in ("add", "change", "delete", "view")
            ]
        )
        taxonomy_menu.register("pages.calendar.wagtail_hooks.EventCategoryViewSet")

        if apps.is_installed("search"):
            from search import registry

            registry.register_facet(
                "category",
                _("Event category"),
                registry.snippet_labels("ngo_calendar.EventCategory"),
            )


def _upcoming_in_district(district, locale, limit):
    # The views module is read when a district's page first asks, not at start-up.
    from .views import upcoming_in_district

    return upcoming_in_district(district, locale, limit)
