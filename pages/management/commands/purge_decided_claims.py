import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from pages.models import ProfileClaim


class Command(BaseCommand):
    help = "Delete decided profile claims (personal data) older than --days (default 90)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, dry_run, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        claims = ProfileClaim.objects.exclude(status=ProfileClaim.Status.PENDING).filter(
            decided_at__lt=cutoff
        )
        count = claims.count()
        if not dry_run:
            claims.delete()
        self.stdout.write(f"{count} decided claims {'would be ' if dry_run else ''}deleted.")
