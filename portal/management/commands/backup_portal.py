"""manage.py backup_portal ARCHIVE: the database and the uploads in one .tar.gz."""

from django.core.management.base import BaseCommand

from portal.backup import create_archive


class Command(BaseCommand):
    help = "Write the whole portal (database rows and uploaded files) to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the file to write, e.g. backup-2026-11-24.tar.gz")

    def handle(self, archive, **options):
        manifest = create_archive(archive)
        self.stdout.write(
            f"{archive}: {sum(manifest['rows'].values())} rows of {len(manifest['rows'])} models, "
            f"{len(manifest['files'])} files."
        )
