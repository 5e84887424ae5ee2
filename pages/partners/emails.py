"""An NGO's partnership request, forwarded to the partner's hidden address (a task)."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task

from .models import PartnershipRequest


@mail_task
def forward_partnership_request(request_id):
    """The partner gets the message with the organization's public profile; answering it
    writes to the NGO's editor (Reply-To), never through the city."""
    sent = (
        PartnershipRequest.objects.select_related("partner", "organization", "sender")
        .filter(pk=request_id)
        .first()
    )
    if sent is None or not sent.sender_email:
        return
    with translation.override(sent.partner.locale.language_code):
        body = render_to_string(
            "ngo_partners/emails/request.txt",
            {"sent": sent, "profile_url": sent.organization.get_full_url()},
        )
        EmailMessage(
            _("A partnership request from %(organization)s")
            % {"organization": sent.organization.title},
            body,
            None,
            [sent.partner.contact_email],
            reply_to=[sent.sender_email],
        ).send()
