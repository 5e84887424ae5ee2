"""What an organization asks of the city (premises, a stand at a fair, a letter) and the city
decides, and what it asks of a partner through the portal: the fields every such request has.

- ``OrganizationRequest``: which organization asks, which of its editors sent it, when; a
  family's model adds what is asked.
- ``DecidedRequest``: one the city decides (in the admin, through ``pages.decisions``); it also
  keeps the language the editor wrote in (the decision is mailed in it) and when it was decided.
  The family adds its statuses and its note.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class OrganizationRequest(models.Model):
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        # organization.premisesapplications, .standregistrations, .letterrequests...
        related_name="%(class)ss",
    )
    sender = models.ForeignKey(
        "auth.User",
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        # The request stays the organization's when the editor's account goes.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def sent_by(self, user):
        """Record who sends it now (the form's user)."""
        self.sender = user

    @property
    def sender_email(self):
        """Where answers to the sender go ("" once the account is gone or has no address)."""
        return (self.sender.email or "") if self.sender_id and self.sender else ""


class DecidedRequest(OrganizationRequest):
    language = models.CharField(max_length=8, default="pl", editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta(OrganizationRequest.Meta):
        abstract = True

    def sent_by(self, user):
        """Record who sends it and the language they read: the decision is mailed in it."""
        super().sent_by(user)
        self.language = translation.get_language() or settings.LANGUAGE_CODE
