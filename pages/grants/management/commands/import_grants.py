from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pages.grants.importers import COLUMNS, ImportFileError, import_grants
from pages.grants.models import GrantCallPage


class Command(BaseCommand):
    help = (
        "Import awarded grants (e.g. a call's results) from a CSV file into the grants register. "
        "Every row is checked first; bad rows are reported with their line numbers and nothing "
        f"is written unless all rows are good. Columns: {', '.join(COLUMNS)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--call", type=int, help="ID of the grant call these results belong to."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only.")

    def handle(self, file, call=None, dry_run=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            call_page = None
            if call is not None:
                call_page = GrantCallPage.objects.filter(pk=call).first()
                if call_page is None:
                    raise CommandError(f"No grant call with ID {call}.")
            try:
                result = import_grants(file, call=call_page, dry_run=dry_run)
            except (ImportFileError, OSError) as error:
                raise CommandError(f"{file}: {error}") from None
            for error in result.errors:
                self.stderr.write(str(error))
            summary = f"{result.rows} rows read, {len(result.errors)} bad."
            if result.written:
                summary += f" {result.written} grants written."
            elif dry_run:
                summary += " Dry run: nothing written."
            else:
                summary += " Nothing written: fix the rows above."
            self.stdout.write(summary)
            if result.errors:
                raise CommandError(f"{len(result.errors)} bad rows.")
