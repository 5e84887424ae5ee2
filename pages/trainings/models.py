"""Trainings with registration: the training offer of the city office and the NGO centre.

A training has one or more sessions and a capacity. Registrations beyond the capacity join a
waiting list; when a registered person cancels, the first on the list is promoted and told.
Registrations always belong to the source (Polish) training, whichever language the person
registered in, and the capacity holds under concurrent requests (see `register`).
"""

import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages import calendar_sources
from pages.models.base import BasePage, ListingIndexPage
from pages.models.settings import office_name
from pages.models.taxonomy import AreaOfPublicBenefit


class TrainingAudience(models.TextChoices):
    NGOS = "ngos", _("NGO staff and board members")
    VOLUNTEERS = "volunteers", _("volunteers and coordinators")
    RESIDENTS = "residents", _("residents")
    YOUTH = "youth", _("young people")
    SENIORS = "seniors", _("seniors")


class TrainingLevel(models.TextChoices):
    BASIC = "basic", _("basic")
    INTERMEDIATE = "intermediate", _("intermediate")
    ADVANCED = "advanced", _("advanced")


class TrainingTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_trainings.TrainingPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class TrainingIndexPage(ListingIndexPage):
    """Upcoming trainings with filters; past ones in the archive."""

    subpage_types = ["ngo_trainings.TrainingPage"]

    template = "ngo_trainings/training_index_page.html"

    class Meta:
        verbose_name = _("training listing")
        verbose_name_plural = _("training listings")

    @path("")
    def listing(self, request):
        from .views import training_listing

        return training_listing(self, request, archive=False)

    @path("archiwum/")
    def archive(self, request):
        from .views import training_listing

        return training_listing(self, request, archive=True)


