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

APPLICATION_LINK_SALT = "pages.volunteer-application"


def application_link_token(application):
    """The signed part of the volunteer's link to their application.

    It names the application and carries its secret token, which is replaced when the data is
    erased, so an old link stops working; the signature's age is checked on use.
    """
    return signing.dumps({"a": application.pk, "t": application.token}, salt=APPLICATION_LINK_SALT)


def application_link(application):
    offer = application.offer
    with translation.override(application.language):
        page = (
            offer.get_translations(inclusive=True)
            .filter(locale__language_code=application.language)
            .first()
            or offer
        )
        base = page.specific.get_full_url()
    return f"{base}zgloszenie/?klucz={application_link_token(application)}"


def offer_in_language(offer, language):
    """The offer as the volunteer read it: its live translation in the volunteer's language,
    else the offer itself (applications belong to the Polish source offer)."""
    from wagtail.models import Locale

    if offer.locale.language_code == language:
        return offer
    locale = Locale.objects.filter(language_code=language).first()
    translated = offer.get_translation_or_none(locale) if locale else None
    return translated if translated is not None and translated.live else offer


def application_recipients(offer):
    """Who hears of a new application: the offer's contact, the organization's editors, or the
    city editors for the office's own offers."""
    from django.contrib.auth.models import Group

    from pages import roles

    recipients = []
    if offer.contact_email:
        recipients.append(offer.contact_email)
    if offer.organization_id and offer.organization.editor_group_id:
        users = offer.organization.editor_group.user_set
    else:
        group = Group.objects.filter(name=roles.CITY_EDITORS).first()
        users = group.user_set if group else None
    if users is not None:
        recipients += users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    if not recipients:
        # An organization with no editor account and an offer with no contact: the profile's
        # address, else the city's inbox, so that no application goes unheard.
        if offer.organization_id and offer.organization.email:
            recipients.append(offer.organization.email)
        else:
            recipients += city_inbox()
    return list(dict.fromkeys(recipients))


def city_inbox():
    """The office's address (Settings > Office, a site setting), else `CITY_INBOX`."""
    from wagtail.models import Site

    from pages.models import OfficeSettings

    site = Site.objects.filter(is_default_site=True).first()
    address = OfficeSettings.for_site(site).email if site else ""
    address = address or getattr(settings, "PORTAL_CITY_INBOX", "")
    return [address] if address else []


@mail_task
def send_application_emails(application_id):
    from pages.models import VolunteerApplication

    application = (
        VolunteerApplication.objects.select_related("offer", "offer__organization")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    offer = application.offer
    with translation.override(application.language):
        readable = offer_in_language(offer, application.language)
        send_mail(
            _("Your application: %(offer)s") % {"offer": readable.title},
            render_to_string(
                "pages/volunteering/emails/application_confirmation.txt",
                {
                    "application": application,
                    "offer": readable,
                    "link": application_link(application),
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            ),
            None,
            [application.email],
        )
    recipients = application_recipients(offer)
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("New application: %(offer)s") % {"offer": offer.title},
                render_to_string(
                    "pages/volunteering/emails/application_received.txt",
                    {
                        "application": application,
                        "offer": offer,
                        "admin_url": get_admin_base_url()
                        + reverse("volunteer_application", args=[application.pk]),
                    },
                ),
                None,
                recipients,
            )


@mail_task
def send_application_data(application_id):
    """A copy of everything the portal holds about one application (RODO art. 15)."""
    from pages.models import VolunteerApplication

    application = (
        VolunteerApplication.objects.select_related("offer")
        .filter(pk=application_id, anonymized_at__isnull=True)
        .first()
    )
    if application is None:
        return
    readable = offer_in_language(application.offer, application.language)
    send_in_language(
        application.language,
        application.email,
        gettext_lazy("Your data in the application: %(offer)s"),
        "pages/volunteering/emails/application_data.txt",
        {"application": application, "offer": readable},
        offer=readable.title,
    )


@mail_task
def send_status_change(application_id):
    """Tells the volunteer that the organizer accepted or declined their application."""
    from pages.models import VolunteerApplication

    application = (
        VolunteerApplication.objects.select_related("offer")
        .filter(pk=application_id, anonymized_at__isnull=True)
        .first()
    )
    if application is None:
        return
    readable = offer_in_language(application.offer, application.language)
    send_in_language(
        application.language,
        application.email,
        gettext_lazy("Your application: %(offer)s"),
        "pages/volunteering/emails/application_status.txt",
        {"application": application, "offer": readable, "link": application_link(application)},
        offer=readable.title,
    )


@mail_task
def send_withdrawal_notice(application_id):
    """Tells the organizer that a volunteer withdrew their application."""
    from pages.models import VolunteerApplication

    application = (
        VolunteerApplication.objects.select_related("offer", "offer__organization")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return
    recipients = application_recipients(application.offer)
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("Application withdrawn: %(offer)s") % {"offer": application.offer.title},
                # No personal data in a mail that may be forwarded or sit in a shared inbox:
                # who withdrew is in the admin, behind the organizer's sign-in.
                _(
                    "A volunteer has withdrawn the application to the offer “%(offer)s”. "
                    "See it in the portal's admin (this e-mail carries no personal data):"
                )
                % {"offer": application.offer.title}
                + "\n"
                + get_admin_base_url()
                + reverse("volunteer_application", args=[application.pk])
                + "\n",
                None,
                recipients,
            )


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
        "pages/patronage/emails/patronage_decision.txt",
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
