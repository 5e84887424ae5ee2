"""Stand registrations' mail (tasks): the office when one arrives, the contact person when the
office decides."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import StandRegistration


def _registration(registration_id):
    return (
        StandRegistration.objects.select_related("fair", "organization")
        .filter(pk=registration_id)
        .first()
    )


@mail_task
def send_registration_received(registration_id):
    registration = _registration(registration_id)
    if registration is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string(
                "ngo_fairs/emails/received_office.txt", {"registration": registration}
            )
            send_mail(_("NGO fair: a new stand registration"), body, None, inbox)


@mail_task
def send_decision(registration_id):
    registration = _registration(registration_id)
    if registration is None or not registration.contact_email:
        return
    with translation.override(registration.language):
        body = render_to_string("ngo_fairs/emails/decision.txt", {"registration": registration})
        send_mail(
            _("The decision on your stand at %(fair)s") % {"fair": registration.fair.title},
            body,
            None,
            [registration.contact_email],
        )
