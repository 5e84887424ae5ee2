"""A believable, fictional directory: organizations across many areas and districts.

Names are put together from invented parts; e-mails are at example.org, phone numbers are
000-prefixed, NIP and REGON numbers are valid but fictional (pages.identifiers). Profiles are
created in Polish; the first TRANSLATED ones get English and Ukrainian versions (all of them at
the default size); from bulk.BULK_FROM on they are published without revisions (bulk.py).
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from pages.identifiers import fictional_nip, fictional_regon
from pages.models import (
    AreaOfPublicBenefit,
    District,
    HomePage,
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
)

from . import bulk

TRANSLATED = 60

INDEX_PAGES = {
    "pl": (
        "Organizacje pozarządowe",
        "organizacje",
        "<p>Baza organizacji działających w mieście. Organizacje same aktualizują swoje dane.</p>",
    ),
    "en": (
        "Organizations",
        "organizations",
        "<p>The directory of organizations working in the city, kept current by themselves.</p>",
    ),
    "uk": (
        "Організації",
        "orhanizatsii",
        "<p>База організацій, що діють у місті. Організації самі оновлюють свої дані.</p>",
    ),
}

FORM_WORDS = [
    (LegalForm.ASSOCIATION, "Stowarzyszenie"),
    (LegalForm.FOUNDATION, "Fundacja"),
    (LegalForm.SPORTS_CLUB, "Klub Sportowy"),
    (LegalForm.VOLUNTEER_FIRE_BRIGADE, "Ochotnicza Straż Pożarna"),
    (LegalForm.SOCIAL_COOPERATIVE, "Spółdzielnia Socjalna"),
    (LegalForm.INFORMAL_GROUP, "Grupa Nieformalna"),
    (LegalForm.ASSOCIATION, "Towarzystwo"),
    (LegalForm.FOUNDATION, "Fundacja Rozwoju"),
]

# Invented themes, each with the areas it belongs to and a few tags.
THEMES = [
    (
        "Zielone Podwórko",
        ["ekologia-i-ochrona-zwierzat", "wspolnoty-lokalne"],
        ["zieleń", "sąsiedzi"],
    ),
    ("Dobry Sąsiad", ["pomoc-spoleczna", "wspolnoty-lokalne"], ["sąsiedzi", "pomoc"]),
    ("Srebrne Pokolenie", ["seniorzy", "kultura-i-sztuka"], ["seniorzy"]),
    ("Mała Akademia", ["edukacja", "dzieci-i-mlodziez"], ["edukacja", "dzieci"]),
    ("Cztery Łapy", ["ekologia-i-ochrona-zwierzat"], ["zwierzęta", "schronisko"]),
    (
        "Bez Barier",
        ["osoby-z-niepelnosprawnosciami", "integracja-spoleczna-i-zawodowa"],
        ["dostępność"],
    ),
    (
        "Otwarte Drzwi",
        ["integracja-cudzoziemcow", "prawa-czlowieka-i-demokracja"],
        ["integracja", "Ukraina"],
    ),
    ("Ruch i Zdrowie", ["kultura-fizyczna", "ochrona-zdrowia"], ["sport", "zdrowie"]),
    ("Pamięć Miasta", ["kultura-i-sztuka", "tradycja-narodowa"], ["historia", "kultura"]),
    ("Ręka w Rękę", ["wolontariat", "dzialalnosc-charytatywna"], ["wolontariat"]),
    (
        "Rodzina Razem",
        ["rodzina-i-prawa-dziecka", "wspieranie-rodziny-piecza-zastepcza"],
        ["rodzina"],
    ),
    ("Porada Obywatelska", ["nieodplatna-pomoc-prawna"], ["porady", "prawo"]),
    ("Nowy Start", ["promocja-zatrudnienia", "przeciwdzialanie-uzaleznieniom"], ["praca"]),
    ("Bezpieczna Dzielnica", ["bezpieczenstwo-publiczne", "ratownictwo"], ["bezpieczeństwo"]),
    ("Rowerowe Miasto", ["turystyka-i-krajoznawstwo", "ekologia-i-ochrona-zwierzat"], ["rower"]),
    ("Kuźnia Pomysłów", ["technika-i-innowacje", "rozwoj-gospodarczy"], ["innowacje"]),
    ("Wspólna Europa", ["integracja-europejska"], ["Europa", "wymiany"]),
    ("Teatr Osiedlowy", ["kultura-i-sztuka", "wspolnoty-lokalne"], ["teatr", "kultura"]),
    ("Wsparcie dla NGO", ["wspieranie-organizacji"], ["szkolenia", "NGO"]),
    ("Dom Pełen Ciepła", ["pomoc-ofiarom-katastrof", "dzialalnosc-charytatywna"], ["pomoc"]),
]

DESCRIPTIONS = {
    "pl": (
        "<p>{name} działa w osiedlu {district} od {year} roku. Organizujemy spotkania, "
        "warsztaty i akcje sąsiedzkie. Zapraszamy do współpracy mieszkańców w każdym wieku.</p>"
    ),
    "en": (
        "<p>{name} has been active in the {district} district since {year}. We run meetings, "
        "workshops and neighbourhood campaigns, and welcome residents of every age.</p>"
    ),
    "uk": (
        "<p>{name} діє в районі {district} з {year} року. Ми організовуємо зустрічі, "
        "майстер-класи та сусідські акції і запрошуємо до співпраці мешканців різного віку.</p>"
    ),
}

STREETS = ["Lipowa", "Klonowa", "Słoneczna", "Ogrodowa", "Polna", "Leśna", "Krótka", "Szkolna"]


def load(context):
    site = Site.objects.get(is_default_site=True)
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(translation_key=site.root_page.translation_key)
    }
    indexes = _index_pages(homes, context)
    areas = {
        area.slug: area for area in AreaOfPublicBenefit.objects.filter(locale=indexes["pl"].locale)
    }
    districts = list(District.objects.filter(locale=indexes["pl"].locale))
    existing = set(OrganizationPage.objects.child_of(indexes["pl"]).values_list("slug", flat=True))
    built = _organizations(context, indexes["pl"], areas, districts, existing)
    if context.size >= bulk.BATCH_INSERT_FROM:
        # A national register: organizations only, a few INSERTs per thousand (bulk.py).
        for batch in bulk.batches(built, bulk.BATCH_SIZE):
            bulk.insert_children(indexes["pl"], batch)
            context.count("organizations", len(batch))
        return
    for number, organization, relations in built:
        indexes["pl"].add_child(instance=organization)
        organization.areas.set(relations["areas"])
        organization.districts.set(relations["districts"])
        organization.tags.set(relations["tags"])
        bulk.publish(organization, context)
        # add_child saved the page before the date is set, as an editor's first save would.
        OrganizationPage.objects.filter(pk=organization.pk).update(
            data_confirmed_at=organization.data_confirmed_at
        )
        context.count("organizations")
        if number < TRANSLATED:
            district, year = relations["districts"][0], organization.year_founded
            for code in ("en", "uk"):
                _translate(organization, indexes[code], district, year, context)


def _organizations(context, index, areas, districts, existing):
    """(number, unsaved Polish profile, its areas, districts and tags) for each one to create."""
    rng = context.rng
    today = timezone.localdate()
    for number in range(context.size):
        form, form_word = FORM_WORDS[number % len(FORM_WORDS)]
        theme, theme_areas, tags = THEMES[(number * 7) % len(THEMES)]
        district = districts[(number * 11) % len(districts)]
        name = f"{form_word} {theme} {district.name}"
        if number >= len(FORM_WORDS) * len(THEMES):
            name = f"{name} {number}"
        slug = f"org-{number:05d}"
        # Draw every random number before the existence check, so that the sequence (and
        # so every organization) is the same whether or not earlier ones already exist.
        year = rng.randint(1990, today.year - 1)
        lat = Decimal("52.4064") + Decimal(rng.randint(-600, 600)) / 10000
        lon = Decimal("16.9252") + Decimal(rng.randint(-900, 900)) / 10000
        takes_volunteers = rng.random() < 0.45
        is_opp = form != LegalForm.INFORMAL_GROUP and rng.random() < 0.3
        confirmed_days_ago = rng.randint(0, 540)
        extra_district = districts[rng.randrange(len(districts))]
        if slug in existing:
            continue
        organization = OrganizationPage(
            title=name,
            slug=slug,
            short_name=theme,
            legal_form=form,
            krs="" if form == LegalForm.INFORMAL_GROUP else f"{9_000_000_000 + number:010d}",
            nip=fictional_nip(number),
            regon=fictional_regon(number),
            is_public_benefit=is_opp,
            year_founded=year,
            street_address=f"ul. {STREETS[number % len(STREETS)]} {number % 90 + 1}",
            postal_code=f"6{number % 2}-{number % 900 + 100:03d}",
            city="Poznań",
            latitude=lat,
            longitude=lon,
            email=f"kontakt{number}@example.org",
            phone=f"+48 000 {number % 1000:03d} {number % 100:02d}",
            website=f"https://org{number}.example.org/",
            takes_volunteers=takes_volunteers,
            search_description=f"{form_word} {theme}: {district.name}.",
            locale=index.locale,
            # The demo shows some profiles whose data has not been confirmed for over a year.
            data_confirmed_at=today - datetime.timedelta(days=confirmed_days_ago),
        )
        organization.description = [
            ("paragraph", DESCRIPTIONS["pl"].format(name=name, district=district.name, year=year))
        ]
        relations = {
            "areas": [areas[slug] for slug in theme_areas if slug in areas],
            "districts": list(dict.fromkeys([district, extra_district])),
            "tags": list(tags),
        }
        yield number, organization, relations


def _translate(organization, index, district, year, context):
    organization.refresh_from_db()
    translation = organization.copy_for_translation(index.locale)
    translation.description = [
        (
            "paragraph",
            DESCRIPTIONS[index.locale.language_code].format(
                name=organization.title, district=district.name, year=year
            ),
        )
    ]
    translation.save_revision().publish()
    context.count("organizations")


def _index_pages(homes, context):
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        title, slug, intro = INDEX_PAGES[code]
        index = OrganizationIndexPage.objects.child_of(homes[code]).first()
        if index is None:
            index = OrganizationIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("organizations")
        translation_key = index.translation_key
        indexes[code] = index
    return indexes
