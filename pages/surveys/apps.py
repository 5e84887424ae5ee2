from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """The yearly training-needs survey: organizations choose the trainings they need from the
    topics the office proposes, and the office plans the year's trainings from the counts (a
    feature app)."""

    name = "pages.surveys"
    label = "ngo_surveys"
    verbose_name = _("Training-needs surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # The answers are the city's to read (they plan trainings from them), never another
        # organization's: the city editors get them, the results screen asks the same permission.
        roles.register_city_permissions(self.label, "view_surveyresponse", "delete_surveyresponse")
        roles.register_section("surveys", self.label, "view_surveyresponse")
