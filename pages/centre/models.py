"""The NGO centre's rooms and equipment, and their bookings.

Residents and organizations request a room or an item for some hours or whole days; the
centre's staff approve or refuse. No two approved bookings of one room or item may overlap, and
the database itself refuses it (an exclusion constraint on PostgreSQL, triggers on SQLite: see
pages' migration ``0018_centre_bookings``, whose tables this app keeps), so a race between two
staff members or a script that skips `approve()` cannot double-book. `approve()` also checks
first, to give a clear message.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from pages import signed_links
from pages.models.base import BasePage

BOOKING_LINK_SALT = "pages.centre-booking"
FEED_SALT = "pages.centre-feed"
APPOINTMENT_SALT = "pages.advice-appointment"


class Resource(models.Model):
    """A room, a piece of equipment or an online meeting account the centre lends."""

    class Kind(models.TextChoices):
        ROOM = "room", _("room")
        EQUIPMENT = "equipment", _("equipment")
        ONLINE = "online", _("online meeting room")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ROOM)
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"), null=True, blank=True)
    description = models.TextField(_("description and equipment"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    rules = models.TextField(_("rules of use"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("can be booked"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("active"), FieldPanel("sort_order")]),
        FieldPanel("description"),
        FieldPanel("accessibility"),
        FieldPanel("rules"),
        FieldPanel("photo"),
    ]

    class Meta:
        verbose_name = _("room or equipment")
        verbose_name_plural = _("rooms and equipment")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class OpeningHours(models.Model):
    """When the centre is open on one weekday (evenings and weekends included)."""

    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
        unique=True,
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldPanel("weekday"), FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """Days the centre is closed (holidays, renovation)."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]), FieldPanel("reason")]

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["starts_on"]

    def __str__(self):
        return f"{self.starts_on}–{self.ends_on} {self.reason}"


class CentrePage(RoutablePageMixin, BasePage):
    """The centre: what it lends, when it is open, and the booking forms."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    # Residents look for it in the main menu (shown there when the menu is not arranged by
    # hand in Settings > Main menu).
    show_in_menus_default = True

    template = "ngo_centre/centre_page.html"

    class Meta:
        verbose_name = _("NGO centre")
        verbose_name_plural = _("NGO centres")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["resources"] = Resource.objects.filter(active=True).select_related("photo")
        context["opening_hours"] = OpeningHours.objects.all()
        context["closures"] = Closure.objects.filter(ends_on__gte=timezone.localdate())
        return context

    @path("rezerwacja/<int:resource_id>/")
    def booking(self, request, resource_id):
        from .views import booking_view

        return booking_view(self, request, resource_id)

    @path("rezerwacja/")
    def manage_booking(self, request):
        from .views import manage_booking_view

        return manage_booking_view(self, request)

    @path("doradztwo/")
    def advice(self, request):
        from .advice import advice_view

        return advice_view(self, request)

    @path("doradztwo/<int:advisor_id>/")
    def advice_booking(self, request, advisor_id):
        from .advice import book_view

        return book_view(self, request, advisor_id)

    @path("doradztwo/wizyta/")
    def advice_manage(self, request):
        from .advice import manage_view

        return manage_view(self, request)

    @path("zasob/<int:resource_id>/ical/")
    def resource_feed(self, request, resource_id):
        from .views import resource_feed_view

        return resource_feed_view(self, request, resource_id)


def new_token():
    return secrets.token_urlsafe(24)


# Signed links: the requester's link to a booking or an appointment, the staff's feed of a
# resource. They live with the models so that mails and the admin never import views.


def booking_link_token(booking):
    return signed_links.dumps(
        "centre-booking", {"b": booking.pk, "t": booking.token}, BOOKING_LINK_SALT
    )


def feed_token(resource):
    return signed_links.dumps("centre-feed", resource.pk, FEED_SALT)


def appointment_token(appointment):
    return signed_links.dumps(
        "advice-appointment", {"a": appointment.pk, "t": appointment.token}, APPOINTMENT_SALT
    )


class Booking(models.Model):
    """A request for a room or an item, and the staff's decision."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("requested")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    resource = models.ForeignKey(
        Resource,
        verbose_name=_("room or equipment"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organization_name = models.CharField(_("organization"), max_length=250, blank=True)
    purpose = models.TextField(_("purpose"), max_length=2000)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.REQUESTED
    )
    staff_note = models.TextField(_("note to the requester"), blank=True)
    language = models.CharField(max_length=8, default="pl")
    consent_text = models.TextField(editable=False, blank=True)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.resource}: {self.starts_at:%Y-%m-%d %H:%M}"


