import datetime

from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_admin_base_url

from pages.models import OrganizationPage
from pages.models.organizations import STALE_AFTER

REMIND_EVERY = datetime.timedelta(days=30)


class Command(BaseCommand):
    help = (
        "E-mail the editors of profiles not confirmed for 12 months (at most once every 30 "
        "days per profile). Run it daily from a scheduler."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        threshold = timezone.localdate() - STALE_AFTER
        stale = (
            OrganizationPage.objects.live()
            .filter(editor_group__isnull=False)
            .filter(Q(data_confirmed_at__lt=threshold) | Q(data_confirmed_at__isnull=True))
            .filter(Q(stale_notified_at__isnull=True) | Q(stale_notified_at__lt=now - REMIND_EVERY))
            .select_related("editor_group")
        )
        sent = 0
        for organization in stale:
            recipients = list(
                organization.editor_group.user_set.filter(is_active=True)
                .exclude(email="")
                .values_list("email", flat=True)
            )
            if recipients:
                with translation.override("pl"):
                    send_mail(
                        _("Please confirm the data of %(name)s") % {"name": organization.title},
                        render_to_string(
                            "pages/organizations/emails/stale_reminder.txt",
                            {
                                "organization": organization,
                                "edit_url": get_admin_base_url()
                                + reverse("wagtailadmin_pages:edit", args=[organization.pk]),
                            },
                        ),
                        None,
                        recipients,
                    )
                sent += 1
            OrganizationPage.objects.filter(pk=organization.pk).update(stale_notified_at=now)
        self.stdout.write(f"{sent} organizations reminded.")
