"""The trainings' mail: a person's place (registered, waiting, promoted, cancelled) with the link
to their registration, and an organizer's message to everyone registered.

Both are tasks (``pages.mail.mail_task`` retries a person's mail when the server fails): the
form's answer never waits for the mail server.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from pages.mail import mail_task

from .models import TrainingRegistration, registration_token


def registration_link(registration):
    training = registration.training
    page = (
        training.get_translations(inclusive=True)
        .filter(locale__language_code=registration.language)
        .first()
        or training
    )
    return f"{page.specific.get_full_url()}rezerwacja/?klucz={registration_token(registration)}"


@mail_task
def send_registration_email(registration_id, event="registered"):
    """Tells a person their place: registered, on the waiting list, promoted, or cancelled."""
    registration = (
        TrainingRegistration.objects.select_related("training")
        .prefetch_related("training__sessions")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    training = registration.training
    subjects = {
        "registered": _("You are registered: %(training)s"),
        "waiting": _("You are on the waiting list: %(training)s"),
        "promoted": _("A place is yours: %(training)s"),
        "cancelled": _("Registration cancelled: %(training)s"),
    }
    with translation.override(registration.language):
        send_mail(
            subjects[event] % {"training": training.title},
            render_to_string(
                "ngo_trainings/emails/registration.txt",
                {
                    "registration": registration,
                    "training": training,
                    "sessions": training.sessions.all(),
                    "event": event,
                    "link": registration_link(registration) if event != "cancelled" else "",
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            ),
            None,
            [registration.email],
        )


@task()
def send_training_message(training_id, subject, body, include_waiting=False):
    """An organizer's message to everyone registered (one e-mail each: no addresses shared)."""
    statuses = [TrainingRegistration.Status.REGISTERED]
    if include_waiting:
        statuses.append(TrainingRegistration.Status.WAITING)
    emails = TrainingRegistration.objects.filter(
        training_id=training_id, status__in=statuses
    ).values_list("email", flat=True)
    connection = get_connection()
    messages = [EmailMessage(subject, body, None, [email]) for email in emails]
    connection.send_messages(messages)
