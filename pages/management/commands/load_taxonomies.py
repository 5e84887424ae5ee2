from django.core.management.base import BaseCommand
from wagtail.models import Locale

from pages.models import AreaOfPublicBenefit, District
from pages.taxonomy_loader import load_taxonomies


class Command(BaseCommand):
    help = "Add the shipped areas of public benefit and districts that are missing (pl, en, uk)."

    def handle(self, *args, **options):
        created = load_taxonomies(AreaOfPublicBenefit, District, Locale)
        self.stdout.write(f"{created} terms created.")
