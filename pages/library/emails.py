"""The library's mail: a reservation to the office and to the reader, reminders of overdue loans,
and a note when a reservation lapses uncollected.

All are tasks (``pages.mail.mail_task``): a reservation never waits for the mail server.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import Loan


def _loan(loan_id):
    return Loan.objects.select_related("item", "organization", "reader").filter(pk=loan_id).first()


def _reader_address(loan):
    if loan.reader is not None and loan.reader.email:
        return loan.reader.email
    return ""


@mail_task
def send_reservation_emails(loan_id):
    """The office learns what to put aside; the reader gets what and until when to collect."""
    loan = _loan(loan_id)
    if loan is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string("ngo_library/emails/reservation_office.txt", {"loan": loan})
            send_mail(_("Library: a new reservation"), body, None, inbox)
    address = _reader_address(loan)
    if address:
        with translation.override(loan.language):
            body = render_to_string("ngo_library/emails/reservation_reader.txt", {"loan": loan})
            send_mail(_("Your reservation in the NGO library"), body, None, [address])


@mail_task
def send_overdue_reminder(loan_id):
    """The organization's reader (or, forgotten, the organization's public address) is asked to
    bring the copy back."""
    loan = _loan(loan_id)
    if loan is None or not loan.is_overdue:
        return
    address = _reader_address(loan) or loan.organization.email
    if not address:
        return
    with translation.override(loan.language):
        body = render_to_string("ngo_library/emails/overdue.txt", {"loan": loan})
        send_mail(_("Please return a book to the NGO library"), body, None, [address])


@mail_task
def send_lapsed_notice(loan_id):
    loan = _loan(loan_id)
    address = _reader_address(loan) if loan else ""
    if not address:
        return
    with translation.override(loan.language):
        body = render_to_string("ngo_library/emails/lapsed.txt", {"loan": loan})
        send_mail(_("Your library reservation has lapsed"), body, None, [address])
