"""The demo NGO centre: rooms, equipment, opening hours, a few bookings (invented throughout)."""

import datetime

from django.utils import timezone

from pages.centre.models import (
    Advisor,
    Booking,
    CentrePage,
    Closure,
    OpeningHours,
    Resource,
)
from pages.models import HomePage

ADVISORS = [
    ("Doradczyni ds. pozyskiwania funduszy", "fundraising", "FREQ=WEEKLY;BYDAY=MO", 11, 17),
    ("Doradca prawny", "law", "FREQ=WEEKLY;BYDAY=TU,TH", 16, 19),
    ("Doradczyni księgowa", "accounting", "FREQ=WEEKLY;BYDAY=WE", 9, 13),
    ("Doradca ds. promocji", "promotion", "FREQ=MONTHLY;BYDAY=1FR", 12, 15),
    ("Koordynatorka wolontariatu", "volunteering", "FREQ=WEEKLY;BYDAY=FR", 10, 14),
]

RESOURCES = [
    (
        "Sala konferencyjna",
        "room",
        40,
        "Rzutnik, ekran, nagłośnienie, 40 krzeseł.",
        "Wejście bez progów, winda, toaleta dostępna.",
    ),
    (
        "Sala warsztatowa",
        "room",
        16,
        "Stoły modułowe, tablica, flipchart.",
        "Parter, wejście bez progów.",
    ),
    ("Pokój spotkań", "room", 6, "Stół, telewizor z HDMI.", "Pierwsze piętro, winda."),
    (
        "Zestaw do webinarów",
        "equipment",
        None,
        "Kamera, mikrofon kierunkowy, oświetlenie, laptop.",
        "",
    ),
    ("Rzutnik przenośny", "equipment", None, "Rzutnik Full HD z ekranem na statywie.", ""),
    ("Konto Zoom", "online", 100, "Spotkania online do 100 osób, nagrywanie w chmurze.", ""),
]
HOURS = {0: (9, 21), 1: (9, 21), 2: (9, 21), 3: (9, 21), 4: (9, 21), 5: (10, 16)}
CENTRE_PAGES = {
    "pl": (
        "Centrum Organizacji Pozarządowych",
        "centrum",
        "<p>Bezpłatne sale, sprzęt i doradztwo dla organizacji i grup mieszkańców.</p>",
    ),
    "en": (
        "NGO Centre",
        "centre",
        "<p>Free rooms, equipment and advice for organizations and residents' groups.</p>",
    ),
    "uk": (
        "Центр громадських організацій",
        "tsentr",
        "<p>Безкоштовні зали, обладнання та консультації для організацій і груп мешканців.</p>",
    ),
}


def in_three_languages(model, texts, context, family):
    """One page beneath each home page (Polish, English, Ukrainian), one translation_key.

    Shown in the main menu: residents find it from every home page.
    """
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    pages = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        page = model.objects.child_of(homes[code]).first()
        if page is None:
            title, slug, intro = texts[code]
            page = model(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                page.translation_key = translation_key
            homes[code].add_child(instance=page)
            page.save_revision().publish()
            context.count(family)
        translation_key = page.translation_key
        pages[code] = page
    return pages


def load(context):
    home = HomePage.objects.filter(depth=2, locale__language_code="pl").first()
    if home is None:
        return
    loaded = CentrePage.objects.exists()
    in_three_languages(CentrePage, CENTRE_PAGES, context, "centre")
    if loaded:
        return
    for weekday, (opens, closes) in HOURS.items():
        OpeningHours.objects.get_or_create(
            weekday=weekday,
            defaults={"opens": datetime.time(opens), "closes": datetime.time(closes)},
        )
    today = timezone.localdate()
    Closure.objects.create(
        starts_on=datetime.date(today.year, 12, 24),
        ends_on=datetime.date(today.year, 12, 26),
        reason="Boże Narodzenie",
    )
    resources = [
        Resource.objects.create(
            name=name,
            kind=kind,
            capacity=capacity,
            description=description,
            accessibility=accessibility,
            sort_order=number,
        )
        for number, (name, kind, capacity, description, accessibility) in enumerate(RESOURCES)
    ]
    zone = timezone.get_current_timezone()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    for days, hours, state in [
        (0, (10, 12), "approved"),
        (1, (17, 20), "approved"),
        (2, (11, 13), "requested"),
    ]:
        day = monday + datetime.timedelta(days=days)
        Booking.objects.create(
            resource=resources[0],
            starts_at=datetime.datetime.combine(day, datetime.time(hours[0]), tzinfo=zone),
            ends_at=datetime.datetime.combine(day, datetime.time(hours[1]), tzinfo=zone),
            full_name="Osoba Przykładowa",
            email="rezerwacje@example.org",
            organization_name="Stowarzyszenie Przykładowe",
            purpose="Spotkanie członków stowarzyszenia.",
            state=state,
        )
    for name, topic, rule, start, end in ADVISORS:
        Advisor.objects.create(
            name=name,
            topic=topic,
            rule=rule,
            start_time=datetime.time(start),
            end_time=datetime.time(end),
        )
    context.count("centre", len(resources) + len(ADVISORS))
