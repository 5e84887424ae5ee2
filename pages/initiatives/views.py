"""Local initiative: the public list, one initiative, and the residents' application form
(no account needed: rate-limited, with a honeypot and the consent kept with the application)."""

from django import forms
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from pages.listing import taxonomy_labels
from pages.models import AreaOfPublicBenefit, District
from pages.ratelimit import form_rate_limited

from .emails import send_initiative_received
from .models import LocalInitiative

CONSENT = gettext_lazy(
    "I agree that the city office processes the contact data above to handle this application, "
    "and publishes the name of the initiative, who proposes it and its description once it is "
    "assessed. The e-mail address is never published."
)


class InitiativeForm(forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT)
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = LocalInitiative
        fields = [
            "title",
            "group_name",
            "area",
            "district",
            "description",
            "starts_on",
            "ends_on",
            "work_hours",
            "in_kind",
            "money",
            "city_support",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "in_kind": forms.Textarea(attrs={"rows": 3}),
            "city_support": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language() or "pl"
        self.fields["area"].queryset = AreaOfPublicBenefit.objects.filter(
            locale__language_code=language
        )
        self.fields["district"].queryset = District.objects.filter(locale__language_code=language)

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < timezone.localdate():
            raise forms.ValidationError(gettext_lazy("An initiative starts today or later."))
        return starts_on


def initiative_listing(page, request):
    areas, districts = taxonomy_labels(page.locale)
    initiatives = LocalInitiative.objects.public().select_related("area", "district")
    status = request.GET.get("status", "")
    area = request.GET.get("obszar", "")
    if status in LocalInitiative.Status.values and status != LocalInitiative.Status.SUBMITTED:
        initiatives = initiatives.filter(status=status)
    if area in areas:
        initiatives = initiatives.filter(area__slug=area)
    initiatives = list(initiatives[:300])
    for initiative in initiatives:
        initiative.area_label = areas.get(initiative.area.slug, initiative.area).name
        initiative.district_label = (
            districts[initiative.district.slug].name
            if initiative.district_id and initiative.district.slug in districts
            else ""
        )
    return page.render(
        request,
        context_overrides={
            "initiatives": initiatives,
            "areas": areas,
            "statuses": [
                choice
                for choice in LocalInitiative.Status.choices
                if choice[0] != LocalInitiative.Status.SUBMITTED
            ],
            "selected_status": status,
            "selected_area": area if area in areas else "",
        },
    )


def initiative_view(page, request, initiative_id):
    initiative = (
        LocalInitiative.objects.public()
        .select_related("area", "district")
        .filter(pk=initiative_id)
        .first()
    )
    if initiative is None:
        raise Http404
    return page.render(
        request,
        template="ngo_initiatives/initiative.html",
        context_overrides={"initiative": initiative},
    )


def propose_view(page, request):
    status = 200
    if request.method == "POST":
        form = InitiativeForm(request.POST)
        if request.POST.get("website"):
            return page.render(request, template="ngo_initiatives/sent.html")
        if form_rate_limited(request, "local-initiative", form):
            status = 429
        elif form.is_valid():
            initiative = form.save(commit=False)
            initiative.language = translation.get_language() or "pl"
            initiative.consent_text = str(CONSENT)
            initiative.save()
            transaction.on_commit(lambda: send_initiative_received.enqueue(initiative.pk))
            return page.render(request, template="ngo_initiatives/sent.html")
        else:
            status = 400
    else:
        form = InitiativeForm()
    response = page.render(
        request, template="ngo_initiatives/propose.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response
