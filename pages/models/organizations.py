"""The NGO directory: one index page per language and a profile page per organization."""

import datetime
import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages import profile_sections
from pages.public_urls import absolute_url
from pages.validators import (
    compact_digits,
    validate_krs,
    validate_nip,
    validate_postal_code,
    validate_regon,
)

from .base import BasePage, ListingIndexPage
from .taxonomy import localized_terms

# Profiles not confirmed for this long are flagged to their editors and to city editors.
STALE_AFTER = datetime.timedelta(days=365)


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("association")
    FOUNDATION = "foundation", _("foundation")
    SPORTS_CLUB = "sports_club", _("sports club")
    VOLUNTEER_FIRE_BRIGADE = "fire_brigade", _("volunteer fire brigade")
    SOCIAL_COOPERATIVE = "social_cooperative", _("social cooperative")
    CHURCH_LEGAL_PERSON = "church_legal_person", _("church legal person")
    INFORMAL_GROUP = "informal_group", _("informal group")
    OTHER = "other", _("other")


class OrganizationTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.OrganizationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class OrganizationIndexPage(ListingIndexPage):
    """The directory: a filterable listing, a map and open-data exports of the same set."""

    subpage_types = ["pages.OrganizationPage"]

    template = "pages/organizations/organization_index_page.html"
    listing_view = "pages.views.organizations.directory_listing"

    class Meta:
        verbose_name = _("organization directory")
        verbose_name_plural = _("organization directories")

    # The views live in pages/views/organizations.py so that the model stays readable.
    @path("mapa/")
    def map(self, request):
        from pages.views.organizations import directory_map

        return directory_map(self, request)

    @path("mapa/geojson/")
    def map_data(self, request):
        from pages.views.organizations import directory_geojson

        return directory_geojson(self, request)

    @path("eksport/csv/")
    def export_csv(self, request):
        from pages.views.organizations import directory_export_csv

        return directory_export_csv(self, request)

    @path("eksport/json/")
    def export_json(self, request):
        from pages.views.organizations import directory_export_json

        return directory_export_json(self, request)


