"""Booking an advice appointment at the centre, and cancelling it by the signed link."""

import datetime

from django import forms
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import signed_links
from pages.models import Advisor, Appointment
from pages.views.limits import form_rate_limited

APPOINTMENT_SALT = "pages.advice-appointment"
CONSENT = gettext_lazy(
    "I agree that the centre processes my name and e-mail to arrange this appointment. The data "
    "is deleted a year after it."
)


class AppointmentForm(forms.Form):
    slot = forms.ChoiceField(label=gettext_lazy("Time"))
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

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.isoformat(): slot for slot in slots}
        self.fields["slot"].choices = [
            (key, timezone.localtime(slot).strftime("%Y-%m-%d %H:%M"))
            for key, slot in self.slots.items()
        ]

    def clean_slot(self):
        return self.slots[self.cleaned_data["slot"]]


def advice_view(centre, request):
    advisors = Advisor.objects.filter(active=True)
    return centre.render(
        request,
        template="pages/centre/advice.html",
        context_overrides={"advisors": [(a, a.slots()[:6]) for a in advisors]},
    )


def book_view(centre, request, advisor_id):
    advisor = get_object_or_404(Advisor, pk=advisor_id, active=True)
    slots = advisor.slots()
    status = 200
    if request.method == "POST":
        form = AppointmentForm(request.POST, slots=slots)
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
                form.add_error(None, _("This time has just been taken. Choose another."))
                status = 409
            else:
                from pages.tasks import send_appointment_email

                transaction.on_commit(
                    lambda: send_appointment_email.enqueue(appointment.pk, "booked")
                )
                return centre.render(
                    request,
                    template="pages/centre/advice_booked.html",
                    context_overrides={"appointment": appointment},
                )
        else:
            status = 400
    else:
        form = AppointmentForm(slots=slots)
    response = centre.render(
        request,
        template="pages/centre/advice_book.html",
        context_overrides={"advisor": advisor, "form": form},
    )
    response.status_code = status
    return response


def appointment_token(appointment):
    return signed_links.dumps(
        "advice-appointment", {"a": appointment.pk, "t": appointment.token}, APPOINTMENT_SALT
    )


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
        template="pages/centre/advice_manage.html",
        context_overrides={"appointment": appointment, "cancelled": cancelled},
    )
