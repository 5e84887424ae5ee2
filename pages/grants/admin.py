"""The city chooses a grant call's evaluation committee in the admin (a Wagtail model viewset):
the nominations by call and decision, their CSV export, each read in full, and the decision
(chosen or not, with a note), dated and mailed to the nominating organization.

The model refuses a choice beyond the call's seats, and of a candidate whose organization has a
grant in the call's results: the portal knows no applicants (offers arrive on the call's own
platform), so the results are what it can check; the list marks such candidates.
"""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from pages.decisions import DecisionEditView

from .emails import send_nomination_decision
from .models import AwardedGrant, CommitteeNomination, GrantCallPage


def _calls(request):
    # Nominations belong to the call's Polish page: the translations would list nothing.
    return (
        GrantCallPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(nominations_close_at=None)
        .order_by("-nominations_close_at")
    )


class NominationFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(label=_("grant call"), queryset=_calls)

    class Meta:
        model = CommitteeNomination
        fields = ["call", "status"]


class DecideView(DecisionEditView):
    """Saving a changed decision dates it and mails the organization; a candidate whose
    organization has a grant in the call is named before the editor decides."""

    decision_task = send_nomination_decision
    undecided = (CommitteeNomination.Status.SUBMITTED,)

    def form_valid(self, form):
        # The seats are counted again with the call's row locked: two editors choosing the last
        # seat at once get one member and one refusal (SQLite serializes writers anyway).
        with transaction.atomic():
            list(
                Page.objects.select_for_update()
                .filter(pk=form.instance.call_id)
                .values_list("pk", flat=True)
            )
            try:
                form.instance.clean()
            except ValidationError as error:
                form.add_error(None, error)
                return self.form_invalid(form)
            return super().form_valid(form)

    def get(self, request, *args, **kwargs):
        nomination = self.get_object()
        if nomination.applied_in_call():
            messages.warning(
                request,
                _(
                    "%(organization)s has a grant in this call's results: its candidate may not "
                    "sit on the committee."
                )
                % {"organization": nomination.organization.title},
            )
        return super().get(request, *args, **kwargs)


class NominationIndexView(IndexView):
    """The list (and its CSV export) in a fixed number of queries, each row marked when its
    organization has a grant in the call."""

    def get_base_queryset(self):
        grants = AwardedGrant.objects.filter(
            call__translation_key=OuterRef("call__translation_key"),
            organization__translation_key=OuterRef("organization__translation_key"),
        )
        return (
            super()
            .get_base_queryset()
            .select_related("organization", "call")
            .annotate(has_grant_in_call=Exists(grants))
        )


class CommitteeNominationViewSet(ModelViewSet):
    model = CommitteeNomination
    name = "committee_nominations"
    url_prefix = "grants/nominations"
    icon = "group"
    menu_label = _("Committee nominations")
    menu_order = 471
    add_to_admin_menu = True
    inspect_view_enabled = True
    # Organizations nominate on the call's page; the city neither adds nor copies here.
    copy_view_enabled = False
    edit_view_class = DecideView
    index_view_class = NominationIndexView
    list_display = [
        "candidate_name",
        "organization",
        "call",
        "status",
        BooleanColumn("has_grant_in_call", label=_("organization has a grant in this call")),
        "created_at",
    ]
    list_export = [
        "created_at",
        "call",
        "organization",
        "candidate_name",
        "candidate_email",
        "candidate_phone",
        "experience",
        "consent_to_sit",
        "consent_to_publish",
        "impartiality",
        "status",
        "decision_note",
        "decided_at",
    ]
    export_filename = "committee-nominations"
    search_fields = ["candidate_name", "organization__title", "call__title"]
    filterset_class = NominationFilterSet
    # What the organization wrote is read (inspect), not rewritten: the city decides.
    panels = [FieldPanel("status"), FieldPanel("decision_note")]
