"""Volunteering: offers that organizations publish, and the applications volunteers send.

An offer lives beneath the profile of the organization that runs it, so the organization's
editor group may add and edit it (its page permissions cover the profile's subtree) and the
directory's review workflow applies to it. Offers of the city's own institutions live directly
beneath the offer index. Either way, the listing is on the index page of each language.

Applications always belong to the source (Polish) offer, whichever language the volunteer applied
in: the organization's editors, who only hold the source profile, see every application.
"""

import datetime
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
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
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages.localized import in_language
from pages.models.base import BasePage, ListingIndexPage
from pages.models.taxonomy import localized_term, localized_terms


class OfferMode(models.TextChoices):
    ON_SITE = "on_site", _("on site")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("on site and online")


class OfferSchedule(models.TextChoices):
    ONE_OFF = "one_off", _("one-off")
    REGULAR = "regular", _("regular")


class OfferTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_volunteering.VolunteerOfferPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class VolunteerOfferIndexPage(ListingIndexPage):
    """The offers of every organization in one listing, with filters and feeds."""

    subpage_types = ["ngo_volunteering.VolunteerOfferPage"]

    template = "ngo_volunteering/volunteer_offer_index_page.html"
    listing_view = "pages.volunteering.views.offer_listing"

    class Meta:
        verbose_name = _("volunteer offer listing")
        verbose_name_plural = _("volunteer offer listings")

    @path("kanal/")
    def atom_feed(self, request):
        from .views import offer_feed

        return offer_feed(self, request, kind="atom")

    @path("kanal/rss/")
    def rss_feed(self, request):
        from .views import offer_feed

        return offer_feed(self, request, kind="rss")


