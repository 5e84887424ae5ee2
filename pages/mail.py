"""Mail to one person, in their language, sent in a task that tries again when the server fails.

Every message a resident gets (applications, registrations, bookings, appointments, decisions)
is written in the language they used on the site, whatever the language of the office.
"""

import datetime
import functools
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

# When the mail server does not answer, the message is tried again after these delays (minutes):
# the application or registration itself is already saved.
MAIL_RETRY_MINUTES = [1, 5, 30, 120, 720]


def mail_task(function):
    """A task that sends mail to one person and tries again later when the mail server fails.

    The retry is a new task deferred with ``run_after`` (the database backend's worker runs it
    when due); the failed run still raises, so the task log shows what went wrong. Backends that
    cannot defer (the immediate one of development) only log the failure.
    """

    @functools.wraps(function)
    def send_with_retries(*args, attempt=0, **kwargs):
        try:
            return function(*args, **kwargs)
        except (smtplib.SMTPException, OSError) as error:
            delays = getattr(settings, "MAIL_RETRY_MINUTES", MAIL_RETRY_MINUTES)
            backend = retried.get_backend()
            if attempt < len(delays) and backend.supports_defer:
                run_after = timezone.now() + datetime.timedelta(minutes=delays[attempt])
                retried.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)
                logger.warning(
                    "Mail of %s failed (%s); attempt %d at %s",
                    function.__name__,
                    error,
                    attempt + 2,
                    run_after.isoformat(timespec="minutes"),
                )
            else:
                logger.error("Mail of %s failed for good (%s)", function.__name__, error)
            raise

    retried = task()(send_with_retries)
    return retried


def send_in_language(language, email, subject, template, context, **params):
    """Send ``template`` to ``email`` in ``language``; ``subject`` (lazy) is translated there and
    filled with ``params``."""
    with translation.override(language):
        body = render_to_string(template, context)
        send_mail(str(subject) % params if params else str(subject), body, None, [email])
