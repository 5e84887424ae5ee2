"""The shipped event categories (pages/data/event_categories.json), in the content languages the
site has; a host that adds languages later loads them again (`manage.py load_taxonomies`)."""

from django.db import migrations


def load(apps, schema_editor):
    from pages.taxonomy_loader import load_event_categories

    load_event_categories(
        apps.get_model("ngo_calendar", "EventCategory"),
        apps.get_model("wagtailcore", "Locale"),
    )


class Migration(migrations.Migration):
    dependencies = [("ngo_calendar", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
