"""The forms of volunteering: a volunteer's application, and what the organizer changes in it."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import VolunteerApplication, age_on


class VolunteerApplicationForm(forms.ModelForm):
    """The application on an offer's page.

    Asks for the date of birth only when the offer takes minors (to know whether a guardian's
    consent is needed); an adults-only offer asks for a confirmation of age instead.
    """

    is_adult = forms.BooleanField(
        label=_("I am at least 18 years old."),
        required=False,
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "I am the parent or legal guardian of the volunteer and I agree to their "
            "volunteering in this offer."
        ),
        required=False,
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("We cannot send the application without your consent.")},
    )
    # A field people do not see: bots fill it in (honeypot).
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = VolunteerApplication
        fields = [
            "full_name",
            "email",
            "phone",
            "date_of_birth",
            "availability",
            "message",
            "guardian_name",
        ]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 5}),
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, offer, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["phone"].help_text = _("Optional: if you prefer a call.")
        self.fields["availability"].help_text = _("For example: weekday afternoons, weekends.")
        self.fields["message"].label = _("Why you want to help, what you can do")
        self.fields["consent"].label = consent_text(offer)
        if offer.minors_allowed:
            del self.fields["is_adult"]
            self.fields["date_of_birth"].required = True
            self.fields["guardian_name"].help_text = _("Only for volunteers under 18.")
        else:
            del self.fields["date_of_birth"]
            del self.fields["guardian_name"]
            del self.fields["guardian_consent"]
            self.fields["is_adult"].required = True
            self.fields["is_adult"].error_messages["required"] = _("This offer is for adults only.")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born is None:
            return born
        if born >= timezone.localdate():
            raise forms.ValidationError(_("The date of birth must be in the past."))
        age = age_on(born)
        if age > 120:
            raise forms.ValidationError(_("Check the year of birth."))
        minimum = self.offer.minimum_age
        if minimum and age < minimum:
            raise forms.ValidationError(
                _("This offer is for volunteers aged %(age)s or more.") % {"age": minimum}
            )
        return born

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("date_of_birth")
        if born and age_on(born) < 18:
            if not cleaned.get("guardian_name"):
                self.add_error(
                    "guardian_name", _("A volunteer under 18 needs a parent's or guardian's name.")
                )
            if not cleaned.get("guardian_consent"):
                self.add_error(
                    "guardian_consent",
                    _("A volunteer under 18 needs a parent's or guardian's consent."),
                )
        email = cleaned.get("email")
        if email and self.offer.pk:
            taken = VolunteerApplication.objects.filter(
                offer=self.offer, email=email, anonymized_at__isnull=True
            ).exclude(status=VolunteerApplication.Status.WITHDRAWN)
            if taken.exists():
                self.add_error("email", duplicate_message())
        return cleaned


def consent_text(offer):
    return _(
        "I agree that %(organizer)s, the organizer of this offer, processes my personal data "
        "given here to handle my application and to organize the volunteering (art. 6 ust. 1 "
        "lit. a RODO). I can withdraw my consent at any time through the link in the "
        "confirmation e-mail."
    ) % {"organizer": offer.organizer_display_name}


def duplicate_message():
    return _(
        "You have already applied to this offer with this e-mail address. The organizer will "
        "contact you; the confirmation e-mail has a link to your application."
    )


class ApplicationStatusForm(forms.ModelForm):
    """What an organizer changes in an application: its status and the certificate's data."""

    class Meta:
        model = VolunteerApplication
        fields = ["status", "service_from", "service_to", "hours_worked", "work_description"]
        widgets = {
            "service_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "service_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "work_description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the volunteer withdraws an application.
        self.fields["status"].choices = [
            choice
            for choice in self.fields["status"].choices
            if choice[0] != VolunteerApplication.Status.WITHDRAWN
            or self.instance.status == VolunteerApplication.Status.WITHDRAWN
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("service_from"), cleaned.get("service_to")
        if start and end and end < start:
            self.add_error("service_to", _("The end of the work cannot be before its start."))
        return cleaned
