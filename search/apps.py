from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The portal search: one interface over the database and Elasticsearch backends."""

    name = "search"
    # "search" is what Wagtail's project template calls its own app: a distinct label lets a
    # city install this app beside it.
    label = "portal_search"
    verbose_name = "Portal search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
