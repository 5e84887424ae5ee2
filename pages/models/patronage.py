"""The Mayor's patronage: an NGO asks for it through a `PatronageRequestPage`; city editors
decide in the admin, and the applicant gets the decision by e-mail. (The office's own process,
not the Public Benefit Council's, so it stays in core.)
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from .base import BasePage


class PatronageRequestPage(RoutablePageMixin, BasePage):
    """The form through which an NGO asks for the Mayor's patronage of its event."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you = models.TextField(
        _("after sending"),
        blank=True,
        help_text=_("Leave empty for the standard thanks in the reader's language."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("thank_you")]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("thank_you"),
    ]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    # Residents look for it in the main menu (shown there when the menu is not arranged by
    # hand in Settings > Main menu).
    show_in_menus_default = True

    template = "pages/patronage/patronage_request_page.html"

    class Meta:
        verbose_name = _("patronage request form")
        verbose_name_plural = _("patronage request forms")

    @path("")
    def request_form(self, request):
        from pages.views.patronage import patronage_form_view

        return patronage_form_view(self, request)


class PatronageRequest(models.Model):
    """A request for the Mayor's patronage, and the decision on it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        GRANTED = "granted", _("patronage granted")
        REFUSED = "refused", _("patronage refused")

    organization_name = models.CharField(_("organization"), max_length=250)
    contact_name = models.CharField(_("contact person"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    event_title = models.CharField(_("event"), max_length=250)
    event_date = models.DateField(_("date of the event"))
    event_place = models.CharField(_("place of the event"), max_length=250)
    description = models.TextField(_("about the event"), max_length=5000)
    expected_participants = models.PositiveIntegerField(_("expected participants"))
    language = models.CharField(max_length=8, default="pl")
    consent_text = models.TextField(editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="pending")
    decision_reason = models.TextField(_("reasons of the decision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("patronage request")
        verbose_name_plural = _("patronage requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event_title} ({self.organization_name})"
