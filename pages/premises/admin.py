"""The city decides premises applications in the admin (a Wagtail model viewset)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet

from .emails import send_decision
from .models import PremisesApplication


class PremisesApplicationFilterSet(WagtailFilterSet):
    class Meta:
        model = PremisesApplication
        fields = ["status"]


class DecideView(EditView):
    """Saving a changed status is the decision: it is dated and mailed to the applicant."""

    def save_instance(self):
        before = PremisesApplication.objects.get(pk=self.object.pk).status
        instance = super().save_instance()
        if instance.status != before and instance.status != PremisesApplication.Status.SUBMITTED:
            PremisesApplication.objects.filter(pk=instance.pk).update(decided_at=timezone.now())
            transaction.on_commit(lambda: send_decision.enqueue(instance.pk))
        return instance


class PremisesApplicationViewSet(ModelViewSet):
    model = PremisesApplication
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

    def get_queryset(self, request):
        return PremisesApplication.objects.select_related("organization", "premises")
