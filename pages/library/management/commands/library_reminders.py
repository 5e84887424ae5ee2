"""Daily: reservations not collected in time lapse, overdue loans get a weekly reminder, and the
reader of a loan that ended a year ago is forgotten (the organization keeps the history)."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pages.library.emails import send_lapsed_notice, send_overdue_reminder
from pages.library.models import Loan

REMIND_EVERY_DAYS = 7
FORGET_READER_AFTER_DAYS = 365


class Command(BaseCommand):
    help = "Lapse uncollected reservations, remind overdue loans, forget old readers."

    def handle(self, *args, **options):
        today = timezone.localdate()
        lapsed = list(
            Loan.objects.filter(status=Loan.Status.RESERVED, collect_by__lt=today).values_list(
                "pk", flat=True
            )
        )
        Loan.objects.filter(pk__in=lapsed).update(status=Loan.Status.CANCELLED)
        for pk in lapsed:
            transaction.on_commit(lambda pk=pk: send_lapsed_notice.enqueue(pk))

        last_reminder = today - datetime.timedelta(days=REMIND_EVERY_DAYS)
        overdue = Loan.objects.filter(status=Loan.Status.LENT, due_on__lt=today).exclude(
            reminded_on__gt=last_reminder
        )
        reminded = list(overdue.values_list("pk", flat=True))
        Loan.objects.filter(pk__in=reminded).update(reminded_on=today)
        for pk in reminded:
            transaction.on_commit(lambda pk=pk: send_overdue_reminder.enqueue(pk))

        horizon = today - datetime.timedelta(days=FORGET_READER_AFTER_DAYS)
        ended_long_ago = Q(status=Loan.Status.RETURNED, returned_on__lt=horizon) | Q(
            status=Loan.Status.CANCELLED, reserved_at__date__lt=horizon
        )
        forgotten = Loan.objects.filter(ended_long_ago, reader__isnull=False).update(reader=None)
        self.stdout.write(
            f"{len(lapsed)} reservations lapsed, {len(reminded)} reminders, "
            f"{forgotten} readers forgotten"
        )
