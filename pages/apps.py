from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    """Every page type of the portal, one module per page family (see pages/models/)."""

    name = "pages"
    verbose_name = "Portal pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # checks registers itself on import
        from . import (  # noqa: F401
            admin_scoping,
            checks,
            csvexport,
            roles,
            routing,
            signals,
            translations,
        )

        # Before any admin code asks Wagtail's registry for the page policy.
        translations.register_page_permission_policy()
        translations.connect()
        signals.connect()
        signals.connect_calendar()
        csvexport.guard_wagtail_exports()
        admin_scoping.scope_workflow_reports()
        routing.install()
        post_migrate.connect(roles.ensure_roles, sender=self, dispatch_uid="pages-roles")
        self.register_search_facets()
        self.register_calendar_sources()

    def register_calendar_sources(self):
        """Events, trainings' sessions and council meetings fill the calendar's dates. Each
        registers from its own module (its own app's ready() once the families are apps)."""
        from pages import calendar_sources
        from pages.events import register_calendar_source as events
        from pages.models.council import register_calendar_source as council
        from pages.models.trainings import register_calendar_source as trainings

        for register in (events, trainings, council):
            register()
        calendar_sources.follow_view_restrictions()

    def register_search_facets(self):
        """Events add a facet of their own to the portal search, when it is installed; each
        value is labelled (a category's name). (Volunteer offers add theirs from their app.)"""
        from django.apps import apps
        from django.utils.translation import gettext_lazy as _

        if apps.is_installed("search"):
            from search import registry

            registry.register_facet(
                "category", _("Event category"), registry.snippet_labels("pages.EventCategory")
            )
