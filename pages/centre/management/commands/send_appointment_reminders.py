"""E-mail tomorrow's advice appointments a reminder (run daily; a second run sends nothing)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from pages.centre.emails import send_appointment_email
from pages.centre.models import Appointment


class Command(BaseCommand):
    help = "Send a reminder of each advice appointment that takes place tomorrow, once."

    def handle(self, *args, **options):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=zone)
        due = Appointment.objects.filter(
            state=Appointment.State.BOOKED,
            reminder_sent_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        count = 0
        for appointment in due:
            with transaction.atomic():
                # Marked first: a crash after this sends at most nothing, never twice.
                updated = Appointment.objects.filter(
                    pk=appointment.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=timezone.now())
                if updated:
                    transaction.on_commit(
                        lambda pk=appointment.pk: send_appointment_email.enqueue(pk, "reminder")
                    )
                    count += 1
        self.stdout.write(f"{count} reminders sent.")
