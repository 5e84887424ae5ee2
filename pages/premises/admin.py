"""The city decides premises applications in the admin (a Wagtail model viewset)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from pages.admin_views import related_index_view
from pages.decisions import DecisionEditView

from .emails import send_decision
from .models import PremisesApplication


class PremisesApplicationFilterSet(WagtailFilterSet):
    class Meta:
        model = PremisesApplication
        fields = ["status"]


class DecideView(DecisionEditView):
    """Saving a changed status is the decision: it is dated and mailed to the applicant."""

    decision_task = send_decision
    undecided = (PremisesApplication.Status.SUBMITTED,)


class PremisesApplicationViewSet(ModelViewSet):
    model = PremisesApplication
    index_view_class = related_index_view("organization", "premises")
    name = "premises_applications"
    url_prefix = "premises/applications"
    icon = "home"
    menu_label = _("Premises applications")
    menu_order = 457
    add_to_admin_menu = True
    inspect_view_enabled = True
    edit_view_class = DecideView
    list_display = ["organization", "premises", "status", "created_at"]
    list_export = [
        "created_at",
        "premises",
        "organization",
        "purpose",
        "hours_per_week",
        "people_served",
        "status",
        "decision_note",
    ]
    export_filename = "premises-applications"
    search_fields = ["organization__title", "premises__title"]
    filterset_class = PremisesApplicationFilterSet
    # What the organization wrote is read, not rewritten: the city sets the decision.
    panels = [FieldPanel("status"), FieldPanel("decision_note")]
