"""The survey's mail (a task): the editor who sent or changed an organization's answer gets
what was saved, in the language they answered in."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task

from .models import SurveyResponse, TrainingNeedsSurveyPage


@mail_task
def send_response_confirmation(response_id):
    response = (
        SurveyResponse.objects.select_related("survey", "organization", "submitted_by")
        .filter(pk=response_id)
        .first()
    )
    if response is None or response.submitted_by is None or not response.submitted_by.email:
        return
    with translation.override(response.language):
        page = _page_in(response.survey, response.language)
        chosen = {topic.pk for topic in response.topics.all()}
        titles = [topic.title for topic, source in page.localized_topics() if source.pk in chosen]
        body = render_to_string(
            "ngo_surveys/emails/confirmation.txt",
            {
                "response": response,
                "page": page,
                "topics": titles,
                "page_url": page.get_full_url(),
            },
        )
        send_mail(
            _("Training-needs survey %(year)s: your organization's answer")
            % {"year": response.survey.year},
            body,
            None,
            [response.submitted_by.email],
        )


def _page_in(survey, language):
    """The survey page in the language the editor answered in (the Polish one where it is not
    translated)."""
    return (
        TrainingNeedsSurveyPage.objects.filter(
            translation_key=survey.translation_key, locale__language_code=language
        ).first()
        or survey
    )
