"""Erase volunteers' personal data a set time after their offer ended (run daily by a scheduler).

An offer ends on its end date, or its only day for a one-off offer; offers with no end keep
their applications' data until they get one or are deleted. Withdrawn and declined applications
are erased on the same schedule, so the organizer can answer questions about them meanwhile.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from pages.volunteering.models import OfferSchedule, VolunteerApplication, retention_cutoff

DEFAULT_MONTHS = 12


class Command(BaseCommand):
    help = (
        "Anonymize volunteer applications to offers that ended more than --months ago "
        "(default: the PORTAL_APPLICATION_RETENTION_MONTHS setting, 12)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=getattr(settings, "PORTAL_APPLICATION_RETENTION_MONTHS", DEFAULT_MONTHS),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased, change nothing."
        )

    def handle(self, *args, months, dry_run, **options):
        if months < 1:
            self.stderr.write("--months must be at least 1.")
            return
        cutoff = retention_cutoff(months)
        ended = Q(offer__end_date__lt=cutoff) | Q(
            offer__end_date__isnull=True,
            offer__schedule=OfferSchedule.ONE_OFF,
            offer__start_date__lt=cutoff,
        )
        applications = VolunteerApplication.objects.filter(ended, anonymized_at__isnull=True)
        count = applications.count()
        if not dry_run:
            with transaction.atomic():
                for application in applications.select_for_update().iterator(chunk_size=500):
                    application.anonymize()
                    application.save()
        verb = "would be anonymized" if dry_run else "anonymized"
        self.stdout.write(
            f"{count} applications to offers that ended before {cutoff.isoformat()} {verb}."
        )
