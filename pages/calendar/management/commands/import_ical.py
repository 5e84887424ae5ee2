from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pages.calendar.importer import import_all, import_source
from pages.models import OrganizationPage


class Command(BaseCommand):
    help = (
        "Import events from an ICS file or address as draft events of an organization "
        "(--organization PAGE_ID), or every active organization calendar feed (--all, for a "
        "scheduler). A broken feed is reported and imports nothing; the others go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="An http(s) address or a file path.")
        parser.add_argument("--organization", type=int, help="ID of the organization's page.")
        parser.add_argument("--all", action="store_true", help="Import every active feed.")

    def handle(self, *args, source=None, organization=None, all=False, **options):
        with translation.override(settings.LANGUAGE_CODE):
            if all:
                if source or organization:
                    raise CommandError("--all takes no source and no --organization.")
                results = import_all()
            else:
                if not (source and organization):
                    raise CommandError("Give a source and --organization, or --all.")
                page = OrganizationPage.objects.filter(pk=organization).first()
                if page is None:
                    raise CommandError(f"No organization page with ID {organization}.")
                results = [import_source(source, page)]
        failed = 0
        for result in results:
            for warning in result.warnings:
                self.stderr.write(f"{result.source}: {warning}")
            if result.error:
                failed += 1
                self.stderr.write(result.summary())
            else:
                self.stdout.write(result.summary())
        if failed:
            raise CommandError(f"{failed} of {len(results)} feeds could not be imported.")
