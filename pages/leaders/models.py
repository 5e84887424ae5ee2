"""Local leaders and activists who offer their help: an opt-in directory.

A person proposes their own profile; a city editor approves it before it shows; the person
edits or removes it at any time through the signed link sent to them (removal deletes it). The
e-mail address is never shown: residents write through a form and the portal forwards the
message.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path
from wagtail_localize.fields import TranslatableField

from pages import signed_links
from pages.models.base import ListingIndexPage

MANAGE_SALT = "pages.leader-profile"


def new_token():
    return secrets.token_urlsafe(24)


def manage_token(leader):
    """The signed part of the person's own link; it stops working when the profile is deleted."""
    return signed_links.dumps("leader-profile", {"l": leader.pk, "t": leader.token}, MANAGE_SALT)


class LeadersIndexPage(ListingIndexPage):
    """The directory of local leaders, with the form to propose oneself."""

    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    subpage_types = []

    template = "ngo_leaders/leaders_index_page.html"
    listing_view = "pages.leaders.views.listing_view"

    class Meta:
        verbose_name = _("local leaders directory")
        verbose_name_plural = _("local leaders directories")

    @path("zglos-sie/")
    def propose(self, request):
        from .views import propose_view

        return propose_view(self, request)

    @path("profil/")
    def manage(self, request):
        from .views import manage_view

        return manage_view(self, request)

    @path("<int:leader_id>/kontakt/")
    def contact(self, request, leader_id):
        from .views import contact_view

        return contact_view(self, request, leader_id)


class LeaderProfile(models.Model):
    """One person's profile, shown only once approved."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not approved")

    full_name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail (never shown)"))
    areas = models.ManyToManyField(
        "pages.AreaOfPublicBenefit", verbose_name=_("areas"), blank=True, related_name="+"
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    can_help_with = models.TextField(_("what I can help with"), max_length=1500)
    bio = models.TextField(_("about me"), max_length=1500, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="pending")
    language = models.CharField(max_length=8, default="pl")
    consent_text = models.TextField(editable=False, blank=True)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("local leader")
        verbose_name_plural = _("local leaders")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name
