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
            report_figures,
            roles,
            routing,
            signals,
            translations,
        )

        # Before any admin code asks Wagtail's registry for the page policy.
        translations.register_page_permission_policy()
        translations.connect()
        signals.connect()
        csvexport.guard_wagtail_exports()
        admin_scoping.scope_workflow_reports()
        routing.install()
        # The patronage's and the directory's figures in the yearly cooperation report.
        report_figures.register_core_sections()
        post_migrate.connect(roles.ensure_roles, sender=self, dispatch_uid="pages-roles")

        from django.utils.translation import gettext_lazy as _

        from . import district_sections
        from .models.organizations import active_in_district

        # The directory's part of a district's page: the organizations working there (last).
        district_sections.register(
            "organizations",
            _("Organizations active in the district"),
            90,
            active_in_district,
            "pages/organizations/includes/district_section.html",
        )