class TrainingQuerySet(PageQuerySet):
    def with_seats_taken(self):
        """Annotate ``seats_taken``: registered (not waiting, not cancelled) people."""
        taken = (
            TrainingRegistration.objects.filter(
                training__translation_key=OuterRef("translation_key"),
                status=TrainingRegistration.Status.REGISTERED,
            )
            .order_by()
            .values("training__translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(seats_taken=Coalesce(Subquery(taken), 0))

    def upcoming(self, today=None):
        return self.filter(last_day__gte=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(last_day__lt=today or timezone.localdate())


TrainingManager = PageManager.from_queryset(TrainingQuerySet)


class TrainingPage(RoutablePageMixin, BasePage):
    """One training: what, for whom, when (sessions), and registration."""

    lead = models.TextField(_("in short"), max_length=300)
    description = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    trainers = models.CharField(
        _("trainers"), max_length=300, help_text=_("Names, separated by commas.")
    )
    trainers_bio = models.TextField(_("about the trainers"), blank=True)
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organizing organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
        help_text=_("Empty: the city office or the NGO centre organizes it."),
    )
    organizer_name = models.CharField(
        _("organizer (if not in the directory)"),
        max_length=200,
        blank=True,
        help_text=_("For example the NGO centre. Empty: the organization or the office."),
    )
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="trainings",
    )
    tags = ClusterTaggableManager(
        through=TrainingTag, blank=True, verbose_name=_("topics"), help_text=_("Topics.")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=TrainingAudience.choices, default="ngos"
    )
    level = models.CharField(
        _("level"), max_length=20, choices=TrainingLevel.choices, default="basic"
    )
    is_online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(2000)], default=20
    )
    price = models.DecimalField(
        _("price (PLN)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("0 for a free training."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    gives_certificate = models.BooleanField(_("certificate of attendance"), default=False)
    contact_email = models.EmailField(_("e-mail of the organizer"), blank=True)
    # The first and last day of the sessions, kept in step with them on save for listings.
    first_day = models.DateField(_("first day"), null=True, blank=True, editable=False)
    last_day = models.DateField(_("last day"), null=True, blank=True, editable=False)

    objects = TrainingManager()

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("description"),
        FieldPanel("trainers"),
        FieldPanel("trainers_bio"),
        InlinePanel("sessions", heading=_("Sessions"), label=_("session"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("audience"), FieldPanel("level")]),
                FieldPanel("areas"),
                FieldPanel("tags"),
                FieldPanel("is_online"),
            ],
            heading=_("For whom"),
        ),
    ]
    registration_panels = [
        FieldPanel("organization"),
        FieldPanel("organizer_name"),
        FieldPanel("contact_email"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("price")]),
        FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
        FieldPanel("gives_certificate"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Training")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("description"),
        index.SearchField("trainers"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("audience"),
        index.FilterField("first_day"),
    ]

    api_fields = ["lead", "trainers", "audience", "level", "is_online", "capacity", "price"]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("description"),
        TranslatableField("trainers_bio"),
        TranslatableField("organizer_name"),
        SynchronizedField("trainers"),
        SynchronizedField("organization"),
        SynchronizedField("areas"),
        SynchronizedField("audience"),
        SynchronizedField("level"),
        SynchronizedField("is_online"),
        SynchronizedField("capacity"),
        SynchronizedField("price"),
        SynchronizedField("registration_opens"),
        SynchronizedField("registration_closes"),
        SynchronizedField("gives_certificate"),
        SynchronizedField("contact_email"),
    ]

    parent_page_types = ["ngo_trainings.TrainingIndexPage"]
    subpage_types = []

    template = "ngo_trainings/training_page.html"

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def clean(self):
        super().clean()
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )

    def save(self, *args, **kwargs):
        days = sorted(session.date for session in self.sessions.all() if session.date)
        if days:
            self.first_day, self.last_day = days[0], days[-1]
        return super().save(*args, **kwargs)

    @path("")
    def training(self, request):
        from .views import training_page

        return training_page(self, request)

    @path("rezerwacja/")
    def my_registration(self, request):
        from .views import manage_registration

        return manage_registration(self, request, request.GET.get("klucz", ""))

    @property
    def source_training(self):
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = TrainingPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
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
        return office_name()

    @property
    def is_free(self):
        return not self.price

    def seats_taken_count(self):
        if hasattr(self, "seats_taken"):
            return self.seats_taken
        return TrainingRegistration.objects.filter(
            training__translation_key=self.translation_key,
            status=TrainingRegistration.Status.REGISTERED,
        ).count()

    @property
    def places_left(self):
        return max(self.capacity - self.seats_taken_count(), 0)

    def registration_closed_reason(self, now=None):
        now = now or timezone.now()
        if self.last_day and self.last_day < timezone.localdate(now):
            return _("This training has taken place.")
        if self.registration_opens and now < self.registration_opens:
            return _("Registration opens on %(date)s.") % {
                "date": timezone.localtime(self.registration_opens).strftime("%d.%m.%Y %H:%M")
            }
        if self.registration_closes and now > self.registration_closes:
            return _("Registration has closed.")
        return None

    def get_json_ld(self, request):
        """A schema.org Course with a CourseInstance per session."""
        instances = []
        for session in self.sessions.all():
            start, end = session.starts_at(), session.ends_at()
            instance = {
                "@type": "CourseInstance",
                "courseMode": "online" if self.is_online else "onsite",
                "startDate": start.isoformat() if start else None,
                "endDate": end.isoformat() if end else None,
            }
            if self.is_online:
                instance["location"] = {"@type": "VirtualLocation", "url": self.get_full_url()}
            elif session.place:
                instance["location"] = {
                    "@type": "Place",
                    "name": session.place,
                    "address": session.place,
                }
            instances.append(instance)
        return {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": self.title,
            "description": self.lead,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "provider": {"@type": "Organization", "name": self.organizer_display_name},
            "offers": {
                "@type": "Offer",
                "price": f"{self.price:.2f}",
                "priceCurrency": "PLN",
                "category": "Free" if self.is_free else "Paid",
            },
            "hasCourseInstance": instances,
        }

    def search_document(self):
        return {
            "date": self.first_day,
            "facets": {"area": [area.slug for area in self.areas.all()]},
        }


