"""The calendar of local events: one calendar page per language and an event page per event.

Times are aware datetimes shown in Europe/Warsaw. A recurring event keeps its rule in plain
fields an editor fills in (frequency, interval, weekdays, until or count); ``rrule`` is the
RFC 5545 rule built from them, and ``ends_at`` the end of the last occurrence (empty when the
rule never ends), so that the events of any date range are found by one query.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages.admin_scoping import OwnMediaPageForm
from pages.bounds import horizon_date, horizon_years
from pages.models.base import BasePage
from pages.models.taxonomy import TaxonomyQuerySet

WEEKDAYS = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]
# A rule may run forever; these bound the editor's form to what a calendar can show sensibly.
MAX_COUNT = 500
MAX_INTERVAL = 52


class EventCategory(TranslatableMixin, index.Indexed, models.Model):
    """A kind of event: a meeting, a workshop, a fair (its slug is the same in every language)."""

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event category")
        verbose_name_plural = _("event categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_event_category_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


class EventTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_calendar.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CalendarPage(RoutablePageMixin, BasePage):
    """The calendar: upcoming events, a month grid, a week, the archive and iCal feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["ngo_calendar.EventPage"]
    max_count_per_parent = 1

    template = "ngo_calendar/calendar_page.html"

    class Meta:
        verbose_name = _("calendar of events")
        verbose_name_plural = _("calendars of events")

    # The views live in pages/calendar/views.py so that the model stays readable.
    @path("")
    def upcoming(self, request):
        from pages.calendar.views import upcoming_view

        return upcoming_view(self, request)

    @path("miesiac/<int:year>/<int:month>/")
    def month(self, request, year, month):
        from pages.calendar.views import month_view

        return month_view(self, request, year, month)

    @path("miesiac/")
    def this_month(self, request):
        from pages.calendar.views import month_view

        today = timezone.localdate()
        return month_view(self, request, today.year, today.month)

    @path("tydzien/<int:year>/<int:week>/")
    def week(self, request, year, week):
        from pages.calendar.views import week_view

        return week_view(self, request, year, week)

    @path("tydzien/")
    def this_week(self, request):
        from pages.calendar.views import week_view

        year, week, _day = timezone.localdate().isocalendar()
        return week_view(self, request, year, week)

    @path("archiwum/")
    def archive(self, request):
        from pages.calendar.views import archive_view

        return archive_view(self, request)

    @path("ical/")
    def feed(self, request):
        from pages.calendar.views import calendar_feed

        return calendar_feed(self, request)

    def get_json_ld(self, request):
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }


