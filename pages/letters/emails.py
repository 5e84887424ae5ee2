"""Letter requests' mail (tasks): the office and the applicant when a request arrives, the
applicant when the city decides (the link to the issued letter, or the reasons of a refusal)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import LetterRequest


def _letter(letter_id):
    return LetterRequest.objects.select_related("organization", "page").filter(pk=letter_id).first()


@mail_task
def send_request_received(letter_id):
    letter = _letter(letter_id)
    if letter is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string("ngo_letters/emails/received_office.txt", {"letter": letter})
            send_mail(_("Letters: a new request"), body, None, inbox)
    if letter.email:
        with translation.override(letter.language):
            body = render_to_string("ngo_letters/emails/received.txt", {"letter": letter})
            send_mail(_("Your request for a letter"), body, None, [letter.email])


@mail_task
def send_letter_decision(letter_id):
    letter = _letter(letter_id)
    if letter is None or not letter.email:
        return
    link = ""
    if letter.is_issued and letter.page is not None:
        link = (letter.page.full_url or "") + letter.pdf_path()
    with translation.override(letter.language):
        body = render_to_string("ngo_letters/emails/decision.txt", {"letter": letter, "link": link})
        send_mail(_("The decision on your request for a letter"), body, None, [letter.email])
