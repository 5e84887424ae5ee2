"""The trainings' forms: a person's registration and an organizer's message to the registered."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TrainingRegistration


class TrainingRegistrationForm(forms.ModelForm):
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("We cannot register you without your consent.")},
    )
    # A field people do not see: bots fill it in (honeypot).
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = TrainingRegistration
        fields = ["full_name", "email", "organization_name", "accessibility_needs"]
        widgets = {"accessibility_needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, training, **kwargs):
        super().__init__(*args, **kwargs)
        self.training = training
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organization_name"].help_text = _(
            "Optional. If it is in the directory, we link your registration to it."
        )
        self.fields["organization_name"].widget.attrs["list"] = "organization-names"
        self.fields["accessibility_needs"].help_text = _(
            "For example: a sign language interpreter, step-free access, larger print."
        )
        self.fields["consent"].label = training_consent_text(training)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def training_consent_text(training):
    return _(
        "I agree that %(organizer)s processes my personal data given here to organize the "
        "training and to contact me about it (art. 6 ust. 1 lit. a RODO). I can cancel my "
        "registration and withdraw my consent through the link in the confirmation e-mail."
    ) % {"organizer": training.organizer_display_name}


class TrainingMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    include_waiting = forms.BooleanField(
        label=_("Also send to people on the waiting list"), required=False
    )

    def clean_subject(self):
        # A line break in a subject would add headers to the mail: Django refuses to send it
        # (BadHeaderError) in the background task, where nobody sees the refusal.
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must be a single line."))
        return subject
