"""Registrations in the Wagtail admin: organizers see those of their own trainings only.

Every view goes through `roles.trainings_visible_to`: a training of another organization is
"not found" whatever the URL.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pages import csvexport, roles
from pages.bounds import parse_ids
from pages.forms import TrainingMessageForm
from pages.models import TrainingRegistration
from pages.tasks import send_training_message

CSV_COLUMNS = [
    "id",
    "status",
    "registered_at",
    "full_name",
    "email",
    "organization",
    "accessibility_needs",
    "attended",
    "language",
]


def _trainings(request):
    trainings = roles.trainings_visible_to(request.user)
    if not roles.is_city_editor(request.user) and not trainings.exists():
        raise PermissionDenied
    return trainings


def trainings_index(request):
    trainings = (
        _trainings(request)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status="registered")),
            waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        )
        .order_by("-first_day", "title")
    )
    return render(
        request,
        "pages/trainings/admin/trainings.html",
        {"trainings": trainings[:200], "today": timezone.localdate()},
    )


def registrations_view(request, training_id):
    training = get_object_or_404(_trainings(request), pk=training_id)
    registrations = training.registrations.select_related("organization").order_by(
        "status", "created_at", "pk"
    )
    if request.GET.get("export") == "csv":
        return _csv(training, registrations)
    if request.method == "POST":
        present = set(parse_ids(request.POST.getlist("attended"), limit=None))
        registered = registrations.filter(status=TrainingRegistration.Status.REGISTERED)
        registered.filter(pk__in=present).update(attended=True)
        registered.exclude(pk__in=present).update(attended=False)
        messages.success(request, _("Attendance saved."))
        return redirect("training_registrations", training.pk)
    return render(
        request,
        "pages/trainings/admin/registrations.html",
        {"training": training, "registrations": registrations},
    )


def _csv(training, registrations):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(training.title)[:50] or "szkolenie"
    response["Content-Disposition"] = f'attachment; filename="zapisy-{name}.csv"'
    response.write("\ufeff")
    writer = csvexport.writer(response)
    writer.writerow(CSV_COLUMNS)
    for registration in registrations:
        writer.writerow(
            [
                csvexport.cell(value)
                for value in [
                    registration.pk,
                    registration.status,
                    registration.created_at,
                    registration.full_name,
                    registration.email,
                    registration.organization_name,
                    registration.accessibility_needs,
                    "tak" if registration.attended else "nie",
                    registration.language,
                ]
            ]
        )
    return response


def message_view(request, training_id):
    training = get_object_or_404(_trainings(request), pk=training_id)
    if request.method == "POST":
        form = TrainingMessageForm(request.POST)
        if form.is_valid():
            send_training_message.enqueue(
                training.pk,
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
                form.cleaned_data["include_waiting"],
            )
            messages.success(request, _("The message is being sent."))
            return redirect("training_registrations", training.pk)
    else:
        form = TrainingMessageForm()
    return render(
        request, "pages/trainings/admin/message.html", {"training": training, "form": form}
    )
