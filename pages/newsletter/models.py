"""The monthly newsletter ("Co słychać w trzecim sektorze"): subscribers, issues, deliveries.

Subscription is double opt-in: nobody receives an issue before confirming from the e-mail.
Every issue carries a one-click unsubscribe link and the List-Unsubscribe headers (RFC 8058).
An issue is sent by tasks in batches, one delivery row per recipient, so the editor sees the
progress and can retry the failures. Personal data: an unsubscribed address is erased after
``NEWSLETTER_RETENTION_DAYS`` (``manage.py purge_newsletter_subscribers``); the delivery rows
stay, without the address.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from pages.models.base import BasePage


def new_token():
    return secrets.token_urlsafe(24)


class NewsletterPage(RoutablePageMixin, BasePage):
    """Subscribing, confirming and unsubscribing."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_newsletter/newsletter_page.html"

    class Meta:
        verbose_name = _("newsletter page")
        verbose_name_plural = _("newsletter pages")

    @path("")
    def subscribe(self, request):
        from .views import subscribe_view

        return subscribe_view(self, request)

    @path("potwierdz/<str:token>/")
    def confirm(self, request, token):
        from .views import confirm_view

        return confirm_view(self, request, token)

    @path("wypisz/<str:token>/")
    def unsubscribe(self, request, token):
        from .views import unsubscribe_view

        return unsubscribe_view(self, request, token)


class NewsletterSubscriber(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    areas = models.ManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of interest"),
        blank=True,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default="pending")
    token = models.CharField(max_length=64, default=new_token, unique=True, editable=False)
    consent_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self):
        return self.email


class NewsletterIssue(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(_("subject"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    intro = models.TextField(_("introduction"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class NewsletterItem(models.Model):
    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("link"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title


class NewsletterDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        NewsletterSubscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default="pending")
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_issue")
        ]

    def __str__(self):
        return f"{self.issue}: {self.status}"