class TrainingSession(Orderable):
    """One meeting of a training; the online link is shown to registered people only."""

    training = ParentalKey(TrainingPage, related_name="sessions", on_delete=models.CASCADE)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    place = models.CharField(_("place"), max_length=250, blank=True)
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Sent to registered people only; never shown on the page."),
    )

    panels = [
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("place"),
        FieldPanel("online_link"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session must end after it starts.")})

    def starts_at(self):
        return _aware(self.date, self.start_time)

    def ends_at(self):
        return _aware(self.date, self.end_time)


def _aware(date, time):
    import datetime

    if not (date and time):
        return None
    return timezone.make_aware(datetime.datetime.combine(date, time))


def new_token():
    return secrets.token_urlsafe(24)


class TrainingRegistration(models.Model):
    """A person's place on a training, or on its waiting list."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    training = models.ForeignKey(
        TrainingPage,
        verbose_name=_("training"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organization_name = models.CharField(_("organization"), max_length=250, blank=True)
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    consent_text = models.TextField(_("consent given"), editable=False)
    language = models.CharField(_("language"), max_length=8, default="pl")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    token = models.CharField(max_length=64, default=new_token, editable=False)

    class Meta:
        verbose_name = _("training registration")
        verbose_name_plural = _("training registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "email"],
                condition=~Q(status="cancelled"),
                name="one_registration_per_email_and_training",
            )
        ]

    def __str__(self):
        return f"{self.full_name} → {self.training}"


# The salt of the signed link in a person's e-mails (as when pages.tasks held it: links already
# sent keep working).
REGISTRATION_LINK_SALT = "pages.training-registration"


def registration_token(registration):
    """The signed part of a person's link to their registration: it names the registration and
    carries its secret token, replaced on cancelling, so the link dies with the place."""
    return signing.dumps(
        {"r": registration.pk, "t": registration.token}, salt=REGISTRATION_LINK_SALT
    )


class RegistrationRefused(Exception):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def _lock_training(training):
    """Serialize registrations of one training.

    An UPDATE of the training's row takes a row lock on PostgreSQL (and the write lock on
    SQLite) until the transaction ends, so two registrations for the last place cannot both
    count the seats before either is saved.
    """
    TrainingPage.objects.filter(pk=training.pk).update(last_day=F("last_day"))


def register(training, **data):
    """Register a person on ``training`` (the source page): a seat, or the waiting list."""
    with transaction.atomic():
        _lock_training(training)
        taken = TrainingRegistration.objects.filter(training=training, email=data["email"]).exclude(
            status=TrainingRegistration.Status.CANCELLED
        )
        if taken.exists():
            raise RegistrationRefused("email", _("This e-mail address is already registered."))
        seats = TrainingRegistration.objects.filter(
            training=training, status=TrainingRegistration.Status.REGISTERED
        ).count()
        status = (
            TrainingRegistration.Status.REGISTERED
            if seats < training.capacity
            else TrainingRegistration.Status.WAITING
        )
        return TrainingRegistration.objects.create(training=training, status=status, **data)


def cancel(registration):
    """Cancel a registration; a freed seat goes to the first on the waiting list.

    Returns the promoted registration, if any.
    """
    with transaction.atomic():
        _lock_training(registration.training)
        registration.refresh_from_db()
        if registration.status == TrainingRegistration.Status.CANCELLED:
            return None
        freed = registration.status == TrainingRegistration.Status.REGISTERED
        registration.status = TrainingRegistration.Status.CANCELLED
        registration.status_changed_at = timezone.now()
        registration.token = new_token()  # the link dies with the place
        registration.save()
        if not freed:
            return None
        training = registration.training
        seats = TrainingRegistration.objects.filter(
            training=training, status=TrainingRegistration.Status.REGISTERED
        ).count()
        if seats >= training.capacity:
            return None
        first = (
            TrainingRegistration.objects.filter(
                training=training, status=TrainingRegistration.Status.WAITING
            )
            .order_by("created_at", "pk")
            .first()
        )
        if first is not None:
            first.status = TrainingRegistration.Status.REGISTERED
            first.status_changed_at = timezone.now()
            first.save(update_fields=["status", "status_changed_at"])
        return first


class TrainingSessionsSource:
    """The calendar shows each session of a live training on its own date (pages.calendar_sources);
    the training keeps its own registration. A training has no event category, district or
    accessibility fields: filters by those leave its sessions out."""

    key = "training"
    label = pgettext_lazy("calendar", "training")
    falls_back = False

    def live_pages(self):
        return (
            TrainingPage.objects.live()
            .public()
            .select_related("organization")
            .prefetch_related(
                "sessions", Prefetch("areas", queryset=AreaOfPublicBenefit.objects.only("id"))
            )
        )

    def extendable_pages(self):
        return self.live_pages().none()

    def rows(self, training):
        areas = [area.pk for area in training.areas.all()]
        text = " ".join((training.title, training.lead)).lower()
        rows = []
        for session in training.sessions.all():
            start, end = session.starts_at(), session.ends_at()
            if start is None or end is None:
                continue
            row = calendar_sources.occurrence(
                page_id=training.pk,
                source=self.key,
                object_id=session.pk,
                locale_id=training.locale_id,
                translation_key=training.translation_key,
                start=start,
                end=end,
                original_start=start,
                title=training.title,
                venue_name=session.place,
                text=text,
                organizer_id=training.organization_id,
                is_free=not training.price,
                price_text=f"{training.price:.2f} zł",
                is_online=training.is_online,
                is_on_site=not training.is_online,
            )
            rows.append((row, areas))
        return rows

    def connect(self):
        calendar_sources.follow_page(self.key, TrainingPage)
        calendar_sources.follow_rows(self.key, TrainingSession, "training_id")


def register_calendar_source():
    calendar_sources.register(TrainingSessionsSource())
