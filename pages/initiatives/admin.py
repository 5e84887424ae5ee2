"""The city assesses local initiatives in the admin (a Wagtail model viewset): scores against
the published criteria, the status and its public reasons; a decision is dated and mailed."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.viewsets.model import ModelViewSet

from pages.decisions import DecisionEditView

from .emails import send_initiative_decision
from .models import LocalInitiative


class LocalInitiativeFilterSet(WagtailFilterSet):
    class Meta:
        model = LocalInitiative
        fields = ["status"]


class AssessView(DecisionEditView):
    decision_task = send_initiative_decision
    undecided = (LocalInitiative.Status.SUBMITTED, LocalInitiative.Status.ASSESSING)


class LocalInitiativeViewSet(ModelViewSet):
    model = LocalInitiative
    name = "local_initiatives"
    url_prefix = "local-initiatives"
    icon = "group"
    menu_label = _("Local initiatives")
    menu_order = 458
    add_to_admin_menu = True
    inspect_view_enabled = True
    edit_view_class = AssessView
    list_display = ["title", "group_name", "status", "score", "created_at"]
    list_export = [
        "created_at",
        "title",
        "group_name",
        "area",
        "district",
        "starts_on",
        "ends_on",
        "work_hours",
        "money",
        "status",
        "score_benefit",
        "score_contribution",
        "score_feasibility",
        "public_note",
    ]
    export_filename = "local-initiatives"
    search_fields = ["title", "group_name"]
    filterset_class = LocalInitiativeFilterSet
    # The residents' application is read (inspect), not rewritten: the city assesses it.
    panels = [
        FieldRowPanel(
            [
                FieldPanel("score_benefit"),
                FieldPanel("score_contribution"),
                FieldPanel("score_feasibility"),
            ],
            heading=_("Assessment"),
        ),
        FieldPanel("status"),
        FieldPanel("public_note"),
    ]
