"""Who may edit an organization's profile: claims of access by the people who run it."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
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


def invitation_max_age():
    """How long an invitation link works: long enough for a holiday, short for a leaked mail."""
    return datetime.timedelta(days=getattr(settings, "PORTAL_INVITATION_MAX_AGE_DAYS", 7))


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class EditorInvitation(models.Model):
    """A link mailed to an address: whoever follows it from that mailbox may edit the profile.

    It grants nothing by itself. Access is given only when the link is followed and confirmed
    (by the account that already has the address, or by a new account made for it), once, and
    before it expires: knowing or claiming an address is not enough, reading its mail is.
    Only a hash of the link's secret is stored, so a copy of the database opens nothing.
    """

    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(max_length=8, default="pl")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("replaced"), null=True, blank=True)

    class Meta:
        verbose_name = _("editor invitation")
        verbose_name_plural = _("editor invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @classmethod
    def issue(cls, organization, email, full_name="", language="pl", invited_by=None):
        """A new invitation and the secret of its link (returned once, stored only hashed).

        An earlier open invitation of the same address to the same organization stops working:
        only the newest mail's link opens the door.
        """
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        cls.objects.filter(
            organization=organization,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
        invitation = cls.objects.create(
            organization=organization,
            email=email.lower(),
            full_name=full_name[:150],
            language=language,
            token_hash=_hash_token(token),
            invited_by=invited_by,
        )
        return invitation, token

    @classmethod
    def for_token(cls, token):
        """The invitation a link's secret belongs to, or None for a made-up or damaged link."""
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.select_related("organization").filter(token_hash=_hash_token(token)).first()
        )

    @property
    def expires_at(self):
        return self.created_at + invitation_max_age()

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


def email_change_max_age():
    """How long the link confirming a new address works: enough to open one's mail."""
    return datetime.timedelta(hours=getattr(settings, "PORTAL_EMAIL_CHANGE_MAX_AGE_HOURS", 48))


class EmailChangeRequest(models.Model):
    """An admin account asks to use a new address; it does so once the address confirms.

    Invitations trust an account's address, so the address may change only through a link
    mailed to the new one (`pages.views.account_email`). Single use, the newest request only,
    and only the hash of the link's secret is stored.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_change_requests"
    )
    new_email = models.EmailField(_("new e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail change request")
        verbose_name_plural = _("e-mail change requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} → {self.new_email}"

    @classmethod
    def issue(cls, user, new_email):
        """A new request and the secret of its link; the user's earlier requests stop working."""
        token = secrets.token_urlsafe(32)
        cls.objects.filter(user=user, confirmed_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        request = cls.objects.create(
            user=user, new_email=new_email.lower(), token_hash=_hash_token(token)
        )
        return request, token

    @classmethod
    def for_token(cls, token):
        if not token or len(token) > 100:
            return None
        return cls.objects.filter(token_hash=_hash_token(token)).first()

    @property
    def is_open(self):
        return (
            self.confirmed_at is None
            and self.revoked_at is None
            and timezone.now() < self.created_at + email_change_max_age()
        )
