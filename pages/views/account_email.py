"""A changed e-mail in the admin account takes effect only once the new address confirms it.

The address is what invitations and password resets trust, so typing someone else's address
must give nothing: the admin's own e-mail field is switched off
(``WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False``, enforced by the system check in `pages.checks`)
and this panel takes its place. It mails a single-use link to the new address
(`EmailChangeRequest`); the account keeps its old address until the same account follows it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.utils import get_admin_base_url
from wagtail.admin.views.account import BaseSettingsPanel

from pages.models import EmailChangeRequest
from pages.models.organization_access import email_change_max_age


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy(
            "A new address takes effect after you follow the link we mail to it; until then "
            "the current address stays."
        ),
    )

    def __init__(self, *args, request, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        self.fields["email"].initial = user.email

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def save(self):
        new_email = self.cleaned_data["email"]
        if new_email == self.user.email.lower():
            return
        request_email_change(self.request, self.user, new_email)


def request_email_change(request, user, new_email):
    """Mail the confirmation link to the new address; the account's address does not change."""
    change, token = EmailChangeRequest.issue(user, new_email)
    link = get_admin_base_url() + reverse("ngo_account_email_confirm", args=[token])
    send_mail(
        _("Confirm the new e-mail address of your account"),
        render_to_string(
            "pages/account/email_change.txt",
            {"user": user, "link": link, "expires_at": change.created_at + email_change_max_age()},
        ),
        None,
        [change.new_email],
    )
    messages.info(
        request,
        _(
            "We sent a link to %(email)s. Your e-mail address changes when you follow it; "
            "until then it stays %(current)s."
        )
        % {"email": change.new_email, "current": user.email or "-"},
    )


class EmailSettingsPanel(BaseSettingsPanel):
    """In place of the e-mail field of Wagtail's "Name and Email" panel."""

    name = "confirmed_email"
    title = gettext_lazy("E-mail")
    order = 110  # right after the name

    def get_form(self):
        kwargs = {"prefix": self.name, "request": self.request, "user": self.user}
        if self.request.method == "POST":
            return EmailChangeForm(self.request.POST, **kwargs)
        return EmailChangeForm(**kwargs)


def _refused(request):
    return render(request, "pages/account/email_change_refused.html", status=400)


@never_cache
def confirm_email_change_view(request, token):
    """The link from the mail: the signed-in account that asked takes the new address."""
    change = EmailChangeRequest.for_token(token)
    user = request.user
    if change is None or change.user_id != user.pk or not change.is_open:
        # Made up, someone else's, already used, replaced by a newer request, or expired.
        return _refused(request)
    User = get_user_model()
    taken = (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower=change.new_email)
        .exclude(pk=user.pk)
        .exists()
    )
    if taken:
        return _refused(request)
    if request.method == "POST":
        with transaction.atomic():
            # Locked and checked again: of two tabs confirming at once, one changes it.
            change = EmailChangeRequest.objects.select_for_update().get(pk=change.pk)
            if not change.is_open:
                return _refused(request)
            User.objects.filter(pk=user.pk).update(email=change.new_email)
            change.confirmed_at = timezone.now()
            change.save(update_fields=["confirmed_at"])
        messages.success(
            request, _("Your e-mail address is now %(email)s.") % {"email": change.new_email}
        )
        return redirect("wagtailadmin_account")
    return render(
        request, "pages/account/email_change_confirm.html", {"new_email": change.new_email}
    )