class EventPageForm(OwnMediaPageForm):
    """The editor's form: weekdays of a weekly rule as checkboxes stored as ``MO,WE``."""

    recurrence_weekdays = forms.MultipleChoiceField(
        label=_("on these days of the week"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a weekly rule; empty means the weekday of the first start."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.byweekday:
            self.initial["recurrence_weekdays"] = self.instance.byweekday.split(",")

    def clean(self):
        cleaned = super().clean()
        self.instance.byweekday = ",".join(cleaned.get("recurrence_weekdays") or [])
        return cleaned

    def is_valid(self):
        # The changed occurrences are checked against the rule once both the page's fields and
        # the rows are clean: a row must name a date and time the event really has.
        valid = super().is_valid()
        data = self.cleaned_data
        if not valid or not data.get("frequency") or not data.get("start") or not data.get("end"):
            return valid
        from pages.calendar.events import build_rrule, rule, warsaw

        probe = EventPage(
            start=data["start"],
            end=data["end"],
            frequency=data["frequency"],
            interval=data.get("interval") or 1,
            byweekday=self.instance.byweekday,
            until=data.get("until"),
            count=data.get("count"),
        )
        probe.rrule = build_rrule(probe)
        recurrence = rule(probe)
        for form in self.formsets["exceptions"].forms:
            cleaned = getattr(form, "cleaned_data", None) or {}
            original = cleaned.get("original_start")
            if cleaned.get("DELETE") or original is None:
                continue
            local = timezone.localtime(original, warsaw()).replace(second=0, microsecond=0)
            if data.get("all_day"):
                day = datetime.datetime.combine(local.date(), datetime.time(), tzinfo=warsaw())
                found = recurrence.between(day, day + datetime.timedelta(days=1), inc=False)
                found += recurrence.between(day, day, inc=True)
            else:
                found = local in recurrence
            if not found:
                form.add_error(
                    "original_start", _("The event has no occurrence at this date and time.")
                )
                valid = False
        return valid


class ImportedRulePanel(HelpPanel):
    """The recurrence of an imported series, in words: the form's fields cannot show a rule
    such as "the second Tuesday" or one of another time zone, and the source's rule wins."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            rule = self.instance.source_rule_text if self.instance else ""
            self.content = format_html(
                "<p>{}</p><p>{}</p>",
                _("Repeats as in the source calendar: %(rule)s.") % {"rule": rule},
                _(
                    "The dates come from the organization's calendar with each import; the "
                    "fields below do not change them."
                ),
            )

        def is_shown(self):
            return bool(self.instance and self.instance.source_ical)


class EventPage(RoutablePageMixin, BasePage):
    """One event, happening once, over several days, or again and again by a rule."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")
        POSTPONED = "postponed", _("postponed")

    class Frequency(models.TextChoices):
        DAILY = "DAILY", _("every day")
        WEEKLY = "WEEKLY", _("every week")
        MONTHLY = "MONTHLY", _("every month")
        YEARLY = "YEARLY", _("every year")

    description = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    organizer = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organizer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("Empty: the city office organizes it."),
    )
    category = models.ForeignKey(
        "ngo_calendar.EventCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="events",
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    tags = ClusterTaggableManager(through=EventTag, blank=True, verbose_name=_("tags"))

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("The times are ignored; the dates count.")
    )

    frequency = models.CharField(
        _("repeats"),
        max_length=8,
        choices=Frequency.choices,
        blank=True,
        help_text=_("Empty: the event happens once."),
    )
    interval = models.PositiveSmallIntegerField(
        _("every how many"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL)],
        help_text=_("2 with “every week” means every other week."),
    )
    byweekday = models.CharField(_("days of the week"), max_length=20, blank=True, editable=False)
    until = models.DateField(_("until (inclusive)"), null=True, blank=True)
    count = models.PositiveSmallIntegerField(
        _("number of occurrences"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_COUNT)],
    )
    rrule = models.CharField(_("recurrence rule (RFC 5545)"), max_length=200, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
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
    online_url = models.URLField(_("online link"), blank=True)

    is_free = models.BooleanField(_("free"), default=True)
    price_text = models.CharField(
        _("price"),
        max_length=120,
        blank=True,
        help_text=_("For example: 20 zł, concessions 10 zł."),
    )
    price_amount = models.DecimalField(
        _("price in PLN"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    audience = models.CharField(
        _("for whom"), max_length=200, blank=True, help_text=_("For example: seniors, families.")
    )
    registration_url = models.URLField(_("registration link"), blank=True)

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language = models.BooleanField(_("sign language interpreter"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )

    # iCal: SEQUENCE grows with each publication; imported events keep their source's identity.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    source_feed = models.ForeignKey(
        "ngo_calendar.OrganizationCalendarFeed",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    source_uid = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    source_sequence = models.IntegerField(null=True, blank=True, editable=False)
    source_last_modified = models.DateTimeField(null=True, blank=True, editable=False)
    # An imported series as its source defines it (its master VEVENT, overrides and the
    # VTIMEZONEs they name): expanded as such instead of the rule fields above.
    source_ical = models.TextField(blank=True, editable=False)
    # SHA-256 of the source's normalized VEVENTs: a changed event is found by its content.
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = EventPageForm

    content_panels = BasePage.content_panels + [
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
            ],
            heading=_("When"),
        ),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        MultiFieldPanel(
            [
                FieldPanel("organizer"),
                FieldPanel("category"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("district"),
                FieldPanel("tags"),
                FieldPanel("audience"),
            ],
            heading=_("What and for whom"),
        ),
    ]
    place_panels = [
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street_address"),
                FieldPanel("city"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("online_url"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("induction_loop"),
                FieldPanel("sign_language"),
                FieldPanel("quiet_room"),
            ],
            heading=_("Accessibility of the place"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("price_text"),
                FieldPanel("price_amount"),
                FieldPanel("registration_url"),
            ],
            heading=_("Price and registration"),
        ),
    ]
    recurrence_panels = [
        ImportedRulePanel(heading=_("Imported repetition")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("interval")]),
                FieldPanel("recurrence_weekdays"),
                FieldRowPanel([FieldPanel("until"), FieldPanel("count")]),
            ],
            heading=_("Repeats"),
            help_text=_("Give either an end date or a number of occurrences, or neither."),
        ),
        InlinePanel("exceptions", heading=_("Cancelled or moved occurrences"), label=_("change")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(place_panels, heading=_("Place and price")),
            ObjectList(recurrence_panels, heading=_("Recurrence")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("audience"),
        index.SearchField("city"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start"),
        index.FilterField("status"),
    ]

    api_fields = [
        "start",
        "end",
        "all_day",
        "status",
        "rrule",
        "venue_name",
        "street_address",
        "city",
        "latitude",
        "longitude",
        "online_url",
        "is_free",
        "price_text",
        "registration_url",
    ]

    # What a reader reads translates; times, places, links and taxonomy links are synchronized
    # from the Polish page.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("audience"),
        TranslatableField("price_text"),
        TranslatableField("image_alt"),
        TranslatableField("venue_name"),
        SynchronizedField("organizer"),
        SynchronizedField("category"),
        SynchronizedField("areas"),
        SynchronizedField("district"),
        SynchronizedField("status"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("all_day"),
        SynchronizedField("frequency"),
        SynchronizedField("interval"),
        SynchronizedField("byweekday"),
        SynchronizedField("until"),
        SynchronizedField("count"),
        SynchronizedField("rrule"),
        SynchronizedField("source_ical"),
        SynchronizedField("street_address"),
        SynchronizedField("city"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("online_url"),
        SynchronizedField("is_free"),
        SynchronizedField("price_amount"),
        SynchronizedField("registration_url"),
        SynchronizedField("step_free_access"),
        SynchronizedField("induction_loop"),
        SynchronizedField("sign_language"),
        SynchronizedField("quiet_room"),
        SynchronizedField("image"),
    ]

    exclude_fields_in_copy = ["source_uid", "source_feed", "source_sequence"]

    # The city's events live beneath the calendar; an NGO's beneath its profile, where its
    # editors may add them and the NGO content review applies.
    parent_page_types = ["ngo_calendar.CalendarPage", "pages.OrganizationPage"]
    subpage_types = []

    template = "ngo_calendar/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if self.frequency:
            if self.until and self.count:
                errors["count"] = _("Give an end date or a number of occurrences, not both.")
            if self.until and self.start and self.until < timezone.localtime(self.start).date():
                errors["until"] = _("The end date of the repetition is before the first start.")
            elif self.until and self.until > horizon_date():
                # The calendar shows (and computes) repetitions this far ahead only.
                errors["until"] = _(
                    "The repetition can end at most %(years)s years ahead, on %(date)s at the "
                    "latest. Leave the end date empty for a repetition without an end."
                ) % {"years": horizon_years(), "date": horizon_date().isoformat()}
            if self.byweekday and self.frequency != self.Frequency.WEEKLY:
                errors["frequency"] = _("Days of the week can be chosen for a weekly rule only.")
            elif self.byweekday and self.start:
                weekday = WEEKDAYS[timezone.localtime(self.start).weekday()][0]
                if weekday not in self.byweekday.split(","):
                    errors["start"] = _(
                        "The first start must fall on one of the chosen days of the week."
                    )
            if self.start and self.end and self.end - self.start > self.frequency_length():
                errors["end"] = _("A repeated event must end before it starts again.")
        elif self.until or self.count:
            errors["frequency"] = _("Choose how often the event repeats.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    def frequency_length(self):
        days = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 28, "YEARLY": 365}[self.frequency]
        if self.frequency == self.Frequency.WEEKLY and self.byweekday:
            days = 1
        return datetime.timedelta(days=days * (self.interval or 1))

    def save(self, *args, **kwargs):
        from pages.calendar.events import build_rrule, last_end

        if self.start and self.end and self.all_day:
            self.start, self.end = _whole_days(self.start, self.end)
        if self.source_ical:
            # The source's rule is kept as it is; the form's fields stay empty.
            self.frequency = ""
            self.rrule = self.rrule or "RDATE"
        else:
            self.rrule = build_rrule(self) if self.frequency else ""
        if not self.frequency:
            self.interval = 1
            self.byweekday = ""
            self.until = None
            self.count = None
        self.ends_at = last_end(self) if self.start and self.end else None
        # An event beneath a profile is that organization's: an NGO cannot post in another's name.
        parent = self.get_parent() if self.path else None
        if parent is not None and parent.specific_class.__name__ == "OrganizationPage":
            self.organizer_id = parent.pk
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # SEQUENCE counts publications of the live page: a revision saved earlier must not
        # bring back an older number.
        obj = super().with_content_json(content)
        obj.sequence = self.sequence
        return obj

    @path("")
    def event(self, request):
        return self.render(request)

    @path("ical/")
    def ical(self, request):
        from pages.calendar.views import event_ics

        return event_ics(self, request)

    def get_context(self, request, *args, **kwargs):
        from pages.calendar.events import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def get_meta_image(self):
        return self.image

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_on_site(self):
        return bool(self.venue_name or self.street_address)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def is_recurring(self):
        return bool(self.rrule)

    @property
    def source_rule_text(self):
        """The imported rule in words, for the page and the admin ("" for editors' rules)."""
        if not self.source_ical:
            return ""
        from pages.calendar.rule_words import describe_source

        return describe_source(self)

    @property
    def accessibility_features(self):
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("step_free_access", "induction_loop", "sign_language", "quiet_room")
            if getattr(self, name)
        ]

    def get_json_ld(self, request):
        from pages.calendar.events import event_json_ld

        return event_json_ld(self, request)

    def search_document(self):
        """For the portal search: the date is the next (or last) occurrence, so upcoming first."""
        from pages.calendar.events import next_occurrence

        occurrence = next_occurrence(self)
        start = occurrence.start if occurrence else self.start
        facets = {"category": [self.category.slug] if self.category_id else []}
        facets["district"] = [self.district.slug] if self.district_id else []
        return {
            "date": timezone.localtime(start).date(),
            "facets": facets,
            "location": (
                (float(self.latitude), float(self.longitude)) if self.has_location else None
            ),
        }


def _whole_days(start, end):
    """An all-day event runs from midnight of its first day to midnight after its last.

    An end already at midnight is the exclusive end of a previous save: saving again keeps it.
    """
    tz = timezone.get_default_timezone()
    first = timezone.localtime(start, tz).date()
    local_end = timezone.localtime(end, tz)
    if local_end.time() == datetime.time() and end > start:
        local_end -= datetime.timedelta(microseconds=1)
    last = local_end.date()
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=tz)
    return start, end


class EventException(Orderable):
    """One occurrence of a recurring event cancelled, or moved to another time or place."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", _("cancelled")
        MOVED = "moved", _("moved")

    event = ParentalKey(
        "ngo_calendar.EventPage", related_name="exceptions", on_delete=models.CASCADE
    )
    original_start = models.DateTimeField(
        _("occurrence (its original start)"),
        help_text=_("The date and time the occurrence would have started."),
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    new_start = models.DateTimeField(_("new start"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    new_venue_name = models.CharField(_("new venue"), max_length=200, blank=True)
    new_street_address = models.CharField(_("new address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)

    panels = [
        FieldPanel("original_start"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldRowPanel([FieldPanel("new_venue_name"), FieldPanel("new_street_address")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("change of one occurrence")
        verbose_name_plural = _("changes of occurrences")

    def clean(self):
        super().clean()
        if self.kind == self.Kind.MOVED:
            if not self.new_start or not self.new_end:
                raise ValidationError(
                    {"new_start": _("A moved occurrence needs its new start and end.")}
                )
            if self.new_end < self.new_start:
                raise ValidationError({"new_end": _("The end cannot be before the start.")})


class OrganizationCalendarFeed(models.Model):
    """An organization's own calendar (an ICS address) imported into the portal as drafts."""

    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    url = models.URLField(_("ICS address"), max_length=500)
    active = models.BooleanField(_("import regularly"), default=True)
    last_imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    panels = [FieldPanel("organization"), FieldPanel("url"), FieldPanel("active")]

    class Meta:
        verbose_name = _("organization's calendar feed")
        verbose_name_plural = _("organizations' calendar feeds")

    def __str__(self):
        return f"{self.organization.title}: {self.url}"


class CalendarOccurrence(models.Model):
    """One date the calendar shows, stored: an event's occurrence, a training's session, a
    council meeting (whatever a calendar source, pages.calendar_sources, produces).

    Rows are written when their source is published, changed, unpublished or deleted, up to the
    calendar's horizon, and the daily ``extend_calendar`` moves that horizon forward. The
    listings, the month and week grids and the iCal feed read these rows with one range query:
    a request never expands a recurrence rule. What the filters ask (category, district, areas,
    organizer, price, place, accessibility, text) is copied onto each row for that query.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")
        POSTPONED = "postponed", _("postponed")
        MOVED = "moved", _("moved")

    # The page shown and linked, the source that wrote the row and its object (an event page,
    # a training session, a council meeting): rows are replaced per (source, page).
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    # The language of the tree the page lives in (of its page, as a rule): the calendar lists
    # what lives beneath its language's home page.
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # The page's translation key: a language without its own translation shows the Polish row.
    translation_key = models.UUIDField()

    start = models.DateTimeField()
    end = models.DateTimeField()
    original_start = models.DateTimeField()
    all_day = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    note = models.CharField(max_length=250, blank=True)

    title = models.CharField(max_length=255)
    venue_name = models.CharField(max_length=250, blank=True)
    street_address = models.CharField(max_length=200, blank=True)
    # The words the text filter matches, lowercased when written.
    text = models.TextField(blank=True)
    category = models.ForeignKey(
        "ngo_calendar.EventCategory", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        "pages.District", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    areas = models.ManyToManyField("pages.AreaOfPublicBenefit", related_name="+")
    organizer = models.ForeignKey(
        "pages.OrganizationPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_free = models.BooleanField(default=True)
    price_text = models.CharField(max_length=120, blank=True)
    is_online = models.BooleanField(default=False)
    is_on_site = models.BooleanField(default=False)
    step_free_access = models.BooleanField(default=False)
    induction_loop = models.BooleanField(default=False)
    sign_language = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("calendar date")
        verbose_name_plural = _("calendar dates")
        indexes = [
            # A listing is a range of starts (month, week) or of ends (upcoming, archive).
            models.Index(fields=["locale", "start"], name="occurrence_locale_start"),
            models.Index(fields=["locale", "end"], name="occurrence_locale_end"),
            models.Index(fields=["source", "page"], name="occurrence_source_page"),
        ]

    def __str__(self):
        return f"{self.title} ({self.start:%Y-%m-%d %H:%M})"
