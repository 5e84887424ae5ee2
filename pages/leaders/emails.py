"""The leaders directory's mail: the person's own link, and residents' messages forwarded.

Both are tasks (``pages.tasks.mail_task``): the form's answer never waits for the mail server.
"""

from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task

from .models import LeaderProfile, LeadersIndexPage, manage_token


def manage_link(leader):
    page = LeadersIndexPage.objects.live().filter(locale__language_code=leader.language).first()
    page = page or LeadersIndexPage.objects.live().first()
    if page is None:
        return ""
    return f"{page.get_full_url()}profil/?klucz={manage_token(leader)}"


@mail_task
def send_leader_link(leader_id):
    """The person who proposed a profile gets the link to change or remove it."""
    leader = LeaderProfile.objects.filter(pk=leader_id).first()
    if leader is None:
        return
    with translation.override(leader.language):
        body = render_to_string(
            "ngo_leaders/emails/manage_link.txt",
            {"leader": leader, "link": manage_link(leader)},
        )
        send_mail(_("Your profile in the local leaders directory"), body, None, [leader.email])


@mail_task
def forward_leader_message(leader_id, sender_name, sender_email, message):
    """A resident's message to a leader, forwarded without showing the leader's address."""
    leader = LeaderProfile.objects.filter(pk=leader_id, state="approved").first()
    if leader is None:
        return
    with translation.override(leader.language):
        body = render_to_string(
            "ngo_leaders/emails/forwarded.txt",
            {"leader": leader, "name": sender_name, "email": sender_email, "message": message},
        )
        EmailMessage(
            _("A message through the local leaders directory"),
            body,
            None,
            [leader.email],
            reply_to=[sender_email],
        ).send()
