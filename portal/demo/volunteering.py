"""Fictional volunteer offers of the demo organizations, a few of the city office's own, and
applications from invented volunteers (example.org addresses).

Offers live beneath their organization's profile; offers of translated profiles are translated
too, so the English and Ukrainian listings are not empty.
"""

import datetime

from django.utils import timezone

from pages.models import (
    AreaOfPublicBenefit,
    District,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)
from pages.volunteering.models import (
    OfferMode,
    OfferSchedule,
    VolunteerApplication,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)

from . import bulk

INDEX_PAGES = {
    "pl": (
        "Wolontariat",
        "wolontariat",
        "<p>Oferty wolontariatu organizacji i instytucji miejskich. Wybierz, zgłoś się, "
        "pomagaj.</p>",
    ),
    "en": (
        "Volunteering",
        "volunteering",
        "<p>Volunteer offers of the city's organizations and institutions. Pick one, apply, "
        "help.</p>",
    ),
    "uk": (
        "Волонтерство",
        "volonterstvo",
        "<p>Волонтерські пропозиції організацій та міських установ. Обирайте, подавайте "
        "заявку, допомагайте.</p>",
    ),
}

# (title, lead, tasks, areas, mode, schedule, flags)
OFFERS = [
    (
        "Pomoc w zbiórce żywności",
        "Szukamy osób do pomocy przy sobotniej zbiórce żywności w sklepach osiedla.",
        "Zachęcanie klientów do udziału w zbiórce, pakowanie i liczenie darów.",
        ["pomoc-spoleczna", "dzialalnosc-charytatywna"],
        OfferMode.ON_SITE,
        OfferSchedule.ONE_OFF,
        {
            "minors_allowed": True,
            "minimum_age": 13,
            "suits_groups": True,
            "school_volunteering": True,
        },
    ),
    (
        "Korepetycje dla dzieci z osiedla",
        "Pomóż dzieciom w nauce matematyki i języka polskiego raz w tygodniu.",
        "Zajęcia wyrównawcze w świetlicy, przygotowanie do sprawdzianów.",
        ["edukacja", "dzieci-i-mlodziez"],
        OfferMode.ON_SITE,
        OfferSchedule.REGULAR,
        {"suits_seniors": True, "offers_training": True, "offers_certificate": True},
    ),
    (
        "Spacery z psami ze schroniska",
        "Wyprowadzaj psy ze schroniska na spacery w weekendy.",
        "Spacery z psami, socjalizacja zwierząt, pomoc przy karmieniu.",
        ["ekologia-i-ochrona-zwierzat"],
        OfferMode.ON_SITE,
        OfferSchedule.REGULAR,
        {"suits_groups": True, "employee_volunteering": True, "offers_insurance": True},
    ),
    (
        "Tłumaczenia dla rodzin z Ukrainy",
        "Tłumaczenia online pism urzędowych z języka polskiego na ukraiński.",
        "Tłumaczenie krótkich pism, pomoc w wypełnianiu wniosków przez wideorozmowę.",
        ["integracja-cudzoziemcow", "pomoc-spoleczna"],
        OfferMode.ONLINE,
        OfferSchedule.REGULAR,
        {"suits_seniors": True, "offers_certificate": True},
    ),
    (
        "Festyn sąsiedzki – obsługa stoisk",
        "Jednodniowa pomoc przy festynie: stoiska, gry dla dzieci, porządek.",
        "Obsługa stoisk z grami, pomoc w rozstawieniu namiotów i sprzątaniu.",
        ["wspolnoty-lokalne", "kultura-i-sztuka"],
        OfferMode.ON_SITE,
        OfferSchedule.ONE_OFF,
        {
            "minors_allowed": True,
            "minimum_age": 15,
            "suits_groups": True,
            "employee_volunteering": True,
            "accessible_place": True,
        },
    ),
    (
        "Towarzyszenie seniorom",
        "Odwiedzaj samotnych seniorów: rozmowa, spacer, wspólne zakupy.",
        "Cotygodniowe odwiedziny u seniora, drobna pomoc w codziennych sprawach.",
        ["seniorzy", "pomoc-spoleczna"],
        OfferMode.ON_SITE,
        OfferSchedule.REGULAR,
        {"offers_training": True, "offers_travel_refund": True, "offers_insurance": True},
    ),
    (
        "Prowadzenie mediów społecznościowych",
        "Pomóż nam opowiadać o naszej pracy w sieci: posty, zdjęcia, krótkie filmy.",
        "Przygotowanie postów, prowadzenie kalendarza publikacji, odpowiedzi na wiadomości.",
        ["wspieranie-organizacji", "kultura-i-sztuka"],
        OfferMode.HYBRID,
        OfferSchedule.REGULAR,
        {"employee_volunteering": True, "offers_certificate": True},
    ),
    (
        "Sprzątanie brzegów Warty",
        "Wspólne sprzątanie brzegów rzeki: rękawice i worki zapewniamy.",
        "Zbieranie śmieci, segregacja, dokumentowanie dzikich wysypisk.",
        ["ekologia-i-ochrona-zwierzat", "wspolnoty-lokalne"],
        OfferMode.ON_SITE,
        OfferSchedule.ONE_OFF,
        {
            "minors_allowed": True,
            "minimum_age": 12,
            "suits_groups": True,
            "employee_volunteering": True,
            "school_volunteering": True,
        },
    ),
]

