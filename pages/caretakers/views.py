"""The incubation page's form: an informal group asks the centre to incubate it (no account
needed: rate-limited, a honeypot, the consent kept with the request; what was typed is kept on
an error)."""

from django import forms
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy

from pages.ratelimit import form_rate_limited

from .emails import send_incubation_received
from .models import IncubatedGroup

CONSENT = gettext_lazy(
    "I agree that the NGO centre processes the contact data above to incubate our group. Only "
    "the centre's staff see it; it is never published."
)


class IncubationForm(forms.ModelForm):
    consent = forms.BooleanField(label=CONSENT)
    # Bots fill in a field people do not see (honeypot).
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = IncubatedGroup
        fields = [
            "name",
            "legal_form",
            "activity",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"activity": forms.Textarea(attrs={"rows": 5})}


def apply_view(page, request):
    status = 200
    if request.method == "POST":
        form = IncubationForm(request.POST)
        if request.POST.get("website"):
            return page.render(request, template="ngo_caretakers/sent.html")
        if form_rate_limited(request, "incubation-request", form):
            status = 429
        elif form.is_valid():
            group = form.save(commit=False)
            group.language = translation.get_language() or "pl"
            group.consent_text = str(CONSENT)
            # The steps are followed on the Polish page (the translations keep the steps' ids).
            group.page = (
                page.get_translations(inclusive=True)
                .filter(locale__language_code="pl")
                .specific()
                .first()
                or page
            )
            group.save()
            transaction.on_commit(lambda: send_incubation_received.enqueue(group.pk))
            return page.render(request, template="ngo_caretakers/sent.html")
        else:
            status = 400
    else:
        form = IncubationForm()
    response = page.render(
        request, template="ngo_caretakers/apply.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response