class VolunteerOfferQuerySet(PageQuerySet):
    def with_places_taken(self):
        """Annotate ``places_taken``: accepted applications to the offer's source page."""
        accepted = (
            VolunteerApplication.objects.filter(
                offer__translation_key=OuterRef("translation_key"),
                status=VolunteerApplication.Status.ACCEPTED,
            )
            .order_by()
            .values("offer__translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(places_taken=Coalesce(Subquery(accepted), 0))

    def open(self, today=None):
        """Offers that still take applications: the listing shows only these."""
        today = today or timezone.localdate()
        return (
            self.with_places_taken()
            .filter(accepting_applications=True)
            .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .filter(Q(volunteers_needed__isnull=True) | Q(volunteers_needed__gt=F("places_taken")))
        )


VolunteerOfferManager = PageManager.from_queryset(VolunteerOfferQuerySet)


class VolunteerOfferPage(RoutablePageMixin, BasePage):
    """One offer: what a volunteer will do, where and when, for whom, and how to apply."""

    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_offers",
        help_text=_(
            "Set by itself for offers beneath an organization's profile; empty for the city "
            "office's own offers."
        ),
    )
    organizer_name = models.CharField(
        _("organizer (if not in the directory)"),
        max_length=200,
        blank=True,
        help_text=_("For example a city institution. Empty: the organization or the office."),
    )
    lead = models.TextField(_("in short"), max_length=300)
    tasks = models.TextField(_("what the volunteer will do"))
    skills = models.TextField(_("skills wanted"), blank=True)
    description = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="volunteer_offers",
    )
    tags = ClusterTaggableManager(through=OfferTag, blank=True, verbose_name=_("tags"))

    mode = models.CharField(
        _("where"), max_length=10, choices=OfferMode.choices, default=OfferMode.ON_SITE
    )
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_offers",
    )
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

    schedule = models.CharField(
        _("kind"), max_length=10, choices=OfferSchedule.choices, default=OfferSchedule.REGULAR
    )
    start_date = models.DateField(_("from"), help_text=_("The day of a one-off offer."))
    end_date = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Empty for a one-day offer or regular work with no end date."),
    )
    time_description = models.CharField(
        _("when exactly"),
        max_length=200,
        blank=True,
        help_text=_("For example: Saturdays 10:00-14:00, or 9:00-15:00."),
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    application_deadline = models.DateField(_("apply by"), null=True, blank=True)
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers wanted"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: no limit. The offer closes when this many applications are accepted."),
    )
    accepting_applications = models.BooleanField(
        _("applications open"),
        default=True,
        help_text=_("Untick to close the offer early; tick again to reopen it."),
    )

    minors_allowed = models.BooleanField(
        _("suits minors (with a guardian's consent)"), default=False
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("youngest age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(10), MaxValueValidator(17)],
    )
    suits_seniors = models.BooleanField(_("suits seniors"), default=False)
    suits_groups = models.BooleanField(_("suits groups"), default=False)
    employee_volunteering = models.BooleanField(
        _("employee volunteering (wolontariat pracowniczy)"), default=False
    )
    school_volunteering = models.BooleanField(_("school volunteering"), default=False)
    accessible_place = models.BooleanField(
        _("accessible to people with disabilities"), default=False
    )
    accessibility_notes = models.CharField(
        _("accessibility of the place"), max_length=300, blank=True
    )

    offers_training = models.BooleanField(_("training"), default=False)
    offers_certificate = models.BooleanField(_("certificate"), default=False)
    offers_travel_refund = models.BooleanField(_("travel costs reimbursed"), default=False)
    offers_insurance = models.BooleanField(_("insurance"), default=False)

    contact_email = models.EmailField(
        _("e-mail for applications"),
        blank=True,
        help_text=_("New applications are announced here and to the organization's editors."),
    )

    objects = VolunteerOfferManager()

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("tasks"),
        FieldPanel("skills"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Areas and tags"),
        ),
    ]
    when_where_panels = [
        MultiFieldPanel(
            [
                FieldPanel("schedule"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("time_description"),
                FieldPanel("hours_per_week"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mode"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("district")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
    ]
    recruitment_panels = [
        FieldPanel("organization"),
        FieldPanel("organizer_name"),
        FieldRowPanel([FieldPanel("application_deadline"), FieldPanel("volunteers_needed")]),
        FieldPanel("accepting_applications"),
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("minors_allowed"), FieldPanel("minimum_age")]),
                FieldPanel("suits_seniors"),
                FieldPanel("suits_groups"),
                FieldPanel("employee_volunteering"),
                FieldPanel("school_volunteering"),
                FieldPanel("accessible_place"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Who it suits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("offers_training"),
                FieldPanel("offers_certificate"),
                FieldPanel("offers_travel_refund"),
                FieldPanel("offers_insurance"),
            ],
            heading=_("What the volunteer gets"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Offer")),
            ObjectList(when_where_panels, heading=_("When and where")),
            ObjectList(recruitment_panels, heading=_("Recruitment")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("tasks"),
        index.SearchField("skills"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.FilterField("mode"),
        index.FilterField("schedule"),
        index.FilterField("start_date"),
    ]

    api_fields = [
        "lead",
        "mode",
        "schedule",
        "start_date",
        "end_date",
        "application_deadline",
        "volunteers_needed",
        "city",
        "latitude",
        "longitude",
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("tasks"),
        TranslatableField("skills"),
        TranslatableField("description"),
        TranslatableField("time_description"),
        TranslatableField("accessibility_notes"),
        TranslatableField("organizer_name"),
        SynchronizedField("organization"),
        SynchronizedField("areas"),
        SynchronizedField("mode"),
        SynchronizedField("street_address"),
        SynchronizedField("city"),
        SynchronizedField("district"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("schedule"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("hours_per_week"),
        SynchronizedField("application_deadline"),
        SynchronizedField("volunteers_needed"),
        SynchronizedField("accepting_applications"),
        SynchronizedField("minors_allowed"),
        SynchronizedField("minimum_age"),
        SynchronizedField("suits_seniors"),
        SynchronizedField("suits_groups"),
        SynchronizedField("employee_volunteering"),
        SynchronizedField("school_volunteering"),
        SynchronizedField("accessible_place"),
        SynchronizedField("offers_training"),
        SynchronizedField("offers_certificate"),
        SynchronizedField("offers_travel_refund"),
        SynchronizedField("offers_insurance"),
        SynchronizedField("contact_email"),
    ]

    parent_page_types = ["pages.OrganizationPage", "ngo_volunteering.VolunteerOfferIndexPage"]
    subpage_types = []

    template = "ngo_volunteering/volunteer_offer_page.html"

    class Meta:
        verbose_name = _("volunteer offer")
        verbose_name_plural = _("volunteer offers")

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The offer cannot end before it starts.")
        if (
            self.application_deadline
            and self.end_date
            and self.application_deadline > self.end_date
        ):
            errors["application_deadline"] = _("The deadline cannot be after the offer ends.")
        if self.minimum_age and not self.minors_allowed:
            errors["minimum_age"] = _("Give the youngest age only for an offer that suits minors.")
        if self.mode != OfferMode.ONLINE and not (self.city or self.street_address):
            errors["city"] = _("Give at least the city of an offer on site.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # An offer beneath a profile always belongs to that organization: an NGO cannot post
        # in another organization's name.
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None and parent.specific_class.__name__ == "OrganizationPage":
            self.organization_id = parent.pk
        return super().save(*args, **kwargs)

    @path("")
    def offer(self, request):
        from .views import offer_page

        return offer_page(self, request)

    # The signed key goes in the query string: Wagtail's page URLs allow only word characters.
    @path("zgloszenie/")
    def my_application(self, request):
        from .views import manage_application

        return manage_application(self, request, request.GET.get("klucz", ""))

    # What the templates and the application form ask of an offer.

    @property
    def source_offer(self):
        """The offer applications belong to: the page in the default language, if any."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = (
            VolunteerOfferPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            )
            .select_related("organization")
            .first()
        )
        return source or self

    @property
    def organizer_display_name(self):
        if self.organizer_name:
            return self.organizer_name
        if self.organization_id:
            return self.organization.title
        # Listings set ``_office_name`` once for the whole page (one query, not one per item).
        if getattr(self, "_office_name", None):
            return self._office_name
        from pages.models.settings import office_name

        return office_name()

    @property
    def ends_on(self):
        return self.end_date or self.start_date

    def places_taken_count(self):
        if hasattr(self, "places_taken"):
            return self.places_taken
        return VolunteerApplication.objects.filter(
            offer__translation_key=self.translation_key,
            status=VolunteerApplication.Status.ACCEPTED,
        ).count()

    @property
    def places_left(self):
        if self.volunteers_needed is None:
            return None
        return max(self.volunteers_needed - self.places_taken_count(), 0)

    def closed_reason(self, today=None):
        """Why the offer takes no applications, or None while it does."""
        today = today or timezone.localdate()
        if not self.accepting_applications:
            return _("The organizer has closed this offer.")
        if self.application_deadline and self.application_deadline < today:
            return _("The deadline for applications has passed.")
        if self.end_date and self.end_date < today:
            return _("This offer has ended.")
        if self.volunteers_needed is not None and self.places_left == 0:
            return _("All places have been taken.")
        return None

    @property
    def benefits(self):
        fields = [
            "offers_training",
            "offers_certificate",
            "offers_travel_refund",
            "offers_insurance",
        ]
        return [self._meta.get_field(name).verbose_name for name in fields if getattr(self, name)]

    @property
    def suits(self):
        fields = [
            "minors_allowed",
            "suits_seniors",
            "suits_groups",
            "employee_volunteering",
            "school_volunteering",
            "accessible_place",
        ]
        return [self._meta.get_field(name).verbose_name for name in fields if getattr(self, name)]

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def localized_district(self):
        return localized_term(self.district) if self.district_id else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_terms"] = self.localized_terms("areas")
        context["district_term"] = self.localized_district()
        return context

    def search_document(self):
        facets = {"area": [area.slug for area in self.areas.all()]}
        if self.district_id:
            facets["district"] = [self.district.slug]
        # "On site" and "online" include the offers that are both, as the offer listing does.
        if self.mode == OfferMode.HYBRID:
            facets["mode"] = [OfferMode.ON_SITE, OfferMode.ONLINE]
        else:
            facets["mode"] = [self.mode]
        return {"date": self.start_date, "facets": facets}

    def get_json_ld(self, request):
        """A schema.org JobPosting with employmentType VOLUNTEER (Google's validator knows it,
        unlike VolunteerAction, and it carries the deadline, the place and the organizer)."""
        data = {
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "title": self.title,
            "description": f"{self.lead}\n\n{self.tasks}",
            "employmentType": "VOLUNTEER",
            "datePosted": (self.first_published_at or timezone.now()).date().isoformat(),
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "hiringOrganization": {"@type": "Organization", "name": self.organizer_display_name},
        }
        if self.organization_id:
            data["hiringOrganization"]["sameAs"] = self.organization.get_full_url(request)
        if self.application_deadline:
            data["validThrough"] = self.application_deadline.isoformat() + "T23:59:59"
        if self.mode == OfferMode.ONLINE:
            data["jobLocationType"] = "TELECOMMUTE"
            data["applicantLocationRequirements"] = {"@type": "Country", "name": "Polska"}
        else:
            address = {"@type": "PostalAddress", "addressCountry": "PL"}
            if self.street_address:
                address["streetAddress"] = self.street_address
            if self.city:
                address["addressLocality"] = self.city
            data["jobLocation"] = {"@type": "Place", "address": address}
            if self.latitude is not None:
                data["jobLocation"]["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                }
        if self.hours_per_week:
            data["workHours"] = f"{self.hours_per_week} h/tydzień"
        return data


def new_token():
    return secrets.token_urlsafe(24)


class VolunteerApplication(models.Model):
    """A volunteer's application to an offer.

    Personal data is visible to the offer's organization and city editors only; the volunteer
    can withdraw, get a copy, or erase it through the signed link in their confirmation e-mail,
    and `anonymize_applications` erases it a set time after the offer ends.
    """

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CONTACTED = "contacted", _("contacted")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    offer = models.ForeignKey(
        VolunteerOfferPage,
        verbose_name=_("offer"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    message = models.TextField(_("message"), max_length=3000, blank=True)
    availability = models.CharField(_("availability"), max_length=500, blank=True)
    guardian_name = models.CharField(_("parent or guardian"), max_length=150, blank=True)
    guardian_consent = models.BooleanField(_("guardian's consent given"), default=False)
    consent_text = models.TextField(_("consent given"), editable=False)
    language = models.CharField(_("language"), max_length=8, default="pl")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # The secret part of the volunteer's link; replaced when the data is erased.
    token = models.CharField(max_length=64, default=new_token, editable=False)

    # What the certificate of work done (zaświadczenie) states; the organizer fills it in.
    service_from = models.DateField(_("worked from"), null=True, blank=True)
    service_to = models.DateField(_("worked until"), null=True, blank=True)
    hours_worked = models.DecimalField(
        _("hours worked"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    work_description = models.TextField(_("work done"), blank=True)
    anonymized_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["-created_at"]
        constraints = [
            # One live application per person and offer; a withdrawn one may be sent again.
            models.UniqueConstraint(
                fields=["offer", "email"],
                condition=Q(anonymized_at__isnull=True) & ~Q(status="withdrawn"),
                name="one_application_per_email_and_offer",
            )
        ]

    def __str__(self):
        return f"{self.full_name} → {self.offer}"

    def set_status(self, status):
        self.status = status
        self.status_changed_at = timezone.now()

    @property
    def is_minor(self):
        return self.date_of_birth is not None and age_on(self.date_of_birth) < 18

    def anonymize(self):
        """Erase the personal data, keep the fact of the application (counts, statistics)."""
        self.full_name = "—"
        self.email = f"anonymized-{self.pk}@invalid"
        self.phone = ""
        self.date_of_birth = None
        self.message = ""
        self.availability = ""
        self.guardian_name = ""
        self.work_description = ""
        self.token = new_token()
        self.anonymized_at = timezone.now()


def age_on(date_of_birth, today=None):
    today = today or timezone.localdate()
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def retention_cutoff(months, today=None):
    """Offers that ended before this date have their applications anonymized."""
    today = today or timezone.localdate()
    year, month = divmod(today.month - 1 - months, 12)
    day = min(today.day, 28)
    return datetime.date(today.year + year, month + 1, day)


def open_offers(profile, limit=10):
    """The open offers beneath an organization's profile, soonest deadline first: the profile's
    section of offers (registered in ``VolunteeringConfig.ready()``)."""
    return list(
        VolunteerOfferPage.objects.child_of(profile)
        .live()
        .public()
        .open()
        .order_by("application_deadline", "start_date")[:limit]
    )


def open_offers_in_district(district, locale, limit):
    """The open offers in ``district``, in the reader's language, soonest deadline first: the
    volunteering section of a district's page (registered in ``VolunteeringConfig.ready()``)."""
    offers = VolunteerOfferPage.objects.live().public().open().filter(district__slug=district.slug)
    return list(
        in_language(offers, locale).order_by("application_deadline", "start_date", "pk")[:limit]
    )
