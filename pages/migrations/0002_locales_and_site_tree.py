"""Kept by name only: the site tree is the host's, built by its own migration.

This migration once created the pl/en/uk locales, one home page per language and the default
Site, deleting Wagtail's welcome page. A city that installs the apps into its own site keeps its
tree; the portal builds its tree in `portal/migrations/0002_site_tree.py` (which does nothing on
a database this migration already filled).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
