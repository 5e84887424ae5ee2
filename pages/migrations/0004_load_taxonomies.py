"""The areas of public benefit of art. 4 ust. 1 and Poznań's 42 districts, in pl, en and uk."""

from django.db import migrations


def load(apps, schema_editor):
    from pages.taxonomy_loader import load_taxonomies

    load_taxonomies(
        apps.get_model("pages", "AreaOfPublicBenefit"),
        apps.get_model("pages", "District"),
        apps.get_model("wagtailcore", "Locale"),
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_organizations_and_taxonomies")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
