from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The host site: demo content and site-level commands (not part of the reusable apps)."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import cache

        cache.connect_signals()
