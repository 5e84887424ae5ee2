"""Public views of the NGO centre: requesting a booking, its week of availability, the
requester's signed link to cancel, and each resource's iCal feed for the staff."""

import datetime

from django import forms
from django.core import signing
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import signed_links
from pages.bounds import parse_date
from pages.ratelimit import form_rate_limited

from .models import (
    BOOKING_LINK_SALT,
    FEED_SALT,
    Booking,
    OpeningHours,
    Resource,
    check_request,
)

CONSENT = gettext_lazy(
    "I agree that the centre processes my name and e-mail to handle this booking. The data is "
    "deleted a year after the booked date."
)


class BookingForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    whole_day = forms.BooleanField(
        label=gettext_lazy("The whole day (opening hours)"), required=False
    )
    start = forms.TimeField(
        label=gettext_lazy("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=gettext_lazy("Until"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    organization_name = forms.CharField(
        label=gettext_lazy("Organization"), max_length=250, required=False
    )
    purpose = forms.CharField(
        label=gettext_lazy("What for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    consent = forms.BooleanField(label=CONSENT)
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, resource, **kwargs):
        super().__init__(*args, **kwargs)
        self.resource = resource

    def clean(self):
        data = super().clean()
        day = data.get("date")
        if day is None:
            return data
        if data.get("whole_day"):
            hours = OpeningHours.objects.filter(weekday=day.weekday()).first()
            if hours is None:
                raise forms.ValidationError(_("The centre is closed on %(day)s.") % {"day": day})
            start, end = hours.opens, hours.closes
        else:
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                raise forms.ValidationError(_("Give the hours, or choose the whole day."))
        zone = timezone.get_current_timezone()
        data["starts_at"] = datetime.datetime.combine(day, start, tzinfo=zone)
        data["ends_at"] = datetime.datetime.combine(day, end, tzinfo=zone)
        problems = check_request(self.resource, data["starts_at"], data["ends_at"])
        if problems:
            raise forms.ValidationError(problems)
        return data


def week_of(request):
    # A week the centre cannot be booked for (year 1, year 9999) is today's week.
    start = parse_date(request.GET.get("tydzien", "")) or timezone.localdate()
    start -= datetime.timedelta(days=start.weekday())
    return start


def availability(resource, monday):
    """The week's days with opening hours and the taken slots (times only, nobody's data)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time(), tzinfo=zone)
    end = start + datetime.timedelta(days=7)
    taken = list(
        Booking.objects.filter(
            resource=resource,
            state=Booking.State.APPROVED,
            starts_at__lt=end,
            ends_at__gt=start,
        ).values_list("starts_at", "ends_at")
    )
    hours = {h.weekday: h for h in OpeningHours.objects.all()}
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        slots = [
            (
                max(
                    timezone.localtime(s),
                    datetime.datetime.combine(day, datetime.time(), tzinfo=zone),
                ),
                min(
                    timezone.localtime(e),
                    datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=zone),
                ),
            )
            for s, e in taken
            if timezone.localtime(s).date() <= day <= timezone.localtime(e).date()
        ]
        days.append({"date": day, "hours": hours.get(day.weekday()), "taken": slots})
    return days


def booking_view(centre, request, resource_id):
    resource = get_object_or_404(Resource, pk=resource_id, active=True)
    status = 200
    if request.method == "POST":
        form = BookingForm(request.POST, resource=resource)
        if request.POST.get("website"):
            return _sent(centre, request, resource)
        if form_rate_limited(request, "centre-booking", form):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            booking = Booking.objects.create(
                resource=resource,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                full_name=data["full_name"],
                email=data["email"],
                organization_name=data["organization_name"],
                purpose=data["purpose"],
                language=translation.get_language() or "pl",
                consent_text=str(CONSENT),
            )
            from .emails import send_booking_email

            transaction.on_commit(lambda: send_booking_email.enqueue(booking.pk, "requested"))
            return _sent(centre, request, resource)
        else:
            status = 400
    else:
        form = BookingForm(resource=resource)
    monday = week_of(request)
    response = centre.render(
        request,
        template="ngo_centre/booking.html",
        context_overrides={
            "resource": resource,
            "form": form,
            "days": availability(resource, monday),
            "previous_week": monday - datetime.timedelta(days=7),
            "next_week": monday + datetime.timedelta(days=7),
        },
    )
    response.status_code = status
    return response


def _sent(centre, request, resource):
    return centre.render(
        request,
        template="ngo_centre/booking_sent.html",
        context_overrides={"resource": resource},
    )


def manage_booking_view(centre, request):
    try:
        data = signed_links.loads("centre-booking", request.GET.get("klucz", ""), BOOKING_LINK_SALT)
        booking = Booking.objects.select_related("resource").get(pk=data["b"], token=data["t"])
    except signing.SignatureExpired:
        return signed_links.expired_response(centre, request)
    except (signing.BadSignature, Booking.DoesNotExist, KeyError, TypeError) as error:
        raise Http404 from error
    cancelled = False
    if request.method == "POST" and booking.state in (
        Booking.State.REQUESTED,
        Booking.State.APPROVED,
    ):
        booking.state = Booking.State.CANCELLED
        booking.save(update_fields=["state"])
        cancelled = True
    return centre.render(
        request,
        template="ngo_centre/manage_booking.html",
        context_overrides={"booking": booking, "cancelled": cancelled},
    )


def resource_feed_view(centre, request, resource_id):
    """The approved bookings of one resource, for the staff's calendar (signed token)."""
    from icalendar import Calendar, Event

    from pages.ical import PRODID, host_of

    try:
        if (
            signed_links.loads("centre-feed", request.GET.get("token", ""), FEED_SALT)
            != resource_id
        ):
            raise Http404
    except signing.BadSignature as error:
        raise Http404 from error
    resource = get_object_or_404(Resource, pk=resource_id)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", resource.name)
    host = host_of(request)
    for booking in resource.bookings.filter(state=Booking.State.APPROVED).order_by("starts_at"):
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{host}")
        event.add("dtstamp", booking.decided_at or booking.created_at)
        event.add("dtstart", booking.starts_at)
        event.add("dtend", booking.ends_at)
        event.add("summary", booking.organization_name or booking.full_name)
        event.add("description", booking.purpose)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
