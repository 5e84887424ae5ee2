from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PagesConfig(AppConfig):
    """Every page type of the portal, one module per page family (see pages/models/)."""

    name = "pages"
    verbose_name = "Portal pages"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import roles, signals

        signals.connect()
        post_migrate.connect(roles.ensure_roles, sender=self, dispatch_uid="pages-roles")
