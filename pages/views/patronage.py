"""The patronage request form (public) and the decisions on requests (city editors)."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles
from pages.models import PatronageRequest
from pages.ratelimit import form_rate_limited

CONSENT = gettext_lazy(
    "I agree that the city office processes the data given here to decide on the patronage "
    "and to contact me about it. The data is deleted a year after the decision."
)


class PatronageRequestForm(forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT)
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = PatronageRequest
        fields = [
            "organization_name",
            "contact_name",
            "email",
            "phone",
            "event_title",
            "event_date",
            "event_place",
            "expected_participants",
            "description",
        ]
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event_date"].help_text = _(
            "The request must reach us at least %(days)s days before the event."
        ) % {"days": lead_days()}

    def clean_event_date(self):
        date = self.cleaned_data["event_date"]
        today = timezone.localdate()
        if date < today:
            raise forms.ValidationError(_("The event must not be in the past."))
        earliest = today + datetime.timedelta(days=lead_days())
        if date < earliest:
            raise forms.ValidationError(
                _(
                    "The request must reach us at least %(days)s days before the event: "
                    "the earliest date we can still consider is %(date)s."
                )
                % {"days": lead_days(), "date": formats.date_format(earliest, "j E Y")}
            )
        return date


def lead_days():
    # The office needs this long to decide; the rule is the city's (the demo's page says 30).
    return int(getattr(settings, "PATRONAGE_LEAD_DAYS", 30))


def patronage_form_view(page, request):
    status = 200
    if request.method == "POST":
        form = PatronageRequestForm(request.POST)
        if request.POST.get("website"):
            return page.render(request, context_overrides={"sent": True})
        if form_rate_limited(request, "patronage-request", form):
            status = 429
        elif form.is_valid():
            patronage = form.save(commit=False)
            patronage.language = translation.get_language() or "pl"
            patronage.consent_text = str(CONSENT)
            patronage.save()
            transaction.on_commit(_notify_city_editors)
            return page.render(request, context_overrides={"sent": True})
        else:
            status = 400
    else:
        form = PatronageRequestForm()
    response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    return response


def _notify_city_editors():
    from pages.tasks import notify_patronage_request

    notify_patronage_request.enqueue()


class DecisionForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            (PatronageRequest.Status.GRANTED, PatronageRequest.Status.GRANTED.label),
            (PatronageRequest.Status.REFUSED, PatronageRequest.Status.REFUSED.label),
        ],
    )

    class Meta:
        model = PatronageRequest
        fields = ["status", "decision_reason"]
        widgets = {"decision_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("status") == PatronageRequest.Status.REFUSED and not data.get(
            "decision_reason"
        ):
            self.add_error("decision_reason", _("Give the reasons of a refusal."))
        return data


def _require_city_editor(user):
    if not roles.can_run(user, "patronage"):
        raise PermissionDenied


def requests_index(request):
    _require_city_editor(request.user)
    requests = PatronageRequest.objects.all()[:300]
    return render(request, "pages/patronage/admin/requests.html", {"requests": requests})


def decide_view(request, request_id):
    _require_city_editor(request.user)
    patronage = get_object_or_404(PatronageRequest, pk=request_id)
    if patronage.status != PatronageRequest.Status.PENDING:
        form = None
    elif request.method == "POST":
        form = DecisionForm(request.POST, instance=patronage)
        if form.is_valid():
            decided = form.save(commit=False)
            decided.decided_at = timezone.now()
            decided.decided_by = request.user
            decided.save()
            from pages.tasks import send_patronage_decision

            transaction.on_commit(lambda: send_patronage_decision.enqueue(decided.pk))
            return redirect("patronage_requests")
    else:
        form = DecisionForm(instance=patronage)
    return render(
        request, "pages/patronage/admin/decide.html", {"patronage": patronage, "form": form}
    )
