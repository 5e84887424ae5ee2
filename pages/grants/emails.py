"""Committee nominations' mail (tasks): the office and the nominating organization when a
nomination arrives or is changed, the organization when the city decides."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import CommitteeNomination


def _nomination(nomination_id):
    return (
        CommitteeNomination.objects.select_related("call", "organization", "sender")
        .filter(pk=nomination_id)
        .first()
    )


def organization_addresses(nomination):
    """The organization's contact address and the editor who nominated, once each."""
    addresses = [nomination.organization.email, nomination.sender_email]
    return list(dict.fromkeys(address for address in addresses if address))


@mail_task
def send_nomination_received(nomination_id, edited=False):
    nomination = _nomination(nomination_id)
    if nomination is None:
        return
    context = {"nomination": nomination, "edited": edited}
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string("ngo_grants/emails/nomination_office.txt", context)
            subject = _("Evaluation committee: a changed nomination") if edited else None
            send_mail(subject or _("Evaluation committee: a new nomination"), body, None, inbox)
    recipients = organization_addresses(nomination)
    if recipients:
        with translation.override(nomination.language):
            body = render_to_string("ngo_grants/emails/nomination_received.txt", context)
            send_mail(
                _("Your candidate for the evaluation committee: %(call)s")
                % {"call": nomination.call.title},
                body,
                None,
                recipients,
            )


@mail_task
def send_nomination_decision(nomination_id):
    nomination = _nomination(nomination_id)
    if nomination is None:
        return
    recipients = organization_addresses(nomination)
    if not recipients:
        return
    with translation.override(nomination.language):
        body = render_to_string(
            "ngo_grants/emails/nomination_decision.txt", {"nomination": nomination}
        )
        send_mail(
            _("The city's choice of the evaluation committee: %(call)s")
            % {"call": nomination.call.title},
            body,
            None,
            recipients,
        )
