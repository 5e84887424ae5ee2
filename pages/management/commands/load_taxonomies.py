from django.core.management.base import BaseCommand
from wagtail.models import Locale

from pages.models import AreaOfPublicBenefit, EventCategory
from pages.taxonomy_loader import load_areas, load_event_categories


class Command(BaseCommand):
    help = (
        "Add the shipped areas of public benefit and event categories that are missing, in the "
        "site's locales among pl, en and uk."
    )

    def handle(self, *args, **options):
        created = load_areas(AreaOfPublicBenefit, Locale)
        created += load_event_categories(EventCategory, Locale)
        self.stdout.write(f"{created} terms created.")
