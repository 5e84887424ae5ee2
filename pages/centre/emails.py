"""The centre's mail: a booking's request and decision, an advice appointment and its reminder.

Each is a task (``pages.mail.mail_task``): the form's answer never waits for the mail server.
"""

from django.utils.translation import gettext_lazy

from pages.mail import mail_task, send_in_language

from .models import Appointment, Booking, CentrePage, appointment_token, booking_link_token


def centre_in(language):
    centre = CentrePage.objects.live().filter(locale__language_code=language).first()
    return centre or CentrePage.objects.live().first()


def booking_link(booking):
    centre = centre_in(booking.language)
    if centre is None:
        return ""
    return f"{centre.get_full_url()}rezerwacja/?klucz={booking_link_token(booking)}"


@mail_task
def send_booking_email(booking_id, event):
    """The requester hears of their request, the staff's decision, and how to cancel."""
    booking = Booking.objects.select_related("resource").filter(pk=booking_id).first()
    if booking is None:
        return
    subjects = {
        "requested": gettext_lazy("We have your booking request: %(name)s"),
        "approved": gettext_lazy("Your booking is confirmed: %(name)s"),
        "refused": gettext_lazy("Your booking cannot be confirmed: %(name)s"),
    }
    send_in_language(
        booking.language,
        booking.email,
        subjects[event],
        "ngo_centre/emails/booking.txt",
        {"booking": booking, "event": event, "link": booking_link(booking)},
        name=booking.resource.name,
    )


def appointment_link(appointment):
    centre = centre_in(appointment.language)
    if centre is None:
        return ""
    return f"{centre.get_full_url()}doradztwo/wizyta/?klucz={appointment_token(appointment)}"


@mail_task
def send_appointment_email(appointment_id, event):
    """Confirmation of an advice appointment, or the reminder the day before."""
    appointment = Appointment.objects.select_related("advisor").filter(pk=appointment_id).first()
    if appointment is None or appointment.state != "booked":
        return
    send_in_language(
        appointment.language,
        appointment.email,
        gettext_lazy("Your advice appointment is booked")
        if event == "booked"
        else gettext_lazy("Reminder: your advice appointment tomorrow"),
        "ngo_centre/emails/appointment.txt",
        {"appointment": appointment, "event": event, "link": appointment_link(appointment)},
    )
