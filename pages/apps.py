from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Every page type of the portal, one module per page family (see pages/models/)."""

    name = "pages"
    verbose_name = "Portal pages"
    default_auto_field = "django.db.models.BigAutoField"
