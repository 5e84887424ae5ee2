"""The survey in the admin: the office's results screen (menu, views) and, on an NGO editor's
dashboard, the open survey with whether each of their organizations has answered."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from pages import roles
from pages.wagtail_hooks import SectionMenuItem

from . import admin
from .models import SurveyResponse, TrainingNeedsSurveyPage


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [
        path("surveys/", admin.surveys_view, name="survey_results_index"),
        path("surveys/<int:survey_id>/", admin.results_view, name="survey_results"),
        path("surveys/<int:survey_id>/csv/", admin.export_view, name="survey_results_csv"),
    ]


@hooks.register("register_admin_menu_item")
def register_surveys_menu_item():
    return SectionMenuItem(
        "surveys",
        _("Training-needs surveys"),
        reverse("survey_results_index"),
        icon_name="list-ul",
        order=459,
    )


class OpenSurveyPanel(Component):
    """An NGO editor's dashboard: the survey open now, and which of their organizations have
    answered it (each links to its answer)."""

    name = "open_training_survey"
    template_name = "ngo_surveys/admin/open_survey_panel.html"
    order = 135

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        organizations = list(roles.organizations_edited_by(self.user).order_by("title"))
        if not organizations:
            return ""
        self.surveys = [
            survey
            for survey in TrainingNeedsSurveyPage.objects.live()
            .filter(locale__language_code="pl")
            .order_by("-year")
            if survey.is_open()
        ]
        if not self.surveys:
            return ""
        answered = set(
            SurveyResponse.objects.filter(
                survey__in=self.surveys, organization__in=organizations
            ).values_list("survey_id", "organization_id")
        )
        for survey in self.surveys:
            survey.organizations = [
                (organization, (survey.pk, organization.pk) in answered)
                for organization in organizations
            ]
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"surveys": self.surveys}


@hooks.register("construct_homepage_panels")
def add_open_survey_panel(request, panels):
    panels.append(OpenSurveyPanel(request.user))
