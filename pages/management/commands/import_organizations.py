import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from wagtail.models import Locale

from pages.importers.organizations import COLUMNS, ImportFileError, import_organizations
from pages.models import OrganizationIndexPage


class Command(BaseCommand):
    help = (
        "Import organizations from a CSV or JSON file into the directory. Every row is validated "
        "first; bad rows are reported with their line numbers and nothing is written unless "
        "--partial is given. Rows update existing profiles matched by KRS, else NIP. "
        f"Columns: {', '.join(COLUMNS)}."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--publish", action="store_true", help="Publish (default: drafts).")
        parser.add_argument("--partial", action="store_true", help="Write the good rows anyway.")
        parser.add_argument("--dry-run", action="store_true", help="Validate only.")
        parser.add_argument("--parent", type=int, help="ID of the directory page to import into.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        # Reports in the portal's first language, whatever language the process was left in.
        with translation.override(settings.LANGUAGE_CODE):
            return self._import(**options)

    def _import(self, file, publish, partial, dry_run, parent, quiet, **options):
        directory = self._directory(parent)
        show_progress = not quiet and sys.stderr.isatty()
        try:
            result = import_organizations(
                file,
                directory,
                publish=publish,
                partial=partial,
                dry_run=dry_run,
                progress=self._progress if show_progress else None,
            )
        except (ImportFileError, OSError) as exc:
            raise CommandError(f"{file}: {exc}") from None
        if show_progress:
            sys.stderr.write("\n")
        for error in result.errors:
            self.stderr.write(str(error))
        bad = len(result.bad_lines)
        summary = f"{result.rows} rows read, {bad} bad."
        if result.written:
            summary += f" {result.created} created, {result.updated} updated"
            summary += " (published)." if publish else " (as drafts)."
        elif dry_run:
            summary += " Dry run: nothing written."
        else:
            summary += " Nothing written: fix the rows above, or use --partial."
        self.stdout.write(summary)
        if bad:
            raise CommandError(f"{bad} bad rows.", returncode=1)

    def _directory(self, parent):
        if parent:
            directory = OrganizationIndexPage.objects.filter(pk=parent).first()
            if directory is None:
                raise CommandError(f"No organization directory with ID {parent}.")
            return directory
        directory = OrganizationIndexPage.objects.filter(locale=Locale.get_default()).first()
        if directory is None:
            raise CommandError(
                "There is no organization directory in the default language: create one first "
                "(or give --parent)."
            )
        return directory

    def _progress(self, done, total):
        if done == total or done % 50 == 0:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()
