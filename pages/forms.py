"""Forms residents and editors fill in (outside Wagtail's page editor)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProfileClaim


class ProfileClaimForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that the city office processes my name, e-mail and message to decide on "
            "my access to this profile. The data is deleted 90 days after the decision."
        ),
        required=True,
        error_messages={"required": _("We cannot handle the request without your consent.")},
    )
    # A field people do not see: bots fill it in (honeypot).
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ProfileClaim
        fields = ["full_name", "email", "role", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["role"].help_text = _("For example: president of the board, coordinator.")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        pending = ProfileClaim.objects.filter(
            organization=self.organization, email=email, status=ProfileClaim.Status.PENDING
        )
        if pending.exists():
            raise forms.ValidationError(
                _("A request from this e-mail address is already waiting for a decision.")
            )
        return email


class InviteEditorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the person to invite"))
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
