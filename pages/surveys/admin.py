"""The survey's results for the office (city editors: ``roles.can_run(user, "surveys")``): the
surveys, one survey's counts with a chart, the other needs by organization, and a CSV of the
answers. NGO editors never see another organization's answer."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from pages import csvexport, roles

from .models import PreferredFormat, PreferredTime, SurveyResponse, TrainingNeedsSurveyPage
from .views import results_chart


def _city_only(request):
    if not roles.can_run(request.user, "surveys"):
        raise PermissionDenied


def surveys_view(request):
    _city_only(request)
    # The Polish surveys hold the answers of every translation.
    surveys = (
        TrainingNeedsSurveyPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(answered=Count("responses", distinct=True))
        .order_by("-year", "pk")
    )
    return render(request, "ngo_surveys/admin/surveys.html", {"surveys": surveys})


def _choice_counts(responses, field, choices):
    counts = dict(responses.values_list(field).annotate(number=Count("pk")).order_by())
    return [(label, counts.get(value, 0)) for value, label in choices]


def results_view(request, survey_id):
    _city_only(request)
    survey = get_object_or_404(TrainingNeedsSurveyPage, pk=survey_id).source()
    responses = survey.responses.all()
    chart, topics = results_chart(survey)
    other_needs = (
        responses.exclude(other_needs="")
        .select_related("organization")
        .order_by("organization__title")
    )
    return render(
        request,
        "ngo_surveys/admin/results.html",
        {
            "survey": survey,
            "answered": responses.count(),
            "chart": chart,
            "topics": topics,
            "formats": _choice_counts(responses, "preferred_format", PreferredFormat.choices),
            "times": _choice_counts(responses, "preferred_time", PreferredTime.choices),
            "other_needs": other_needs,
        },
    )


def export_view(request, survey_id):
    _city_only(request)
    survey = get_object_or_404(TrainingNeedsSurveyPage, pk=survey_id).source()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="ankieta-potrzeb-szkoleniowych-{survey.year}.csv"'
    )
    response.write("\ufeff")  # spreadsheet programs read UTF-8 with the mark
    writer = csvexport.writer(response)
    writer.writerow(
        [
            _("organization"),
            _("chosen topics"),
            _("preferred format"),
            _("preferred time"),
            _("other needs"),
            _("submitted by"),
            _("submitted"),
            _("last changed"),
        ]
    )
    answers = (
        SurveyResponse.objects.filter(survey=survey)
        .select_related("organization", "submitted_by")
        .prefetch_related("topics")
        .order_by("organization__title", "pk")
    )
    for answer in answers:
        writer.writerow(
            [
                answer.organization.title,
                "; ".join(topic.title for topic in answer.topics.all()),
                answer.get_preferred_format_display(),
                answer.get_preferred_time_display(),
                answer.other_needs,
                answer.submitted_by.email if answer.submitted_by else "",
                csvexport.cell(answer.submitted_at.replace(microsecond=0)),
                csvexport.cell(answer.changed_at.replace(microsecond=0)),
            ]
        )
    return response
