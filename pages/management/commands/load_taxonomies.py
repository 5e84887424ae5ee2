from django.apps import apps
from django.core.management.base import BaseCommand
from wagtail.models import Locale

from pages.models import AreaOfPublicBenefit
from pages.taxonomy_loader import load_areas, load_event_categories


class Command(BaseCommand):
    help = (
        "Add the shipped areas of public benefit and event categories that are missing, in the "
        "site's locales among pl, en and uk."
    )

    def handle(self, *args, **options):
        created = load_areas(AreaOfPublicBenefit, Locale)
        if apps.is_installed("pages.calendar"):
            # The calendar's own taxonomy, by its label: core does not import the feature app.
            EventCategory = apps.get_model("ngo_calendar", "EventCategory")
            created += load_event_categories(EventCategory, Locale)
        self.stdout.write(f"{created} terms created.")
