"""City-wide events with NGO stands (seed 001: the yearly NGO fair, a festival of active
citizens).

The office publishes a fair (when, where, how many stands, until when organizations register);
an organization's editor registers a stand on the fair's page with what it will show and what
it needs (power, a table, chairs, a tent); the office accepts or declines each registration in
the admin and gives the accepted ones a number and a place on the map. The fair's page lists
the accepted stands and shows them on a map; the contact person's data and the needs are read
by the organization's editors and the office alone.

A fair's registrations belong to its page in the portal's first language: the English and
Ukrainian pages show the same stands and count the same places.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages import calendar_sources
from pages.models.base import BasePage, ListingIndexPage
from pages.models.requests import DecidedRequest

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class FairIndexPage(ListingIndexPage):
    """The city-wide events with stands, in one language: the coming ones, then the past."""

    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    subpage_types = ["ngo_fairs.FairPage"]

    template = "ngo_fairs/fair_index_page.html"

    class Meta:
        verbose_name = _("list of NGO fairs")
        verbose_name_plural = _("lists of NGO fairs")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fairs = FairPage.objects.live().public().child_of(self)
        now = timezone.now()
        context["coming"] = fairs.filter(ends_at__gte=now).order_by("starts_at")
        context["past"] = fairs.filter(ends_at__lt=now).order_by("-starts_at")[:20]
        return context


class FairPage(RoutablePageMixin, BasePage):
    """One city-wide event to which organizations register stands."""

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, help_text=_("E.g. the Old Market Square."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
    )
    body = RichTextField(
        _("about the fair"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )
    capacity = models.PositiveSmallIntegerField(
        _("number of stands"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    registration_until = models.DateField(
        _("stands registered until"),
        help_text=_("The last day on which organizations register a stand."),
    )
    registration_open = models.BooleanField(
        _("registration open"),
        default=True,
        help_text=_("Untick to stop taking registrations before the deadline."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_until"),
                FieldPanel("registration_open"),
            ],
            heading=_("Stands"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("place"),
        index.SearchField("body"),
    ]
    api_fields = [
        "starts_at",
        "ends_at",
        "place",
        "address",
        "latitude",
        "longitude",
        "body",
        "capacity",
        "registration_until",
        "registration_open",
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("place"),
        TranslatableField("body"),
        SynchronizedField("address"),
        SynchronizedField("starts_at", overridable=False),
        SynchronizedField("ends_at", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("capacity", overridable=False),
        SynchronizedField("registration_until", overridable=False),
        SynchronizedField("registration_open", overridable=False),
    ]

    parent_page_types = ["ngo_fairs.FairIndexPage"]
    subpage_types = []

    template = "ngo_fairs/fair_page.html"

    class Meta:
        verbose_name = _("NGO fair")
        verbose_name_plural = _("NGO fairs")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end comes before the start.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both coordinates, or neither.")})

    @path("")
    def details(self, request):
        from .views import fair_view

        return fair_view(self, request)

    @path("zglos-stoisko/")
    def register(self, request):
        from .views import register_view

        return register_view(self, request)

    @path("stoiska/<int:registration_id>/wycofaj/")
    def withdraw(self, request, registration_id):
        from .views import withdraw_view

        return withdraw_view(self, request, registration_id)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def registrations_page(self):
        """The page whose registrations count for this fair: its translation in the portal's
        first language (itself when it has none)."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = (
            FairPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .only("pk")
            .first()
        )
        return source or self

    def takes_registrations(self, today=None):
        today = today or timezone.localdate()
        return (
            self.registration_open
            and today <= self.registration_until
            and today <= timezone.localtime(self.starts_at).date()
        )


class StandRegistration(DecidedRequest):
    """An organization's stand at a fair, as its editor registered it and the office decided."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("stand registration", "Submitted")
        ACCEPTED = "accepted", pgettext_lazy("stand registration", "Accepted")
        DECLINED = "declined", pgettext_lazy("stand registration", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("stand registration", "Withdrawn")

    class Shelter(models.TextChoices):
        NONE = "none", _("No tent")
        OWN = "own", _("We bring our own tent")
        NEEDED = "needed", _("We need a tent from the organizers")

    # Registrations that hold one of the fair's places.
    HOLDING = (Status.SUBMITTED, Status.ACCEPTED)

    fair = models.ForeignKey(
        FairPage, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="stands"
    )
    exhibit = models.TextField(
        _("what the stand will show"),
        max_length=2000,
        help_text=_("Shown on the fair's page once the stand is accepted."),
    )
    needs_power = models.BooleanField(_("needs power"), default=False)
    needs_table = models.BooleanField(_("needs a table"), default=False)
    chairs = models.PositiveSmallIntegerField(
        _("chairs needed"), default=0, validators=[MaxValueValidator(20)]
    )
    shelter = models.CharField(
        _("tent"), max_length=8, choices=Shelter.choices, default=Shelter.NONE
    )
    other_needs = models.TextField(_("other needs"), blank=True, max_length=1000)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    stand_number = models.CharField(_("stand number"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("stand's latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LATITUDE_VALIDATORS,
    )
    longitude = models.DecimalField(
        _("stand's longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=LONGITUDE_VALIDATORS,
    )
    decision_note = models.TextField(
        _("note to the organization"),
        blank=True,
        help_text=_("Sent to the contact person with the decision."),
    )
    # A stand is registered rather than submitted: the office's list says so.
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta(DecidedRequest.Meta):
        verbose_name = _("stand registration")
        verbose_name_plural = _("stand registrations")
        constraints = [
            # A withdrawn registration leaves room for a new one of the same organization.
            models.UniqueConstraint(
                fields=["fair", "organization"],
                condition=~Q(status="withdrawn"),
                name="fairs_one_stand_per_organization",
            ),
        ]

    def __str__(self):
        return f"{self.organization} – {self.fair}"

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both coordinates, or neither.")})

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def is_withdrawable(self):
        return self.status in self.HOLDING


class FairsSource:
    """The calendar shows each live fair on its dates (pages.calendar_sources). A fair has no
    event category, area or district: filters by those leave it out; the text filter matches
    its title and place."""

    key = "fair"
    label = pgettext_lazy("calendar", "NGO fair")
    falls_back = False

    def live_pages(self):
        return FairPage.objects.live().public()

    def extendable_pages(self):
        return self.live_pages().none()

    def rows(self, fair):
        row = calendar_sources.occurrence(
            page_id=fair.pk,
            source=self.key,
            object_id=fair.pk,
            locale_id=fair.locale_id,
            translation_key=fair.translation_key,
            start=fair.starts_at,
            end=fair.ends_at,
            original_start=fair.starts_at,
            title=fair.title,
            venue_name=fair.place,
            street_address=fair.address,
            text=" ".join((fair.title, fair.place, fair.address)).lower(),
            is_on_site=True,
        )
        return [(row, [])]

    def connect(self):
        calendar_sources.follow_page(self.key, FairPage)


def register_calendar_source():
    calendar_sources.register(FairsSource())
