"""Forms residents and editors fill in (outside Wagtail's page editor)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProfileClaim

# Shown when the database stays busy past its timeout (SQLite under a burst of writes).
BUSY_MESSAGE = _(
    "The portal is very busy and could not save the form just now. Nothing was saved: "
    "please send it again in a moment."
)


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

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class NewEditorAccountForm(forms.Form):
    """The account a new editor makes by following an invitation, bound to the invited address.

    The address is not a field: it is the one the link was mailed to, so it is confirmed.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            User = get_user_model()
            candidate = User(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
