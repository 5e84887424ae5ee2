"""Municipal premises for NGOs (seed 004, goal 9: premises rented on preferential terms).

The city publishes the premises it offers (area, district, terms, photos, a map); an
organization's editors apply for one on the portal with what they would do there; the city
decides in the admin and the applicant is mailed the decision.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.media import ImageBlock
from pages.localized import in_language
from pages.models.base import BasePage, ListingIndexPage
from pages.models.requests import DecidedRequest
from pages.models.taxonomy import localized_term


class PremisesIndexPage(ListingIndexPage):
    """The premises the city offers, in one language: a list with filters and a map."""

    subpage_types = ["ngo_premises.PremisesPage"]

    template = "ngo_premises/premises_index_page.html"
    listing_view = "pages.premises.views.premises_listing"

    class Meta:
        verbose_name = _("premises listing")
        verbose_name_plural = _("premises listings")


class PremisesPage(RoutablePageMixin, BasePage):
    """One municipal unit offered to NGOs."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        DECIDING = "deciding", _("Applications being decided")
        RENTED = "rented", _("Rented")

    address = models.CharField(_("address"), max_length=200)
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    floor_area = models.DecimalField(
        _("floor area (m²)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(1), MaxValueValidator(100000)],
    )
    rooms = models.PositiveSmallIntegerField(
        _("rooms"), default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    rent = models.CharField(
        _("rent"),
        max_length=120,
        help_text=_("The preferential rent, as the city states it (e.g. 5 zł/m² a month)."),
    )
    terms = RichTextField(_("terms"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AVAILABLE
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    apply_by = models.DateField(
        _("applications until"),
        null=True,
        blank=True,
        help_text=_("Empty: applications are taken until the premises are rented."),
    )
    photos = StreamField([("photo", ImageBlock())], verbose_name=_("photos"), blank=True, max_num=8)
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

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("district"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("floor_area"), FieldPanel("rooms")]),
                FieldPanel("step_free"),
            ],
            heading=_("The premises"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("rent"),
                FieldPanel("terms"),
                FieldRowPanel([FieldPanel("available_from"), FieldPanel("apply_by")]),
                FieldPanel("status"),
            ],
            heading=_("Terms"),
        ),
        FieldPanel("photos"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("address"),
        index.SearchField("terms"),
        index.FilterField("status"),
    ]
    api_fields = [
        "address",
        "floor_area",
        "rooms",
        "step_free",
        "rent",
        "terms",
        "status",
        "available_from",
        "apply_by",
        "latitude",
        "longitude",
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("rent"),
        TranslatableField("terms"),
        TranslatableField("photos"),
        SynchronizedField("address"),
        SynchronizedField("district"),
        SynchronizedField("floor_area"),
        SynchronizedField("rooms"),
        SynchronizedField("step_free"),
        SynchronizedField("status"),
        SynchronizedField("available_from"),
        SynchronizedField("apply_by"),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
    ]

    parent_page_types = ["ngo_premises.PremisesIndexPage"]
    subpage_types = []

    template = "ngo_premises/premises_page.html"

    class Meta:
        verbose_name = _("premises")
        verbose_name_plural = _("premises")

    @path("")
    def details(self, request):
        from .views import premises_view

        return premises_view(self, request)

    @path("zloz-wniosek/")
    def apply(self, request):
        from .views import apply_view

        return apply_view(self, request)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def takes_applications(self, today):
        return self.status == self.Status.AVAILABLE and (
            self.apply_by is None or self.apply_by >= today
        )

    def localized_district(self):
        return localized_term(self.district) if self.district_id else None


class PremisesApplication(DecidedRequest):
    """An organization's application for one of the premises; the city decides it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    premises = models.ForeignKey(
        PremisesPage,
        verbose_name=_("premises"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    purpose = models.TextField(_("what the organization would do there"), max_length=3000)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), validators=[MinValueValidator(1), MaxValueValidator(168)]
    )
    people_served = models.PositiveIntegerField(_("people served a year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = models.TextField(
        _("reason of the decision"),
        blank=True,
        help_text=_("Sent to the organization with the decision."),
    )

    class Meta(DecidedRequest.Meta):
        verbose_name = _("premises application")
        verbose_name_plural = _("premises applications")
        constraints = [
            models.UniqueConstraint(
                fields=["premises", "organization"],
                name="premises_one_application_per_organization",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.premises}"


def available_in_district(district, locale, limit):
    """The premises offered in ``district`` that still take applications, in the reader's
    language: the premises section of a district's page (registered in ``ready()``)."""
    premises = (
        PremisesPage.objects.live()
        .public()
        .filter(district__slug=district.slug, status=PremisesPage.Status.AVAILABLE)
    )
    return list(in_language(premises, locale).order_by("title", "pk")[:limit])
