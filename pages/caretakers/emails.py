"""Incubation's mail (tasks): the group hears that its request arrived, in the language it
wrote in; the centre (the office's address) hears of a new group."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from pages.mail import mail_task
from pages.tasks import city_inbox

from .models import IncubatedGroup


@mail_task
def send_incubation_received(group_id):
    group = IncubatedGroup.objects.select_related("page").filter(pk=group_id).first()
    if group is None:
        return
    with translation.override("pl"):
        inbox = city_inbox()
        if inbox:
            body = render_to_string("ngo_caretakers/emails/received_centre.txt", {"group": group})
            send_mail(_("Incubation: a new group asks for it"), body, None, inbox)
    with translation.override(group.language):
        page_url = ""
        if group.page is not None:
            page = (
                group.page.get_translations(inclusive=True)
                .filter(locale__language_code=group.language)
                .first()
            )
            page_url = (page or group.page).get_full_url()
        body = render_to_string(
            "ngo_caretakers/emails/received.txt", {"group": group, "page_url": page_url}
        )
        send_mail(_("Your request for incubation"), body, None, [group.contact_email])
