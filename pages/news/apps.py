from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """News of the city's office and of the organizations (a feature app)."""

    name = "pages.news"
    label = "ngo_news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import newsletter, profile_sections

        from .models import latest_news

        # After the offers and the grants on an organization's profile.
        profile_sections.register("news", "ngo_news/profile_section.html", latest_news, order=30)
        # First in a newsletter issue.
        newsletter.register_picker("ngo_news.NewsPage", _("News"), 10)