class OrganizationPage(RoutablePageMixin, BasePage):
    """A profile of one organization, kept current by its own editors."""

    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    krs = models.CharField(
        _("KRS number"),
        max_length=10,
        blank=True,
        validators=[validate_krs],
        help_text=_("10 digits; empty only for an informal group."),
    )
    nip = models.CharField(
        _("NIP"), max_length=13, blank=True, validators=[validate_nip], help_text=_("Tax id.")
    )
    regon = models.CharField(_("REGON"), max_length=17, blank=True, validators=[validate_regon])
    is_public_benefit = models.BooleanField(
        _("public benefit organization (OPP)"),
        default=False,
        help_text=_("OPP status: residents can give the organization 1.5% of their income tax."),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="organizations",
    )
    districts = ParentalManyToManyField(
        "pages.District",
        verbose_name=_("districts where it works"),
        blank=True,
        related_name="organizations",
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[validate_postal_code]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    description = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    tags = ClusterTaggableManager(through=OrganizationTag, blank=True, verbose_name=_("tags"))
    takes_volunteers = models.BooleanField(_("takes volunteers"), default=False)
    data_confirmed_at = models.DateField(
        _("data last confirmed"),
        null=True,
        blank=True,
        help_text=_("Set each time an editor of the organization saves the profile."),
    )
    stale_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A foreign key, not one-to-one: Wagtail copies every field into the aliases that
    # wagtail-localize makes of untranslated parents (a translated offer's profile), and those
    # aliases share the source profile's group.
    editor_group = models.ForeignKey(
        "auth.Group",
        verbose_name=_("editor group"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("short_name"),
        FieldPanel("logo"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("districts"),
                FieldPanel("tags"),
                FieldPanel("takes_volunteers"),
            ],
            heading=_("What the organization does"),
        ),
    ]
    identity_panels = [
        FieldPanel("legal_form"),
        FieldRowPanel([FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")]),
        FieldPanel("is_public_benefit"),
        FieldPanel("year_founded"),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(identity_panels, heading=_("Legal identity")),
            ObjectList(contact_panels, heading=_("Contact")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("short_name"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.AutocompleteField("short_name"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.FilterField("legal_form"),
        index.FilterField("is_public_benefit"),
        index.FilterField("takes_volunteers"),
    ]

    api_fields = [
        "short_name",
        "legal_form",
        "krs",
        "nip",
        "regon",
        "is_public_benefit",
        "year_founded",
        "city",
        "postal_code",
        "latitude",
        "longitude",
        "website",
        "takes_volunteers",
        "data_confirmed_at",
    ]

    # Identifiers, contact details and coordinates are the same in every language; names and
    # descriptions are translated. The legal identifiers and the address cannot even be
    # overridden in the translation editor: an English page with another NIP than the Polish one
    # would be a false statement about the organization.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("short_name"),
        TranslatableField("description"),
        SynchronizedField("legal_form", overridable=False),
        SynchronizedField("krs", overridable=False),
        SynchronizedField("nip", overridable=False),
        SynchronizedField("regon", overridable=False),
        SynchronizedField("is_public_benefit"),
        SynchronizedField("year_founded"),
        SynchronizedField("areas"),
        SynchronizedField("districts"),
        SynchronizedField("street_address", overridable=False),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("city", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("email"),
        SynchronizedField("phone"),
        SynchronizedField("website"),
        SynchronizedField("facebook_url"),
        SynchronizedField("instagram_url"),
        SynchronizedField("linkedin_url"),
        SynchronizedField("youtube_url"),
        SynchronizedField("logo"),
        SynchronizedField("takes_volunteers"),
        SynchronizedField("data_confirmed_at"),
    ]

    # The editor group belongs to the source profile alone (see pages.roles).
    exclude_fields_in_copy = ["editor_group", "stale_notified_at"]

    parent_page_types = ["pages.OrganizationIndexPage"]
    # An organization's own content (offers, events, news) lives beneath its profile, where its
    # editors may add it: each of those page types names the profile among its parents.

    template = "pages/organizations/organization_page.html"

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def clean(self):
        super().clean()
        self.validate_identity()

    def validate_identity(self):
        """The rules between fields of a profile; shared by the editor and the bulk import."""
        errors = {}
        self.krs = compact_digits(self.krs)
        self.nip = compact_digits(self.nip)
        self.regon = compact_digits(self.regon)
        if not self.krs and self.legal_form != LegalForm.INFORMAL_GROUP:
            errors["krs"] = _("Give the KRS number; only an informal group has none.")
        if self.year_founded and self.year_founded > timezone.localdate().year:
            errors["year_founded"] = _("The year founded cannot be in the future.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def save_revision(self, *args, **kwargs):
        # Saving the profile is the editor's confirmation that its data is current.
        self.data_confirmed_at = timezone.localdate()
        return super().save_revision(*args, **kwargs)

    @path("")
    def profile(self, request):
        return self.render(request)

    @path("dostep/")
    def claim(self, request):
        """ "Do you run this organization?": ask the city for access to this profile."""
        from pages.views.organization_access import claim_profile

        return claim_profile(self, request)

    def get_context(self, request, *args, **kwargs):
        from pages.directory import map_settings

        context = super().get_context(request, *args, **kwargs)
        context["map_json"] = json.dumps(map_settings())
        context["area_terms"] = self.localized_terms("areas")
        context["district_terms"] = self.localized_terms("districts")
        context["profile_sections"] = profile_sections.filled_for(self)
        return context

    def localized_terms(self, relation):
        """The linked taxonomy terms in the reader's language, in one query."""
        return localized_terms(self, relation)

    def get_meta_image(self):
        return self.logo

    @property
    def is_stale(self):
        if self.data_confirmed_at is None:
            return True
        return timezone.localdate() - self.data_confirmed_at > STALE_AFTER

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("LinkedIn", self.linkedin_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]

    def get_json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "NGO",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if self.search_description:
            data["description"] = self.search_description
        if self.year_founded:
            data["foundingDate"] = str(self.year_founded)
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        if self.nip:
            data["taxID"] = self.nip
        identifiers = [
            {"@type": "PropertyValue", "propertyID": name, "value": value}
            for name, value in (("KRS", self.krs), ("NIP", self.nip), ("REGON", self.regon))
            if value
        ]
        if identifiers:
            data["identifier"] = identifiers
        if self.street_address or self.city:
            data["address"] = {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postal_code,
                "addressLocality": self.city,
                "addressCountry": "PL",
            }
        if self.has_location:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        same_as = [url for _name, url in self.social_links]
        if self.website:
            same_as.insert(0, self.website)
        if same_as:
            data["sameAs"] = same_as
        if self.logo_id:
            data["logo"] = absolute_url(self.logo.get_rendition("max-400x400").url, request)
        areas = [area.name for area in self.localized_terms("areas")]
        if areas:
            data["knowsAbout"] = areas
        return data


def active_in_district(district, locale, limit):
    """The organizations whose districts include ``district``, in the reader's language: the
    directory's section of a district's page (registered in ``PagesConfig.ready()``)."""
    from pages.localized import in_language

    pages = OrganizationPage.objects.live().public().filter(districts__slug=district.slug)
    return list(in_language(pages, locale).distinct().order_by("title")[:limit])
