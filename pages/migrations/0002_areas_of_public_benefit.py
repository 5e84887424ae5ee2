"""The areas of public benefit of art. 4 ust. 1, in the content languages the site has.

The same in every city, so the reusable app ships them. A host's districts are the host's own
(this portal's: `portal/migrations/0003_districts.py`).
"""

from django.db import migrations


def load(apps, schema_editor):
    from pages.taxonomy_loader import load_areas

    load_areas(
        apps.get_model("pages", "AreaOfPublicBenefit"),
        apps.get_model("wagtailcore", "Locale"),
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
