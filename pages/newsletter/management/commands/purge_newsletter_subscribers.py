"""Erase the addresses the newsletter may no longer keep (run daily)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from pages.newsletter.models import NewsletterSubscriber

PENDING_DAYS = 7


class Command(BaseCommand):
    help = (
        "Delete subscribers unsubscribed longer than NEWSLETTER_RETENTION_DAYS (default 30) and "
        f"those who never confirmed within {PENDING_DAYS} days. Delivery logs stay, without them."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        days = getattr(settings, "NEWSLETTER_RETENTION_DAYS", 30)
        unsubscribed = NewsletterSubscriber.objects.filter(
            state=NewsletterSubscriber.State.UNSUBSCRIBED,
            unsubscribed_at__lt=now - datetime.timedelta(days=days),
        )
        pending = NewsletterSubscriber.objects.filter(
            state=NewsletterSubscriber.State.PENDING,
            created_at__lt=now - datetime.timedelta(days=PENDING_DAYS),
        )
        label = NewsletterSubscriber._meta.label  # deleted rows are counted by the model's label
        gone = unsubscribed.delete()[1].get(label, 0)
        never = pending.delete()[1].get(label, 0)
        self.stdout.write(f"{gone} unsubscribed and {never} unconfirmed addresses erased.")
