"""An invented city-wide NGO fair (pl, en, uk) about six weeks ahead, with a few demo
organizations' stands: three accepted and placed on the map, one waiting for the office.

Its list of fairs is not in the main menu: the fair reaches residents through the calendar
(the fairs' calendar source), which is."""

import datetime

from django.utils import timezone

from pages.fairs.models import FairIndexPage, FairPage, StandRegistration
from pages.models import HomePage, OrganizationPage

INDEX = {
    "pl": (
        "Targi organizacji",
        "targi-organizacji",
        "<p>Miejskie wydarzenia, na których organizacje pozarządowe pokazują się na stoiskach.</p>",
    ),
    "en": (
        "NGO fairs",
        "ngo-fairs",
        "<p>City-wide events at which NGOs show their work at stands.</p>",
    ),
    "uk": (
        "Ярмарки організацій",
        "yarmarky-orhanizatsii",
        "<p>Міські події, на яких громадські організації представляють себе на стендах.</p>",
    ),
}
FAIR = {
    "pl": (
        "Przykładowy Jarmark Aktywnych Mieszkańców",
        "jarmark-aktywnych-mieszkancow",
        "Plac Przykładowy",
        "<p>Całodniowe święto organizacji pozarządowych: stoiska, warsztaty dla dzieci, "
        "scena i punkt wolontariatu.</p>",
    ),
    "en": (
        "Sample Fair of Active Residents",
        "fair-of-active-residents",
        "Sample Square",
        "<p>A day-long festival of NGOs: stands, workshops for children, a stage and a "
        "volunteering point.</p>",
    ),
    "uk": (
        "Зразковий ярмарок активних мешканців",
        "yarmarok-aktyvnykh-meshkantsiv",
        "Зразкова площа",
        "<p>Цілоденне свято громадських організацій: стенди, майстер-класи для дітей, сцена "
        "та пункт волонтерства.</p>",
    ),
}
LATITUDE, LONGITUDE = "52.408500", "16.933800"
# (what the stand shows, stand number, offset of its marker from the fair's place, status)
STANDS = [
    ("Gry planszowe dla całych rodzin i zapisy na wolontariat.", "1", (0.0002, -0.0003)),
    ("Pokaz pierwszej pomocy i nauka resuscytacji.", "2", (0.0001, 0.0001)),
    ("Warsztaty ekologiczne: budki dla ptaków z drewna z odzysku.", "3", (-0.0002, 0.0003)),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _indexes(homes, context)
    if FairPage.objects.exists():
        return
    day = timezone.localdate() + datetime.timedelta(days=42)
    day += datetime.timedelta(days=(5 - day.weekday()) % 7)  # a Saturday
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(11)))
    source = None
    for code in ("pl", "en", "uk"):
        if code not in indexes:
            continue
        title, slug, place, body = FAIR[code]
        fair = FairPage(
            title=title,
            slug=slug,
            place=place,
            address="Plac Przykładowy 1",
            body=body,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=6),
            latitude=LATITUDE,
            longitude=LONGITUDE,
            capacity=30,
            registration_until=day - datetime.timedelta(days=14),
            locale=indexes[code].locale,
        )
        if source is not None:
            fair.translation_key = source.translation_key
        indexes[code].add_child(instance=fair)
        fair.save_revision().publish()
        context.count("fairs")
        source = source or fair
    _stands(source, context)


def _indexes(homes, context):
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        title, slug, intro = INDEX[code]
        index = FairIndexPage.objects.child_of(homes[code]).first()
        if index is None:
            # Not in the main menu: the calendar, which is, lists the fair.
            index = FairIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=False, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("fairs")
        translation_key = index.translation_key
        indexes[code] = index
    return indexes


def _stands(fair, context):
    organizations = list(
        OrganizationPage.objects.live().filter(locale__language_code="pl").order_by("pk")[:4]
    )
    now = timezone.now()
    for number, organization in enumerate(organizations):
        if number < len(STANDS):
            exhibit, stand_number, (north, east) = STANDS[number]
            status = StandRegistration.Status.ACCEPTED
            latitude = f"{float(LATITUDE) + north:.6f}"
            longitude = f"{float(LONGITUDE) + east:.6f}"
        else:
            exhibit, stand_number, status = "Kiermasz rękodzieła podopiecznych.", "", "submitted"
            latitude = longitude = None
        StandRegistration.objects.create(
            fair=fair,
            organization=organization,
            exhibit=exhibit,
            needs_power=number % 2 == 0,
            needs_table=True,
            chairs=2,
            shelter=StandRegistration.Shelter.NEEDED if number == 1 else "none",
            contact_name=f"Osoba Kontaktowa {number + 1}",
            contact_email=f"stoisko{number + 1}@example.org",
            contact_phone="+48 600 000 00" + str(number),
            status=status,
            stand_number=stand_number,
            latitude=latitude,
            longitude=longitude,
            decided_at=now if status == StandRegistration.Status.ACCEPTED else None,
        )
        context.count("fairs")
