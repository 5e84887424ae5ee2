"""manage.py restore_portal ARCHIVE: put a backup_portal archive into an empty instance."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive of backup_portal into this instance (migrated, without content), "
        "then rebuild the search index from the restored pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete every row of this database first, even when it holds content",
        )

    def handle(self, archive, replace=False, **options):
        try:
            manifest = restore_archive(archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {len(manifest['files'])} files "
            f"from {archive} (made {manifest['created']})."
        )
        # The search index is derived data, not in the archive.
        call_command("rebuild_portal_search", verbosity=options["verbosity"])
