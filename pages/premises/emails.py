"""Premises applications' mail (tasks): the office and the applicant when one arrives, the
applicant when the city decides."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import PremisesApplication


def _application(application_id):
    return (
        PremisesApplication.objects.select_related("premises", "organization", "sender")
        .filter(pk=application_id)
        .first()
    )


@mail_task
def send_application_received(application_id):
    application = _application(application_id)
    if application is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string(
                "ngo_premises/emails/received_office.txt", {"application": application}
            )
            send_mail(_("Premises: a new application"), body, None, inbox)
    address = application.sender_email
    if address:
        with translation.override(application.language):
            body = render_to_string(
                "ngo_premises/emails/received.txt", {"application": application}
            )
            send_mail(_("Your application for premises"), body, None, [address])


@mail_task
def send_decision(application_id):
    application = _application(application_id)
    address = application.sender_email if application else ""
    if not address:
        return
    with translation.override(application.language):
        body = render_to_string("ngo_premises/emails/decision.txt", {"application": application})
        send_mail(_("The decision on your application for premises"), body, None, [address])