TRANSLATIONS = {
    "en": "Volunteer: {title}",
    "uk": "Волонтерство: {title}",
}

VOLUNTEERS = [
    ("Anna Przykładowa", "anna.przykladowa@example.org"),
    ("Jan Testowy", "jan.testowy@example.org"),
    ("Olena Demo", "olena.demo@example.org"),
    ("Piotr Fikcyjny", "piotr.fikcyjny@example.org"),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _index_pages(homes, context)
    directory = OrganizationIndexPage.objects.child_of(homes["pl"]).first()
    if directory is None:
        return
    organizations = list(
        OrganizationPage.objects.child_of(directory).live().order_by("path")[: max(context.size, 8)]
    )
    if not organizations:
        return
    pl = homes["pl"].locale
    areas = {area.slug: area for area in AreaOfPublicBenefit.objects.filter(locale=pl)}
    districts = list(District.objects.filter(locale=pl))
    existing = set(VolunteerOfferPage.objects.filter(locale=pl).values_list("slug", flat=True))
    rng = context.rng
    today = timezone.localdate()
    # City scale (issue 12): 10,000 organizations publish about 3,000 offers.
    count = max(len(OFFERS), min(context.size, 3000))
    for number in range(count):
        title, lead, tasks, offer_areas, mode, schedule, flags = OFFERS[number % len(OFFERS)]
        # The city office runs every fifth offer itself, beneath the listing.
        city_office = number % 5 == 4
        organization = organizations[(number * 3) % len(organizations)]
        district = districts[(number * 7) % len(districts)]
        starts_in = rng.randint(3, 40)
        deadline_in = rng.randint(1, starts_in)
        lasts = rng.randint(30, 180)
        needed = rng.choice([None, 2, 5, 10, 20])
        slug = f"oferta-{number:04d}"
        if slug in existing:
            continue
        start = today + datetime.timedelta(days=starts_in)
        offer = VolunteerOfferPage(
            title=title if number < len(OFFERS) else f"{title} ({number})",
            slug=slug,
            lead=lead,
            tasks=tasks,
            skills="Życzliwość, punktualność." if number % 2 else "",
            mode=mode,
            schedule=schedule,
            start_date=start,
            end_date=None
            if schedule == OfferSchedule.ONE_OFF
            else start + datetime.timedelta(days=lasts),
            time_description="Sobota 10:00–14:00" if schedule == OfferSchedule.ONE_OFF else "",
            hours_per_week=None if schedule == OfferSchedule.ONE_OFF else rng.choice([2, 3, 4, 6]),
            application_deadline=today + datetime.timedelta(days=deadline_in),
            volunteers_needed=needed,
            city="" if mode == OfferMode.ONLINE else "Poznań",
            street_address="" if mode == OfferMode.ONLINE else f"ul. Przykładowa {number + 1}",
            district=None if mode == OfferMode.ONLINE else district,
            organizer_name="Miejski Ośrodek Przykładowy" if city_office else "",
            locale=pl,
            **flags,
        )
        offer.description = [
            (
                "paragraph",
                f"<p>{lead} Zapewniamy wprowadzenie i opiekę koordynatora. "
                f"Napisz, kiedy możesz pomagać.</p>",
            )
        ]
        parent = indexes["pl"] if city_office else organization
        parent.add_child(instance=offer)
        offer.areas.set([areas[slug] for slug in offer_areas if slug in areas])
        offer.tags.set(["wolontariat", mode])
        bulk.publish(offer, context)
        context.count("volunteering")
        _applications(offer, number, context)
        if number < len(OFFERS):
            _translate(offer, indexes, organization, city_office, context)


def _applications(offer, number, context):
    for index, (name, email) in enumerate(VOLUNTEERS[: number % 3 + 1]):
        VolunteerApplication.objects.create(
            offer=offer,
            full_name=name,
            email=email,
            message="Chętnie pomogę, mam wolne weekendy.",
            availability="weekendy",
            consent_text="(demo)",
            status=[
                VolunteerApplication.Status.NEW,
                VolunteerApplication.Status.ACCEPTED,
                VolunteerApplication.Status.CONTACTED,
            ][index % 3],
            date_of_birth=datetime.date(2000, 1, 1) if offer.minors_allowed else None,
        )
        context.count("volunteering")


def _translate(offer, indexes, organization, city_office, context):
    """English and Ukrainian versions beneath the translated profile (or listing)."""
    for code in ("en", "uk"):
        locale = indexes[code].locale
        parent = indexes["pl"] if city_office else organization
        if not parent.get_translations().filter(locale=locale).exists():
            continue
        offer.refresh_from_db()
        translation = offer.copy_for_translation(locale)
        translation.title = TRANSLATIONS[code].format(title=offer.title)
        translation.save_revision().publish()
        context.count("volunteering")


def _index_pages(homes, context):
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        title, slug, intro = INDEX_PAGES[code]
        index = VolunteerOfferIndexPage.objects.child_of(homes[code]).first()
        if index is None:
            index = VolunteerOfferIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("volunteering")
        translation_key = index.translation_key
        indexes[code] = index
    return indexes
