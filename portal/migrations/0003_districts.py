"""Poznań's 42 districts (portal/data/districts_poznan.json), in the site's languages.

The host's data: another city loads its own list the same way (`load_districts`). Does nothing
where districts exist already: the city owns them once they are loaded.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "districts_poznan.json"


def load(apps, schema_editor):
    from pages.taxonomy_loader import load_districts

    District = apps.get_model("pages", "District")
    if District.objects.exists():
        return
    names = json.loads(DATA.read_text(encoding="utf-8"))
    load_districts(District, apps.get_model("wagtailcore", "Locale"), names)


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_site_tree")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
