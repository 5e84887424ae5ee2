from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    """Good-practice stories: what organizations of the city did, told so others can repeat it
    (a feature app)."""

    name = "pages.stories"
    label = "ngo_stories"
    verbose_name = _("Good practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import newsletter

        # Last in an issue, after the news, offers, events, trainings and grant calls.
        newsletter.register_picker("ngo_stories.StoryPage", _("Good practices"), 60)
