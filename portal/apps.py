from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The host site: demo content and site-level commands (not part of the reusable apps)."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import cache, site_address  # site_address registers its check on import

        cache.connect_signals()
        # Once per migrate, after every app's migrations. The sender is the Site's app: Django
        # sends post_migrate only for apps with models, which this one has none of.
        post_migrate.connect(
            site_address.sync_after_migrate,
            sender=apps.get_app_config("wagtailcore"),
            dispatch_uid="portal_site_address",
        )
