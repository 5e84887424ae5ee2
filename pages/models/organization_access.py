"""Who may edit an organization's profile: claims of access by the people who run it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileClaim(models.Model):
    """A person asks to edit an existing profile; a city editor approves or rejects.

    Personal data: name, e-mail and message are kept only until the claim is decided and
    `purge_decided_claims` runs (90 days by default); only city editors can read claims.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="claims",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role in the organization"), max_length=150)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    language = models.CharField(max_length=8, default="pl")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("profile claim")
        verbose_name_plural = _("profile claims")
        ordering = ["-created_at"]
        permissions = [("invite_organization_editor", _("Can invite editors of organizations"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_email",
            )
        ]

    def __str__(self):
        return f"{self.full_name} → {self.organization}"
