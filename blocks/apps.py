from django.apps import AppConfig


class BlocksConfig(AppConfig):
    """StreamField blocks shared by every page family."""

    name = "blocks"
    label = "portal_blocks"
    verbose_name = "Portal blocks"
