"""Volunteering's e-mails, sent in tasks (``pages.mail.mail_task``): the volunteer's
confirmation and copy of their data, the organizer's notices, the status changes."""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.utils import get_admin_base_url

from pages.mail import mail_task, send_in_language
from pages.tasks import city_inbox

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


@mail_task
def send_application_emails(application_id):
    from .models import VolunteerApplication

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
                "ngo_volunteering/emails/application_confirmation.txt",
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
                    "ngo_volunteering/emails/application_received.txt",
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
    from .models import VolunteerApplication

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
        "ngo_volunteering/emails/application_data.txt",
        {"application": application, "offer": readable},
        offer=readable.title,
    )


@mail_task
def send_status_change(application_id):
    """Tells the volunteer that the organizer accepted or declined their application."""
    from .models import VolunteerApplication

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
        "ngo_volunteering/emails/application_status.txt",
        {"application": application, "offer": readable, "link": application_link(application)},
        offer=readable.title,
    )


@mail_task
def send_withdrawal_notice(application_id):
    """Tells the organizer that a volunteer withdrew their application."""
    from .models import VolunteerApplication

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
