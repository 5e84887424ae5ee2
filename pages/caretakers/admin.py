"""The centre's staff in the admin: caretaker assignments, the advice log and the incubated
groups (Wagtail model viewsets, asked for this app's model permissions, which only the centre's
staff group holds), the organizations without a caretaker, and a group's steps."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import BooleanFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from pages.admin_views import related_index_view
from pages.models import OrganizationPage

from .models import (
    AdviceNote,
    Caretaking,
    IncubatedGroup,
    IncubationStepRecord,
    caretaker_name,
)
from .permissions import is_centre_staff

LIMIT = 500


class CaretakerForm(WagtailAdminModelForm):
    """The caretaker is chosen by name (users print as their login)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "caretaker" in self.fields:
            self.fields["caretaker"].label_from_instance = caretaker_name


class CaretakingFilterSet(WagtailFilterSet):
    current = BooleanFilter(
        field_name="ends_on", lookup_expr="isnull", label=gettext_lazy("Current")
    )

    class Meta:
        model = Caretaking
        fields = ["caretaker"]


class CaretakingCreateView(CreateView):
    def get_initial(self):
        # From the list of organizations without a caretaker: the organization already chosen.
        organization = self.request.GET.get("organization", "")
        return {"organization": organization} if organization.isdigit() else {}


class CaretakingViewSet(ModelViewSet):
    model = Caretaking
    name = "caretakings"
    url_prefix = "caretakers/assignments"
    icon = "user"
    menu_label = gettext_lazy("Caretakers")
    add_view_class = CaretakingCreateView
    index_view_class = related_index_view("organization", "caretaker")
    list_display = ["organization", "caretaker_label", "starts_on", "ends_on"]
    list_filter = None
    filterset_class = CaretakingFilterSet
    search_fields = ["organization__title"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("organization"),
            FieldPanel("caretaker"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        ],
        base_form_class=CaretakerForm,
    )


class AdviceNoteCreateView(CreateView):
    def save_instance(self):
        self.form.instance.author = self.request.user
        return super().save_instance()


class AdviceNoteFilterSet(WagtailFilterSet):
    class Meta:
        model = AdviceNote
        fields = ["organization", "author"]


class AdviceNoteViewSet(ModelViewSet):
    model = AdviceNote
    name = "advice_notes"
    url_prefix = "caretakers/advice-notes"
    icon = "doc-full"
    menu_label = gettext_lazy("Advice log")
    add_view_class = AdviceNoteCreateView
    index_view_class = related_index_view("organization", "author")
    list_display = ["given_on", "organization", "topic", "author_label"]
    filterset_class = AdviceNoteFilterSet
    search_fields = ["topic", "notes", "organization__title"]
    search_backend_name = None
    inspect_view_enabled = True
    panels = [
        FieldPanel("organization"),
        FieldPanel("given_on"),
        FieldPanel("topic"),
        FieldPanel("notes"),
    ]


class IncubatedGroupFilterSet(WagtailFilterSet):
    class Meta:
        model = IncubatedGroup
        fields = ["status", "legal_form", "caretaker"]


class IncubatedGroupViewSet(ModelViewSet):
    model = IncubatedGroup
    name = "incubated_groups"
    url_prefix = "caretakers/incubation"
    icon = "group"
    menu_label = gettext_lazy("Incubated groups")
    index_view_class = related_index_view("caretaker", "page", prefetch=["step_records"])
    inspect_view_enabled = True
    list_display = [
        "name",
        "legal_form",
        "status",
        "caretaker_label",
        TitleColumn(
            "progress",
            label=gettext_lazy("Steps done"),
            get_url=lambda group: reverse("incubation_steps", args=[group.pk]),
        ),
        "created_at",
    ]
    filterset_class = IncubatedGroupFilterSet
    search_fields = ["name", "contact_name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("name"), FieldPanel("legal_form"), FieldPanel("activity")],
                heading=gettext_lazy("The group"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("contact_name"),
                    FieldPanel("contact_email"),
                    FieldPanel("contact_phone"),
                ],
                heading=gettext_lazy("Contact (the centre's staff only)"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("caretaker"), FieldPanel("organization")],
                heading=gettext_lazy("Incubation"),
            ),
        ],
        base_form_class=CaretakerForm,
    )


class CaretakersViewSetGroup(ModelViewSetGroup):
    items = (CaretakingViewSet, AdviceNoteViewSet, IncubatedGroupViewSet)
    menu_icon = "user"
    menu_label = gettext_lazy("Caretakers and incubation")
    menu_name = "caretakers"
    menu_order = 455


def without_caretaker_view(request):
    """The organizations (their Polish profiles) that have no current caretaker."""
    if not is_centre_staff(request.user):
        raise PermissionDenied
    current = Caretaking.objects.filter(organization=OuterRef("pk"), ends_on__isnull=True)
    organizations = (
        OrganizationPage.objects.filter(locale__language_code="pl")
        .exclude(Exists(current))
        .order_by("title")
        .only("pk", "title", "live")
    )
    total = organizations.count()
    return render(
        request,
        "ngo_caretakers/admin/without_caretaker.html",
        {
            "organizations": organizations[:LIMIT],
            "total": total,
            "limit": LIMIT,
            "add_url": reverse("caretakings:add"),
        },
    )


class StepForm(forms.Form):
    done = forms.BooleanField(label=gettext_lazy("done"), required=False)
    done_on = forms.DateField(
        label=gettext_lazy("date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = forms.CharField(
        label=gettext_lazy("the caretaker's notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("done") and not data.get("done_on"):
            self.add_error("done_on", _("Give the date the step was done."))
        return data


def steps_view(request, group_id):
    """A group's path: each step done or not, with the date and the caretaker's notes."""
    if not (
        is_centre_staff(request.user)
        and request.user.has_perm("ngo_caretakers.change_incubatedgroup")
    ):
        raise PermissionDenied
    group = get_object_or_404(IncubatedGroup.objects.select_related("page"), pk=group_id)
    steps = group.steps()
    forms_by_step = []
    for step_id, title, record in steps:
        initial = (
            {"done": record.done, "done_on": record.done_on, "notes": record.notes}
            if record
            else {}
        )
        form = StepForm(
            request.POST if request.method == "POST" else None, prefix=step_id, initial=initial
        )
        forms_by_step.append((step_id, title, form))
    if request.method == "POST":
        if all(form.is_valid() for _id, _title, form in forms_by_step):
            for step_id, _title, form in forms_by_step:
                IncubationStepRecord.objects.update_or_create(
                    group=group,
                    step_id=step_id,
                    defaults={
                        "done": form.cleaned_data["done"],
                        "done_on": form.cleaned_data["done_on"],
                        "notes": form.cleaned_data["notes"],
                    },
                )
            if group.status == IncubatedGroup.Status.NEW:
                group.status = IncubatedGroup.Status.INCUBATING
                group.save(update_fields=["status"])
            messages.success(request, _("The steps of %(name)s are saved.") % {"name": group.name})
            return redirect("incubation_steps", group.pk)
        messages.error(request, _("The steps are not saved: correct the marked fields."))
    response = render(
        request,
        "ngo_caretakers/admin/steps.html",
        {"group": group, "steps": forms_by_step},
    )
    if request.method == "POST":
        response.status_code = 400
    return response
