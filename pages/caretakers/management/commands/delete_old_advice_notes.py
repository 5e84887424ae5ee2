"""Daily: the centre's advice notes older than PORTAL_ADVICE_NOTES_RETENTION_YEARS (5 by
default) are deleted; the organization keeps its caretaker, the notes go."""

from django.core.management.base import BaseCommand

from pages.caretakers.models import AdviceNote, retention_cutoff, retention_years


class Command(BaseCommand):
    help = "Delete the centre's advice notes older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        old = AdviceNote.objects.filter(given_on__lt=retention_cutoff())
        if dry_run:
            self.stdout.write(f"{old.count()} advice notes older than {retention_years()} years")
            return
        deleted, _ = old.delete()
        self.stdout.write(f"{deleted} advice notes older than {retention_years()} years deleted")
