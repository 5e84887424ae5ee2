"""Local initiative's mail (tasks): the office and the applicants when an application arrives,
the applicants when the city decides."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import LocalInitiative


@mail_task
def send_initiative_received(initiative_id):
    initiative = LocalInitiative.objects.select_related("area").filter(pk=initiative_id).first()
    if initiative is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string(
                "ngo_initiatives/emails/received_office.txt", {"initiative": initiative}
            )
            send_mail(_("Local initiative: a new application"), body, None, inbox)
    with translation.override(initiative.language):
        body = render_to_string("ngo_initiatives/emails/received.txt", {"initiative": initiative})
        send_mail(_("Your local initiative application"), body, None, [initiative.contact_email])


@mail_task
def send_initiative_decision(initiative_id):
    initiative = LocalInitiative.objects.filter(pk=initiative_id).first()
    if initiative is None:
        return
    with translation.override(initiative.language):
        body = render_to_string("ngo_initiatives/emails/decision.txt", {"initiative": initiative})
        send_mail(
            _("The city's decision on your local initiative"),
            body,
            None,
            [initiative.contact_email],
        )
