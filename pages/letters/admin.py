"""The city decides letter requests in the admin (a Wagtail model viewset): it reads the request,
edits the proposed text and issues the letter (numbered, dated, mailed) or refuses it with
reasons."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from pages.admin_views import related_index_view
from pages.decisions import DecisionEditView

from .emails import send_letter_decision
from .models import LetterRequest


class LetterRequestFilterSet(WagtailFilterSet):
    class Meta:
        model = LetterRequest
        fields = ["kind", "status"]


class DecideView(DecisionEditView):
    """Saving a changed status is the decision: dated and mailed; an issued letter is numbered
    first, so the mail and the PDF carry its number."""

    decision_task = send_letter_decision
    undecided = (LetterRequest.Status.SUBMITTED,)

    def save_instance(self):
        instance = super().save_instance()
        if instance.status == LetterRequest.Status.ISSUED:
            instance.assign_number(timezone.localdate())
        return instance


class LetterRequestViewSet(ModelViewSet):
    model = LetterRequest
    index_view_class = related_index_view("organization")
    name = "letter_requests"
    url_prefix = "letters"
    icon = "doc-full"
    menu_label = _("Letter requests")
    menu_order = 459
    add_to_admin_menu = True
    inspect_view_enabled = True
    edit_view_class = DecideView
    list_display = ["organization", "kind", "funder", "status", "number", "created_at"]
    list_export = [
        "created_at",
        "kind",
        "organization",
        "funder",
        "project_title",
        "amount",
        "deadline",
        "email",
        "status",
        "number",
        "decided_at",
        "reasons",
    ]
    export_filename = "letter-requests"
    search_fields = ["organization__title", "funder", "project_title", "number"]
    filterset_class = LetterRequestFilterSet
    # What the organization wrote is read (inspect), not rewritten: the city sets the text of
    # the letter and the decision.
    panels = [FieldPanel("letter_text"), FieldPanel("status"), FieldPanel("reasons")]
