"""Premises for NGOs: the listing with its map, one unit's page, and an organization's
application."""

import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pages import roles
from pages.directory import map_settings
from pages.listing import taxonomy_labels
from pages.ratelimit import form_rate_limited

from .emails import send_application_received
from .models import PremisesApplication, PremisesPage


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = PremisesApplication
        fields = ["organization", "purpose", "hours_per_week", "people_served"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


def _min_area(value):
    try:
        area = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return area if 0 < area < 100000 else None


def premises_listing(index, request):
    _areas, districts = taxonomy_labels(index.locale)
    premises = (
        PremisesPage.objects.live()
        .public()
        .child_of(index)
        .select_related("district")
        .order_by("status", "title")
    )
    district = request.GET.get("dzielnica", "")
    min_area = _min_area(request.GET.get("od_m2"))
    only_available = request.GET.get("dostepne") == "1"
    if district in districts:
        premises = premises.filter(district__slug=district)
    if min_area is not None:
        premises = premises.filter(floor_area__gte=min_area)
    if only_available:
        premises = premises.filter(status=PremisesPage.Status.AVAILABLE)
    premises = list(premises[:300])
    for unit in premises:
        unit.district_label = (
            districts[unit.district.slug].name
            if unit.district_id and unit.district.slug in districts
            else ""
        )
    points = [
        {
            "lat": float(unit.latitude),
            "lon": float(unit.longitude),
            "name": unit.title,
            "url": unit.url,
        }
        for unit in premises
        if unit.has_location
    ]
    return index.render(
        request,
        context_overrides={
            "premises": premises,
            "districts": districts,
            "selected_district": district if district in districts else "",
            "min_area": request.GET.get("od_m2", "") if min_area is not None else "",
            "only_available": only_available,
            "map_json": json.dumps({**map_settings(), "POINTS": points}),
            "has_points": bool(points),
        },
    )


def premises_view(premises, request):
    points = []
    if premises.has_location:
        points = [
            {
                "lat": float(premises.latitude),
                "lon": float(premises.longitude),
                "name": premises.title,
            }
        ]
    return premises.render(
        request,
        context_overrides={
            "map_json": json.dumps({**map_settings(), "POINTS": points}),
            "takes_applications": premises.takes_applications(timezone.localdate()),
        },
    )


@roles.organization_editors_only(_("Only the editors of an organization can apply."))
def apply_view(premises, request, organizations):
    if not premises.takes_applications(timezone.localdate()):
        response = premises.render(request, template="ngo_premises/closed.html")
        response.status_code = 410
        return response
    status = 200
    form = ApplicationForm(organizations, request.POST or None)
    if request.method == "POST":
        if form_rate_limited(request, "premises-application", form):
            status = 429
        elif form.is_valid():
            application, status = _save(premises, form, request.user)
            if application is not None:
                transaction.on_commit(lambda: send_application_received.enqueue(application.pk))
                return premises.render(
                    request,
                    template="ngo_premises/applied.html",
                    context_overrides={"application": application},
                )
        else:
            status = 400
    response = premises.render(
        request, template="ngo_premises/apply.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


def _save(premises, form, user):
    organization = form.cleaned_data["organization"]
    already = PremisesApplication.objects.filter(
        premises__translation_key=premises.translation_key, organization=organization
    )
    message = _("Your organization has already applied for these premises.")
    if already.exists():
        form.add_error(None, message)
        return None, 409
    application = form.save(commit=False)
    application.premises = premises
    application.sent_by(user)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        form.add_error(None, message)
        return None, 409
    return application, 200
