"""Booking an advice appointment at the centre, and cancelling it by the signed link."""

import datetime

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import signed_links
from pages.ratelimit import form_rate_limited

from .models import APPOINTMENT_SALT, Advisor, Appointment

CONSENT = gettext_lazy(
    "I agree that the centre processes my name and e-mail to arrange this appointment. The data "
    "is deleted a year after it."
)


class SlotField(forms.ChoiceField):
    """A choice of free times that, for a time no longer offered, names the nearest free ones.

    Django's own message ("Select a valid choice. <ISO time> is not one of the available
    choices.") tells a person nothing.
    """

    free = ()

    def validate(self, value):
        if value and not self.valid_value(value):
            raise forms.ValidationError(taken_message(value, list(self.free)), code="taken")
        super().validate(value)


class AppointmentForm(forms.Form):
    slot = SlotField(label=gettext_lazy("Time"))
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    organization_name = forms.CharField(
        label=gettext_lazy("Organization"), max_length=250, required=False
    )
    topic_text = forms.CharField(
        label=gettext_lazy("What would you like to talk about?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(label=CONSENT)
    # A field people do not see (a hidden input is neither focusable nor read out): bots fill
    # it in (honeypot).
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.isoformat(): slot for slot in slots}
        self.fields["slot"].choices = [(key, human_time(slot)) for key, slot in self.slots.items()]
        self.fields["slot"].free = slots

    def clean_slot(self):
        return self.slots[self.cleaned_data["slot"]]


def human_time(moment):
    # "poniedziałek, 7 grudnia, 11:00": the weekday and the month's name in the page's language.
    return formats.date_format(timezone.localtime(moment), "l, j E, H:i")


def taken_message(key, free, count=3):
    """What a person reads when the time they chose is no longer free: the nearest free ones."""
    try:
        wanted = datetime.datetime.fromisoformat(key)
        if timezone.is_naive(wanted):
            raise ValueError
    except (TypeError, ValueError):
        wanted = None
    if wanted is None:
        nearest = free[:count]
    else:
        nearest = sorted(sorted(free, key=lambda slot: abs(slot - wanted))[:count])
    if not nearest:
        return _("This time has just been taken and there are no other free times soon.")
    return _("This time has just been taken. The nearest free times: %(times)s.") % {
        "times": "; ".join(human_time(slot) for slot in nearest)
    }


def advice_view(centre, request):
    advisors = Advisor.objects.filter(active=True)
    return centre.render(
        request,
        template="ngo_centre/advice.html",
        context_overrides={"advisors": [(a, a.slots()[:6]) for a in advisors]},
    )


def book_view(centre, request, advisor_id):
    advisor = get_object_or_404(Advisor, pk=advisor_id, active=True)
    slots = advisor.slots()
    status = 200
    if request.method == "POST":
        form = AppointmentForm(request.POST, slots=slots)
        if request.POST.get("website"):
            # A bot: it is answered as a person would be, and nothing is booked.
            return centre.render(
                request,
                template="ngo_centre/advice_booked.html",
                context_overrides={"advisor": advisor},
            )
        if form_rate_limited(request, "advice-appointment", form):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    appointment = Appointment.objects.create(
                        advisor=advisor,
                        starts_at=data["slot"],
                        ends_at=data["slot"] + datetime.timedelta(minutes=advisor.slot_minutes),
                        full_name=data["full_name"],
                        email=data["email"],
                        organization_name=data["organization_name"],
                        topic_text=data["topic_text"],
                        language=translation.get_language() or "pl",
                        consent_text=str(CONSENT),
                    )
            except IntegrityError:
                # Somebody took the time a moment ago (the database refuses a second booking).
                form = AppointmentForm(request.POST, slots=advisor.slots())
                form.is_valid()
                if "slot" not in form.errors:
                    form.add_error("slot", taken_message(data["slot"].isoformat(), advisor.slots()))
                status = 409
            else:
                from .emails import send_appointment_email

                transaction.on_commit(
                    lambda: send_appointment_email.enqueue(appointment.pk, "booked")
                )
                return centre.render(
                    request,
                    template="ngo_centre/advice_booked.html",
                    context_overrides={"appointment": appointment},
                )
        else:
            status = 400
    else:
        form = AppointmentForm(slots=slots)
    response = centre.render(
        request,
        template="ngo_centre/advice_book.html",
        context_overrides={"advisor": advisor, "form": form},
    )
    response.status_code = status
    return response


def manage_view(centre, request):
    try:
        data = signed_links.loads(
            "advice-appointment", request.GET.get("klucz", ""), APPOINTMENT_SALT
        )
        appointment = Appointment.objects.select_related("advisor").get(
            pk=data["a"], token=data["t"]
        )
    except signing.SignatureExpired:
        return signed_links.expired_response(centre, request)
    except (signing.BadSignature, Appointment.DoesNotExist, KeyError, TypeError) as error:
        raise Http404 from error
    cancelled = False
    if request.method == "POST" and appointment.state == Appointment.State.BOOKED:
        appointment.state = Appointment.State.CANCELLED
        appointment.save(update_fields=["state"])
        cancelled = True
    return centre.render(
        request,
        template="ngo_centre/advice_manage.html",
        context_overrides={"appointment": appointment, "cancelled": cancelled},
    )
