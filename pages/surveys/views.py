"""The survey page and an organization's answer.

Anyone reads the survey; answering is for the editors of an organization (signed in), one answer
per organization, which its editors may change until the closing date. An editor of several
organizations chooses which one answers. After closing the answer is shown, not edited.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles
from pages.documents import Chart

from .emails import send_response_confirmation
from .models import PreferredFormat, PreferredTime, SurveyResponse


class SurveyResponseForm(forms.Form):
    # The answer this form changes (empty for a new one): a second editor who opened the form
    # before the first one sent it gets a message instead of silently overwriting it.
    response = forms.IntegerField(required=False, widget=forms.HiddenInput)
    topics = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Training topics your organization needs"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one topic.")},
    )
    preferred_format = forms.ChoiceField(
        label=gettext_lazy("Preferred format"),
        choices=PreferredFormat.choices,
        widget=forms.RadioSelect,
        initial=PreferredFormat.EITHER,
    )
    preferred_time = forms.ChoiceField(
        label=gettext_lazy("Preferred time"),
        choices=PreferredTime.choices,
        widget=forms.RadioSelect,
    )
    other_needs = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, survey, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["topics"].choices = [
            (source.pk, topic.title) for topic, source in survey.localized_topics()
        ]
        self.fields["topics"].help_text = _("Choose at most %(number)s.") % {
            "number": survey.max_choices
        }
        self.fields["other_needs"].label = survey.other_needs_question

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > self.survey.max_choices:
            raise forms.ValidationError(
                _("Too many topics chosen (%(chosen)s); choose at most %(number)s.")
                % {"chosen": len(topics), "number": self.survey.max_choices}
            )
        return topics


def results_chart(survey):
    """The topics' counts as a chart (with its table), for the page and the admin."""
    topics = survey.topic_counts()
    return Chart(
        title=_("Organizations that chose each topic"),
        description=_("Training-needs survey %(year)s: the number of organizations per topic.")
        % {"year": survey.year},
        rows=[(topic.title, topic.chosen) for topic in topics],
    ), topics


def survey_view(page, request):
    context = {"state": page.state(), "topics": page.localized_topics()}
    if page.publish_results and context["state"] == "closed":
        source = page.source()
        chart, counted = results_chart(source)
        titles = {source_topic.pk: topic.title for topic, source_topic in context["topics"]}
        # The reader's language: each source topic titled as this page titles it.
        chart.rows = [(titles.get(topic.pk, topic.title), topic.chosen) for topic in counted]
        context.update(results_chart=chart, responses=source.responses.count())
    return page.render(request, context_overrides=context)


def _chosen_organization(request, organizations):
    chosen = request.POST.get("organizacja") or request.GET.get("organizacja")
    if chosen is None:
        return organizations[0] if len(organizations) == 1 else None
    for organization in organizations:
        if str(organization.pk) == chosen:
            return organization
    raise Http404


def answer_view(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    organizations = list(roles.organizations_edited_by(request.user).order_by("title"))
    if not organizations:
        raise PermissionDenied(_("Only the editors of an organization can answer the survey."))
    survey = page.source()
    answered = {
        response.organization_id: response
        for response in SurveyResponse.objects.filter(
            survey=survey, organization__in=organizations
        ).select_related("submitted_by")
    }
    organization = _chosen_organization(request, organizations)
    if organization is None:
        for candidate in organizations:
            candidate.survey_response = answered.get(candidate.pk)
        return page.render(
            request,
            template="ngo_surveys/choose_organization.html",
            context_overrides={"organizations": organizations},
        )
    existing = answered.get(organization.pk)
    state = page.state()
    context = {"organization": organization, "existing": existing, "state": state}
    if state != "open":
        # Read-only: what the organization answered, with the reason it cannot change.
        context["chosen"] = _chosen_titles(page, existing)
        response = page.render(
            request, template="ngo_surveys/answer_closed.html", context_overrides=context
        )
        if request.method == "POST":
            response.status_code = 403
        return response

    status = 200
    if request.method == "POST":
        form = SurveyResponseForm(page, request.POST)
        if form.is_valid():
            saved = _save(form, survey, organization, existing, request)
            if saved is not None:
                transaction.on_commit(lambda: send_response_confirmation.enqueue(saved.pk))
                context.update(existing=saved, chosen=_chosen_titles(page, saved))
                return page.render(
                    request, template="ngo_surveys/answer_saved.html", context_overrides=context
                )
            status = 409
        else:
            status = 400
    elif existing is not None:
        form = SurveyResponseForm(
            page,
            initial={
                "response": existing.pk,
                "topics": list(existing.topics.values_list("pk", flat=True)),
                "preferred_format": existing.preferred_format,
                "preferred_time": existing.preferred_time,
                "other_needs": existing.other_needs,
            },
        )
    else:
        form = SurveyResponseForm(page)
    context["form"] = form
    response = page.render(request, template="ngo_surveys/answer.html", context_overrides=context)
    response.status_code = status
    return response


def _already_answered(form, existing):
    if existing is None:
        message = _("Your organization has answered this survey already.")
    else:
        message = _(
            "Your organization has answered this survey already (%(who)s, %(when)s). "
            "An organization answers once: send the form again to change that answer."
        ) % {
            "who": existing.submitted_by.get_full_name() or existing.submitted_by.username
            if existing.submitted_by
            else "—",
            "when": formats.date_format(timezone.localtime(existing.changed_at), "j E Y, H:i"),
        }
    form.add_error(None, message)
    # What was typed stays; sending it again changes the saved answer, never adds a second.
    if existing is not None:
        data = form.data.copy()
        data["response"] = str(existing.pk)
        form.data = data


def _save(form, survey, organization, existing, request):
    """The organization's one answer, created or changed; None (and a message on the form) when
    it answered in the meantime."""
    data = form.cleaned_data
    if existing is not None and data["response"] != existing.pk:
        _already_answered(form, existing)
        return None
    fields = {
        "preferred_format": data["preferred_format"],
        "preferred_time": data["preferred_time"],
        "other_needs": data["other_needs"],
        "submitted_by": request.user,
        "language": translation.get_language() or "pl",
    }
    try:
        with transaction.atomic():
            if existing is None:
                saved = SurveyResponse.objects.create(
                    survey=survey, organization=organization, **fields
                )
            else:
                saved = existing
                for name, value in fields.items():
                    setattr(saved, name, value)
                saved.save()
            saved.topics.set(survey.topics.filter(pk__in=data["topics"]))
    except IntegrityError:
        # Another editor of the organization sent the first answer a moment before.
        _already_answered(
            form,
            SurveyResponse.objects.filter(survey=survey, organization=organization)
            .select_related("submitted_by")
            .first(),
        )
        return None
    return saved


def _chosen_titles(page, response):
    if response is None:
        return []
    chosen = set(response.topics.values_list("pk", flat=True))
    return [topic.title for topic, source in page.localized_topics() if source.pk in chosen]
