"""Background work of the pages app: e-mails are sent in tasks, so that a volunteer's request
never waits for the mail server (immediate in development, `manage.py db_worker` in production).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
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
