from django.core.management.base import BaseCommand
from wagtail.models import Locale

from pages.models import AreaOfPublicBenefit, District, EventCategory
from pages.taxonomy_loader import load_event_categories, load_taxonomies


class Command(BaseCommand):
    help = "Add the shipped taxonomy terms and event categories that are missing (pl, en, uk)."

    def handle(self, *args, **options):
        created = load_taxonomies(AreaOfPublicBenefit, District, Locale)
        created += load_event_categories(EventCategory, Locale)
        self.stdout.write(f"{created} terms created.")
