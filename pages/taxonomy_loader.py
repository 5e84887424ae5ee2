"""Loads the shipped taxonomies (pages/data/*.json) in the content languages the site has.

Used by data migrations (with historical models) and by `manage.py load_taxonomies`. It only
adds what is missing and never overwrites a term an editor changed: the city owns the data once
it is loaded. The areas of public benefit and event categories are national and ship with the
app; a city's districts are the host's (`load_districts` with its own list of names). The
languages are the host's choice too: terms go into the locales among pl/en/uk that exist (the
host that adds a locale later loads them again).
"""

import json
import uuid
from pathlib import Path

from anyascii import anyascii
from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("pl", "en", "uk")


def areas_data():
    return json.loads((DATA_DIR / "areas_of_public_benefit.json").read_text(encoding="utf-8"))


def _locales(Locale):
    return {
        locale.language_code: locale
        for locale in Locale.objects.filter(language_code__in=LANGUAGES)
    }


def load_areas(AreaOfPublicBenefit, Locale):
    """The areas of public benefit of art. 4 ust. 1 of the act (the same in every city)."""
    locales = _locales(Locale)
    created = 0
    for order, area in enumerate(areas_data(), start=1):
        created += _load_term(
            AreaOfPublicBenefit,
            locales,
            area["slug"],
            lambda code, area=area, order=order: {
                "point": area["point"],
                "name": area[code][0],
                "legal_wording": area[code][1],
                "sort_order": order,
            },
        )
    return created


def load_districts(District, Locale, names):
    """A city's districts, in the given order; the host passes its own list of names."""
    locales = _locales(Locale)
    created = 0
    for order, name in enumerate(names, start=1):
        # District names are proper names: the same in every language until a translator
        # changes them.
        created += _load_term(
            District,
            locales,
            slugify(anyascii(name)),
            lambda code, name=name, order=order: {"name": name, "sort_order": order},
        )
    return created


def _load_term(model, locales, slug, fields_for):
    terms = model.objects.filter(slug=slug, locale__in=locales.values())
    existing = {term.locale_id: term for term in terms}
    translation_key = next((term.translation_key for term in existing.values()), uuid.uuid4())
    created = 0
    for code, locale in locales.items():
        if locale.pk in existing:
            continue
        model.objects.create(
            slug=slug, locale=locale, translation_key=translation_key, **fields_for(code)
        )
        created += 1
    return created


def load_event_categories(EventCategory, Locale):
    """The shipped event categories (pages/data/event_categories.json) in every language."""
    locales = _locales(Locale)
    data = json.loads((DATA_DIR / "event_categories.json").read_text(encoding="utf-8"))
    created = 0
    for order, category in enumerate(data, start=1):
        created += _load_term(
            EventCategory,
            locales,
            category["slug"],
            lambda code, category=category, order=order: {
                "name": category[code],
                "sort_order": order,
            },
        )
    return created
