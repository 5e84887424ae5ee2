"""The applications in the Wagtail admin: organizers see and manage those to their own offers.

Every view goes through `permissions.applications_visible_to`, so an editor of another organization
gets "not found" for an application that is not theirs, whatever the URL.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pages import csvexport
from pages.bounds import parse_id

from .emails import send_status_change
from .forms import ApplicationStatusForm
from .models import VolunteerApplication
from .paperwork import agreement_pdf, certificate_pdf
from .permissions import applications_visible_to, can_see_applications

CSV_COLUMNS = [
    ("id", "id"),
    ("offer", "offer"),
    ("organization", "organization"),
    ("status", "status"),
    ("sent", "created_at"),
    ("full_name", "full_name"),
    ("email", "email"),
    ("phone", "phone"),
    ("date_of_birth", "date_of_birth"),
    ("availability", "availability"),
    ("message", "message"),
    ("guardian_name", "guardian_name"),
    ("language", "language"),
]


def _visible(request):
    if not can_see_applications(request.user):
        raise PermissionDenied
    return applications_visible_to(request.user).select_related("offer", "offer__organization")


def _filtered(request):
    applications = _visible(request)
    status = request.GET.get("status", "")
    if status in VolunteerApplication.Status.values:
        applications = applications.filter(status=status)
    offer = request.GET.get("offer", "")
    offer_id = parse_id(offer)
    if offer_id is not None:
        applications = applications.filter(offer_id=offer_id)
    else:
        offer = ""
    query = request.GET.get("q", "").strip()[:100]
    if query:
        applications = applications.filter(
            Q(full_name__icontains=query) | Q(email__icontains=query)
        )
    return applications, {"status": status, "offer": offer, "q": query}


def applications_index(request):
    applications, current = _filtered(request)
    if request.GET.get("export") == "csv":
        return _csv(applications)
    offers = (
        _visible(request)
        .order_by("offer__title")
        .values_list("offer_id", "offer__title")
        .distinct()
    )
    page = Paginator(applications.order_by("-created_at"), 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    query["export"] = "csv"
    return render(
        request,
        "ngo_volunteering/admin/applications.html",
        {
            "page_obj": page,
            "applications": page.object_list,
            "statuses": VolunteerApplication.Status.choices,
            "offers": list(offers),
            "current": current,
            "export_query": query.urlencode(),
        },
    )


def _csv(applications):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="zgloszenia-{stamp}.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 with the mark
    writer = csvexport.writer(response)
    writer.writerow([name for name, _attr in CSV_COLUMNS])
    for application in applications.order_by("created_at").iterator(chunk_size=500):
        row = []
        for _name, attribute in CSV_COLUMNS:
            if attribute == "offer":
                value = application.offer.title
            elif attribute == "organization":
                value = application.offer.organizer_display_name
            else:
                value = getattr(application, attribute)
            row.append(csvexport.cell(value))
        writer.writerow(row)
    return response


def application_detail(request, application_id):
    application = get_object_or_404(_visible(request), pk=application_id)
    if request.method == "POST":
        previous = application.status
        form = ApplicationStatusForm(request.POST, instance=application)
        if form.is_valid():
            application = form.save(commit=False)
            if application.status != previous:
                application.set_status(application.status)
            application.save()
            if application.status != previous and application.status in (
                VolunteerApplication.Status.ACCEPTED,
                VolunteerApplication.Status.DECLINED,
            ):
                send_status_change.enqueue(application.pk)
            messages.success(request, _("The application has been saved."))
            return redirect("volunteer_application", application.pk)
    else:
        form = ApplicationStatusForm(instance=application)
    return render(
        request,
        "ngo_volunteering/admin/application.html",
        {
            "application": application,
            "form": form,
            "is_accepted": application.status == VolunteerApplication.Status.ACCEPTED,
        },
    )


def _paperwork(request, application_id, kind):
    application = get_object_or_404(
        _visible(request), pk=application_id, status=VolunteerApplication.Status.ACCEPTED
    )
    with translation.override("pl"):
        if kind == "agreement":
            content, prefix = agreement_pdf(application), "porozumienie"
        else:
            content, prefix = certificate_pdf(application), "zaswiadczenie"
    response = HttpResponse(content, content_type="application/pdf")
    name = slugify(application.full_name) or "wolontariusz"
    response["Content-Disposition"] = f'attachment; filename="{prefix}-{name}.pdf"'
    return response


def agreement_view(request, application_id):
    return _paperwork(request, application_id, "agreement")


def certificate_view(request, application_id):
    return _paperwork(request, application_id, "certificate")


@require_POST
def erase_view(request, application_id):
    """An organizer erases a volunteer's data on their request (by phone or letter)."""
    application = get_object_or_404(_visible(request), pk=application_id)
    application.anonymize()
    application.save()
    messages.success(request, _("The volunteer's personal data has been erased."))
    return redirect("volunteer_applications")
