"""The portal's site tree: the pl/en/uk locales, root -> one home page per language.

The host's choice, not the reusable apps': another city keeps its own tree. It never touches a
tree an editor has already made. The shipped national terms (areas of public benefit, event
categories) that `pages` and the calendar loaded in the locales they found are then loaded in the
two languages this migration adds.
"""

import uuid

from django.db import migrations

LANGUAGES = ["pl", "en", "uk"]
HOMES = {
    "pl": ("Portal organizacji pozarządowych", "strona-glowna"),
    "en": ("NGO portal", "home"),
    "uk": ("Портал громадських організацій", "holovna"),
}


def create_locales_and_homes(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("pages.HomePage")

    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}

    if HomePage.objects.exists():
        return

    # The welcome page wagtailcore's own migration creates, if it is still there untouched.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Site.objects.filter(root_page__content_type=page_type, root_page__depth=2).delete()
    Page.objects.filter(content_type=page_type, depth=2).delete()
    root = Page.objects.get(depth=1)
    if Page.objects.filter(depth=2).exists():
        return

    home_type, _ = ContentType.objects.get_or_create(app_label="pages", model="homepage")
    translation_key = uuid.uuid4()
    homes = {}
    for position, code in enumerate(LANGUAGES, start=1):
        title, slug = HOMES[code]
        homes[code] = HomePage.objects.create(
            title=title,
            draft_title=title,
            hero_title=title,
            slug=slug,
            content_type=home_type,
            path=f"{root.path}{position:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            locale=locales[code],
            translation_key=translation_key,
            live=True,
        )
    root.numchild = len(LANGUAGES)
    root.save(update_fields=["numchild"])

    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Portal organizacji pozarządowych",
        root_page=homes["pl"],
        is_default_site=True,
    )


def load_national_terms(apps, schema_editor):
    from pages.taxonomy_loader import load_areas, load_event_categories

    Locale = apps.get_model("wagtailcore", "Locale")
    load_areas(apps.get_model("pages", "AreaOfPublicBenefit"), Locale)
    load_event_categories(apps.get_model("ngo_calendar", "EventCategory"), Locale)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_ratelimit_cache_table"),
        ("pages", "0002_areas_of_public_benefit"),
        ("ngo_calendar", "0002_event_categories"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_locales_and_homes, migrations.RunPython.noop),
        migrations.RunPython(load_national_terms, migrations.RunPython.noop),
    ]