class BookingConflict(Exception):
    """The slot is taken by an approved booking."""


def overlapping(resource, starts_at, ends_at, exclude=None):
    taken = Booking.objects.filter(
        resource=resource,
        state=Booking.State.APPROVED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    return taken.exclude(pk=exclude) if exclude else taken


def check_request(resource, starts_at, ends_at):
    """The reasons a requested slot cannot be booked (empty when it can)."""
    problems = []
    now = timezone.now()
    if ends_at <= starts_at:
        problems.append(_("The booking must end after it starts."))
    if starts_at < now:
        problems.append(_("The booking must be in the future."))
    local_start = timezone.localtime(starts_at)
    local_end = timezone.localtime(ends_at)
    day = local_start.date()
    while day <= local_end.date():
        hours = OpeningHours.objects.filter(weekday=day.weekday()).first()
        if hours is None:
            problems.append(_("The centre is closed on %(day)s.") % {"day": day.isoformat()})
        else:
            start = local_start.time() if day == local_start.date() else hours.opens
            end = local_end.time() if day == local_end.date() else hours.closes
            if start < hours.opens or end > hours.closes:
                problems.append(
                    _("On %(day)s the centre is open %(opens)s–%(closes)s.")
                    % {
                        "day": day.isoformat(),
                        "opens": f"{hours.opens:%H:%M}",
                        "closes": f"{hours.closes:%H:%M}",
                    }
                )
        if Closure.objects.filter(starts_on__lte=day, ends_on__gte=day).exists():
            problems.append(_("The centre is closed on %(day)s.") % {"day": day.isoformat()})
        day += datetime.timedelta(days=1)
    if overlapping(resource, starts_at, ends_at).exists():
        problems.append(_("This time is already booked."))
    return list(dict.fromkeys(str(p) for p in problems))


def approve(booking):
    """Approve ``booking`` unless an approved one overlaps it (checked, locked, and enforced)."""
    with transaction.atomic():
        # One approval per resource at a time: the resource's row is the lock.
        Resource.objects.select_for_update().filter(pk=booking.resource_id).first()
        if overlapping(booking.resource, booking.starts_at, booking.ends_at, booking.pk).exists():
            raise BookingConflict
        booking.state = Booking.State.APPROVED
        booking.decided_at = timezone.now()
        try:
            with transaction.atomic():
                booking.save(update_fields=["state", "decided_at"])
        except IntegrityError as error:
            raise BookingConflict from error
    return booking


def validate_booking(booking):
    if booking.ends_at and booking.starts_at and booking.ends_at <= booking.starts_at:
        raise ValidationError({"ends_at": _("The booking must end after it starts.")})


# The advisors' usual hours. Callables, not fixed times: Django's check fields.W161 takes a fixed
# time default for a mistaken "now" whenever it runs within ten seconds of that hour (CI's
# `check --deploy` once stopped at 17:00:03 UTC).
def eleven_o_clock():
    return datetime.time(11)


def five_p_m():
    return datetime.time(17)


class Advisor(models.Model):
    """An advisor of the centre and the weekly hours of their duty (a recurrence rule)."""

    class Topic(models.TextChoices):
        FUNDRAISING = "fundraising", _("fundraising")
        LAW = "law", _("law")
        ACCOUNTING = "accounting", _("accounting")
        PROMOTION = "promotion", _("promotion")
        VOLUNTEERING = "volunteering", _("volunteering")

    name = models.CharField(_("name"), max_length=150)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    description = models.TextField(_("what they advise on"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisor_profiles",
        help_text=_("The account with which the advisor sees their appointments."),
    )
    rule = models.CharField(
        _("days (recurrence rule)"),
        max_length=200,
        default="FREQ=WEEKLY;BYDAY=MO",
        help_text=_("iCalendar RRULE, e.g. FREQ=WEEKLY;BYDAY=MO or FREQ=MONTHLY;BYDAY=1TU."),
    )
    start_time = models.TimeField(_("from"), default=eleven_o_clock)
    end_time = models.TimeField(_("until"), default=five_p_m)
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of an appointment (minutes)"), default=60
    )
    active = models.BooleanField(_("takes appointments"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("topic")]),
        FieldPanel("description"),
        FieldPanel("rule"),
        FieldRowPanel(
            [FieldPanel("start_time"), FieldPanel("end_time"), FieldPanel("slot_minutes")]
        ),
        FieldRowPanel([FieldPanel("user"), FieldPanel("active")]),
    ]

    class Meta:
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        ordering = ["topic", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_topic_display()})"

    def clean(self):
        from dateutil.rrule import rrulestr

        try:
            rrulestr(self.rule, dtstart=datetime.datetime(2026, 1, 1))
        except (ValueError, TypeError) as error:
            raise ValidationError({"rule": _("This is not a recurrence rule.")}) from error
        if self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The hours must end after they start.")})

    def slots(self, days=28, now=None):
        """The free appointment times of the coming ``days`` days (aware datetimes)."""
        from dateutil.rrule import rrulestr

        now = now or timezone.now()
        zone = timezone.get_current_timezone()
        today = timezone.localdate(now)
        start = datetime.datetime.combine(today - datetime.timedelta(days=366), datetime.time())
        rule = rrulestr(self.rule, dtstart=start)
        end = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time())
        closed = list(
            Closure.objects.filter(ends_on__gte=today).values_list("starts_on", "ends_on")
        )
        taken = set(
            Appointment.objects.filter(
                advisor=self, state=Appointment.State.BOOKED, starts_at__gte=now
            ).values_list("starts_at", flat=True)
        )
        found = []
        for occurrence in rule.between(
            datetime.datetime.combine(today, datetime.time()), end, inc=True
        ):
            day = occurrence.date()
            if any(first <= day <= last for first, last in closed):
                continue
            moment = datetime.datetime.combine(day, self.start_time, tzinfo=zone)
            finish = datetime.datetime.combine(day, self.end_time, tzinfo=zone)
            step = datetime.timedelta(minutes=self.slot_minutes)
            while moment + step <= finish:
                if moment > now and moment not in taken:
                    found.append(moment)
                moment += step
        return found


class Appointment(models.Model):
    """One person's appointment with an advisor."""

    class State(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")

    advisor = models.ForeignKey(Advisor, on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organization_name = models.CharField(_("organization"), max_length=250, blank=True)
    topic_text = models.TextField(_("what about"), max_length=2000)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="booked")
    language = models.CharField(max_length=8, default="pl")
    consent_text = models.TextField(editable=False, blank=True)
    token = models.CharField(max_length=64, default=new_token, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advice appointment")
        verbose_name_plural = _("advice appointments")
        ordering = ["starts_at"]
        constraints = [
            # No double booking of an advisor's slot, whoever writes.
            models.UniqueConstraint(
                fields=["advisor", "starts_at"],
                condition=models.Q(state="booked"),
                name="one_booked_appointment_per_slot",
            )
        ]

    def __str__(self):
        return f"{self.advisor.name}: {self.starts_at:%Y-%m-%d %H:%M}"
