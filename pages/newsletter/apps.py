from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The monthly newsletter: subscribers (double opt-in), issues and their deliveries (a
    feature app). What an issue may pick is the core registry in ``pages/newsletter/__init__.py``,
    which the page families fill whether or not this app is installed."""

    name = "pages.newsletter"
    label = "ngo_newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # Composing and sending issues is the city's: its editors get it, the menu asks the same.
        roles.register_section("newsletter", self.label, "change_newsletterissue")
