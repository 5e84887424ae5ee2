"""The office decides stand registrations in the admin (a Wagtail model viewset): the list by
fair and status, its CSV export, each registration read in full, and the decision (status,
stand number, the stand's place on the map), dated and mailed to the contact person."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from pages.admin_views import related_index_view
from pages.decisions import DecisionEditView

from .emails import send_decision
from .models import FairPage, StandRegistration


def _fairs(request):
    # Registrations belong to the fair's page in the first language: the others would list
    # nothing.
    return FairPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "-starts_at"
    )


class StandRegistrationFilterSet(WagtailFilterSet):
    fair = django_filters.ModelChoiceFilter(label=_("fair"), queryset=_fairs)

    class Meta:
        model = StandRegistration
        fields = ["fair", "status"]


class DecideView(DecisionEditView):
    """Saving a changed status is the decision: it is dated and mailed to the contact."""

    decision_task = send_decision
    undecided = (StandRegistration.Status.SUBMITTED, StandRegistration.Status.WITHDRAWN)


class StandRegistrationViewSet(ModelViewSet):
    model = StandRegistration
    index_view_class = related_index_view("organization", "fair")
    name = "stand_registrations"
    url_prefix = "fairs/stands"
    icon = "site"
    menu_label = _("Stand registrations")
    menu_order = 459
    add_to_admin_menu = True
    inspect_view_enabled = True
    # Organizations register on the fair's page; the office neither adds nor copies here
    # (city editors hold no add permission).
    copy_view_enabled = False
    edit_view_class = DecideView
    list_display = ["organization", "fair", "stand_number", "status", "created_at"]
    list_export = [
        "created_at",
        "fair",
        "organization",
        "exhibit",
        "needs_power",
        "needs_table",
        "chairs",
        "shelter",
        "other_needs",
        "contact_name",
        "contact_email",
        "contact_phone",
        "status",
        "stand_number",
        "latitude",
        "longitude",
    ]
    export_filename = "stand-registrations"
    search_fields = ["organization__title", "fair__title", "exhibit"]
    filterset_class = StandRegistrationFilterSet
    # What the organization wrote is read (inspect), not rewritten: the office decides.
    panels = [
        FieldPanel("status"),
        FieldPanel("stand_number"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("decision_note"),
    ]
