"""Business partners (seeds 003, 004 goal 8): companies and institutions that offer NGOs pro bono
work, employee volunteering, sponsorship or things in kind, each with a profile the city keeps.

An NGO's editor asks a partner for cooperation through the portal; the message is forwarded to
the partner's address, which is never shown (not on the page, in the API, search or feeds), with
the NGO's editor as Reply-To, so the partner answers directly and decides whom to tell more.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage, ListingIndexPage
from pages.models.requests import OrganizationRequest
from pages.models.taxonomy import localized_term, localized_terms


class PartnerKind(models.TextChoices):
    COMPANY = "company", _("Company")
    INSTITUTION = "institution", _("Public institution")
    SCIENCE = "science", _("University or research institute")


class HelpKind(models.TextChoices):
    """What a partner offers, and what an NGO asks for."""

    PRO_BONO = "pro_bono", _("Pro bono work")
    VOLUNTEERING = "volunteering", _("Employee volunteering")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    IN_KIND = "in_kind", _("Things in kind")


class PartnersIndexPage(ListingIndexPage):
    """Every partner of one language, filterable by what they offer and by area."""

    subpage_types = ["ngo_partners.PartnerPage"]

    template = "ngo_partners/partners_index_page.html"
    listing_view = "pages.partners.views.partner_listing"

    class Meta:
        verbose_name = _("business partners listing")
        verbose_name_plural = _("business partners listings")


class PartnerPage(RoutablePageMixin, BasePage):
    """One company or institution: who they are, what they offer NGOs, in which areas."""

    partner_kind = models.CharField(
        _("kind of partner"),
        max_length=12,
        choices=PartnerKind.choices,
        default=PartnerKind.COMPANY,
    )
    lead = models.TextField(_("in short"), max_length=400)
    body = RichTextField(
        _("what we offer"), blank=True, features=["h3", "bold", "italic", "link", "ul", "ol"]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    offers_pro_bono = models.BooleanField(HelpKind.PRO_BONO.label, default=False)
    offers_volunteering = models.BooleanField(HelpKind.VOLUNTEERING.label, default=False)
    offers_sponsorship = models.BooleanField(HelpKind.SPONSORSHIP.label, default=False)
    offers_in_kind = models.BooleanField(HelpKind.IN_KIND.label, default=False)
    areas = models.ManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the requests go. Never shown: not in the template, the API fields or the search
    # index.
    contact_email = models.EmailField(
        _("address for partnership requests (never shown)"),
        help_text=_("NGOs write through the portal; this address is not published."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("partner_kind"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("logo"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("offers_pro_bono"),
                FieldPanel("offers_volunteering"),
                FieldPanel("offers_sponsorship"),
                FieldPanel("offers_in_kind"),
            ],
            heading=_("What the partner offers"),
        ),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("district"),
        FieldPanel("contact_email"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("partner_kind"),
    ]
    api_fields = [
        "partner_kind",
        "lead",
        "body",
        "website",
        "offers_pro_bono",
        "offers_volunteering",
        "offers_sponsorship",
        "offers_in_kind",
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("partner_kind"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
        SynchronizedField("offers_pro_bono"),
        SynchronizedField("offers_volunteering"),
        SynchronizedField("offers_sponsorship"),
        SynchronizedField("offers_in_kind"),
        SynchronizedField("areas"),
        SynchronizedField("district"),
        SynchronizedField("contact_email"),
    ]

    parent_page_types = ["ngo_partners.PartnersIndexPage"]
    subpage_types = []

    template = "ngo_partners/partner_page.html"

    class Meta:
        verbose_name = _("business partner")
        verbose_name_plural = _("business partners")

    @path("")
    def profile(self, request):
        from .views import profile_view

        return profile_view(self, request)

    @path("napisz/")
    def write(self, request):
        from .views import request_view

        return request_view(self, request)

    def offered(self):
        """The kinds of help offered, as (value, label) in the order of ``HelpKind``."""
        return [
            (kind.value, kind.label)
            for kind in HelpKind
            if getattr(self, f"offers_{kind.value}", False)
        ]

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def localized_district(self):
        return localized_term(self.district) if self.district_id else None


class PartnershipRequest(OrganizationRequest):
    """An NGO's request to a partner, kept for the city's programme of cooperation."""

    partner = models.ForeignKey(
        PartnerPage,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="requests",
    )
    help_kind = models.CharField(_("asks for"), max_length=12, choices=HelpKind.choices)
    message = models.TextField(_("message"))

    class Meta(OrganizationRequest.Meta):
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")

    def __str__(self):
        return f"{self.organization} → {self.partner}"
