"""Background work of the pages app: e-mails are sent in tasks, so that a volunteer's request
never waits for the mail server (immediate in development, `manage.py db_worker` in production).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.admin.utils import get_admin_base_url

from pages.mail import mail_task, send_in_language


def city_inbox():
    """The office's address (Settings > Office, a site setting), else `CITY_INBOX`."""
    from wagtail.models import Site

    from pages.models import OfficeSettings

    site = Site.objects.filter(is_default_site=True).first()
    address = OfficeSettings.for_site(site).email if site else ""
    address = address or getattr(settings, "PORTAL_CITY_INBOX", "")
    return [address] if address else []


# Trainings

REGISTRATION_LINK_SALT = "pages.training-registration"


def registration_link(registration):
    token = signing.dumps(
        {"r": registration.pk, "t": registration.token}, salt=REGISTRATION_LINK_SALT
    )
    training = registration.training
    page = (
        training.get_translations(inclusive=True)
        .filter(locale__language_code=registration.language)
        .first()
        or training
    )
    return f"{page.specific.get_full_url()}rezerwacja/?klucz={token}"


@mail_task
def send_registration_email(registration_id, event="registered"):
    """Tells a person their place: registered, on the waiting list, promoted, or cancelled."""
    from pages.models import TrainingRegistration

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
                "pages/trainings/emails/registration.txt",
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
    from django.core.mail import EmailMessage, get_connection

    from pages.models import TrainingRegistration

    statuses = [TrainingRegistration.Status.REGISTERED]
    if include_waiting:
        statuses.append(TrainingRegistration.Status.WAITING)
    emails = TrainingRegistration.objects.filter(
        training_id=training_id, status__in=statuses
    ).values_list("email", flat=True)
    connection = get_connection()
    messages = [EmailMessage(subject, body, None, [email]) for email in emails]
    connection.send_messages(messages)


@task()
def notify_patronage_request():
    """Tell the city editors that a patronage request waits for a decision."""
    from django.contrib.auth.models import Group

    from pages import roles

    group = Group.objects.filter(name=roles.CITY_EDITORS).first()
    if group is None:
        return
    recipients = list(
        group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("A request for the Mayor's patronage waits for a decision"),
                get_admin_base_url() + reverse("patronage_requests"),
                None,
                recipients,
            )


@mail_task
def send_patronage_decision(request_id):
    from pages.models import PatronageRequest

    patronage = PatronageRequest.objects.filter(pk=request_id).first()
    if patronage is None:
        return
    send_in_language(
        patronage.language,
        patronage.email,
        gettext_lazy("Patronage of %(event)s: the decision"),
        "pages/council/emails/patronage_decision.txt",
        {"patronage": patronage},
        event=patronage.event_title,
    )


def booking_link(booking):
    from pages.models import CentrePage
    from pages.views.centre import booking_link_token

    centre = CentrePage.objects.live().filter(locale__language_code=booking.language).first()
    centre = centre or CentrePage.objects.live().first()
    if centre is None:
        return ""
    return f"{centre.get_full_url()}rezerwacja/?klucz={booking_link_token(booking)}"


@mail_task
def send_booking_email(booking_id, event):
    """The requester hears of their request, the staff's decision, and how to cancel."""
    from pages.models import Booking

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
        "pages/centre/emails/booking.txt",
        {"booking": booking, "event": event, "link": booking_link(booking)},
        name=booking.resource.name,
    )


@mail_task
def send_newsletter_confirmation(subscriber_id):
    from pages.models import NewsletterPage, NewsletterSubscriber

    subscriber = NewsletterSubscriber.objects.filter(pk=subscriber_id, state="pending").first()
    if subscriber is None:
        return
    page = NewsletterPage.objects.live().filter(locale__language_code=subscriber.language).first()
    page = page or NewsletterPage.objects.live().first()
    link = f"{page.get_full_url()}potwierdz/{subscriber.token}/" if page else ""
    send_in_language(
        subscriber.language,
        subscriber.email,
        gettext_lazy("Confirm your newsletter subscription"),
        "pages/newsletter/confirm_email.txt",
        {"link": link},
    )


NEWSLETTER_BATCH = 200


@task()
def send_newsletter_batch(issue_id):
    """Send up to NEWSLETTER_BATCH pending deliveries of an issue; enqueue the rest."""
    from pages.models import NewsletterDelivery, NewsletterIssue
    from pages.newsletter import build_message, unsubscribe_url

    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return
    deliveries = list(
        NewsletterDelivery.objects.filter(issue=issue, status="pending")
        .select_related("subscriber")
        .order_by("pk")[:NEWSLETTER_BATCH]
    )
    for delivery in deliveries:
        subscriber = delivery.subscriber
        delivery.attempts += 1
        if subscriber is None or subscriber.state != "confirmed":
            delivery.status, delivery.error = "failed", "unsubscribed"
        else:
            try:
                build_message(issue, subscriber.email, unsubscribe_url(subscriber)).send()
                delivery.status, delivery.error, delivery.sent_at = "sent", "", timezone.now()
            except Exception as error:  # noqa: BLE001 (every failure is logged on the row)
                delivery.status, delivery.error = "failed", str(error)[:500]
        delivery.save(update_fields=["status", "error", "attempts", "sent_at"])
    if NewsletterDelivery.objects.filter(issue=issue, status="pending").exists():
        send_newsletter_batch.enqueue(issue_id)
    else:
        NewsletterIssue.objects.filter(pk=issue_id).update(state="sent", sent_at=timezone.now())


def appointment_link(appointment):
    from pages.models import CentrePage
    from pages.views.advice import appointment_token

    centre = CentrePage.objects.live().filter(locale__language_code=appointment.language).first()
    centre = centre or CentrePage.objects.live().first()
    if centre is None:
        return ""
    return f"{centre.get_full_url()}doradztwo/wizyta/?klucz={appointment_token(appointment)}"


@mail_task
def send_appointment_email(appointment_id, event):
    """Confirmation of an advice appointment, or the reminder the day before."""
    from pages.models import Appointment

    appointment = Appointment.objects.select_related("advisor").filter(pk=appointment_id).first()
    if appointment is None or appointment.state != "booked":
        return
    send_in_language(
        appointment.language,
        appointment.email,
        gettext_lazy("Your advice appointment is booked")
        if event == "booked"
        else gettext_lazy("Reminder: your advice appointment tomorrow"),
        "pages/centre/emails/appointment.txt",
        {"appointment": appointment, "event": event, "link": appointment_link(appointment)},
    )
