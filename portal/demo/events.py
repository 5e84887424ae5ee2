"""A calendar of fictional events for the coming months, in every language's calendar page.

One-off, multi-day and recurring events (a weekly drop-in on Mondays, monthly meetings), some
with a cancelled or moved occurrence, a cancelled and a postponed event, across organizations,
categories and districts. Dates are counted from the day the demo is loaded, so the calendar is
never empty. Events are created in Polish; a few get English and Ukrainian translations, the
others show in Polish in the other languages' calendars.
"""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Site

from pages.calendar.models import CalendarPage, EventCategory, EventException, EventPage
from pages.models import AreaOfPublicBenefit, District, HomePage, OrganizationPage

from . import bulk

CALENDAR_PAGES = {
    "pl": (
        "Kalendarz wydarzeń",
        "kalendarz",
        "<p>Spotkania, warsztaty, festyny i dyżury organizacji pozarządowych i urzędu.</p>",
    ),
    "en": (
        "Events",
        "events",
        "<p>Meetings, workshops, fairs and drop-in hours of NGOs and the city office.</p>",
    ),
    "uk": (
        "Календар подій",
        "kalendar",
        "<p>Зустрічі, майстер-класи, фестини та чергування організацій і міської ради.</p>",
    ),
}

# (slug, title, category, district index, organizer index or None, day offset, start hour,
#  hours, extra fields); the offset counts days from next Monday.
EVENTS = [
    (
        "dyzur-doradcy-ngo",
        "Dyżur doradcy dla NGO i grup nieformalnych",
        "dyzur",
        0,
        None,
        0,
        11,
        6,
        {
            "frequency": "WEEKLY",
            "byweekday": "MO",
            "count": 26,
            "venue_name": "Centrum Inicjatyw Lokalnych",
            "street_address": "ul. Przykładowa 1",
            "step_free_access": True,
            "induction_loop": True,
            "audience": "organizacje pozarządowe i grupy nieformalne",
        },
    ),
    (
        "rada-seniorow",
        "Spotkanie Miejskiej Rady Seniorów",
        "spotkanie",
        1,
        0,
        2,
        17,
        2,
        {
            "frequency": "MONTHLY",
            "count": 6,
            "venue_name": "Sala sesyjna",
            "street_address": "ul. Przykładowa 1",
            "step_free_access": True,
            "sign_language": True,
            "audience": "seniorzy",
        },
    ),
    (
        "warsztaty-ceramiki",
        "Warsztaty ceramiki dla seniorów",
        "warsztaty",
        2,
        1,
        3,
        10,
        2,
        {
            "frequency": "WEEKLY",
            "interval": 2,
            "count": 8,
            "is_free": False,
            "price_text": "20 zł za zajęcia",
            "price_amount": Decimal("20"),
            "venue_name": "Pracownia Glina",
            "street_address": "ul. Klonowa 5",
            "quiet_room": True,
        },
    ),
    (
        "festyn-sasiedzki",
        "Festyn Sąsiedzki",
        "festyn",
        3,
        2,
        12,
        0,
        0,
        {
            "all_day": True,
            "days": 2,
            "venue_name": "Park Osiedlowy",
            "step_free_access": True,
            "audience": "rodziny z dziećmi",
        },
    ),
    (
        "konferencja-wolontariat",
        "Konferencja „Wolontariat w mieście”",
        "konferencja",
        0,
        3,
        17,
        9,
        7,
        {
            "days": 2,
            "venue_name": "Centrum Konferencyjne",
            "street_address": "ul. Polna 10",
            "online_url": "https://stream.example.org/wolontariat",
            "registration_url": "https://forms.example.org/konferencja",
            "step_free_access": True,
            "induction_loop": True,
            "sign_language": True,
        },
    ),
    (
        "webinar-granty",
        "Webinar: jak napisać wniosek o grant",
        "szkolenie",
        None,
        None,
        8,
        10,
        2,
        {"online_url": "https://meet.example.org/granty"},
    ),
    (
        "bieg-charytatywny",
        "Bieg Charytatywny „Pomagamy biegając”",
        "sport",
        4,
        4,
        26,
        9,
        4,
        {"venue_name": "Stadion Osiedlowy", "registration_url": "https://forms.example.org/bieg"},
    ),
    (
        "koncert-choru",
        "Koncert Chóru Osiedlowego",
        "kultura",
        5,
        5,
        19,
        18,
        2,
        {"status": EventPage.Status.CANCELLED, "venue_name": "Kościół Garnizonowy"},
    ),
    (
        "szkolenie-rodo",
        "Szkolenie: ochrona danych osobowych w NGO",
        "szkolenie",
        0,
        None,
        33,
        12,
        3,
        {"status": EventPage.Status.POSTPONED, "venue_name": "Centrum Inicjatyw Lokalnych"},
    ),
    (
        "spacer-historyczny",
        "Spacer historyczny po dzielnicy",
        "kultura",
        6,
        6,
        40,
        15,
        2,
        {"venue_name": "Zbiórka przy fontannie", "audience": "dorośli i młodzież"},
    ),
]

TRANSLATIONS = {
    "dyzur-doradcy-ngo": {
        "en": "Drop-in advice for NGOs",
        "uk": "Чергування консультанта для громадських організацій",
    },
    "festyn-sasiedzki": {"en": "Neighbourhood fair", "uk": "Сусідський фестин"},
    "konferencja-wolontariat": {
        "en": "Conference “Volunteering in the city”",
        "uk": "Конференція «Волонтерство в місті»",
    },
}

DESCRIPTION = (
    "<p>Zapraszamy wszystkich mieszkańców. Wydarzenie jest fikcyjne i służy pokazaniu "
    "kalendarza portalu.</p>"
)


def load(context):
    site = Site.objects.get(is_default_site=True)
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(translation_key=site.root_page.translation_key)
    }
    calendars = _calendar_pages(homes, context)
    pl = calendars["pl"]
    categories = {c.slug: c for c in EventCategory.objects.filter(locale=pl.locale)}
    districts = list(District.objects.filter(locale=pl.locale).order_by("sort_order")[:12])
    areas = list(AreaOfPublicBenefit.objects.filter(locale=pl.locale)[:10])
    organizations = list(
        OrganizationPage.objects.filter(locale=pl.locale).live().order_by("path")[:12]
    )
    existing = set(EventPage.objects.child_of(pl).values_list("slug", flat=True))
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    for number, row in enumerate(EVENTS):
        slug, title, category, district, organizer, offset, hour, hours, extra = row
        if slug in existing:
            continue
        extra = dict(extra)
        days = extra.pop("days", 1)
        day = monday + datetime.timedelta(days=offset)
        start = _at(day, hour)
        end = (
            _at(day + datetime.timedelta(days=days - 1), hour + hours)
            if hours
            else _at(day + datetime.timedelta(days=days - 1), 23)
        )
        event = EventPage(
            title=title,
            slug=slug,
            start=start,
            end=end,
            category=categories.get(category),
            district=districts[district % len(districts)] if district is not None else None,
            organizer=(
                organizations[organizer % len(organizations)]
                if organizer is not None and organizations
                else None
            ),
            city="Poznań",
            search_description=title,
            locale=pl.locale,
            **extra,
        )
        if event.street_address or event.venue_name:
            event.latitude = Decimal("52.4064") + Decimal(number * 37 % 200 - 100) / 10000
            event.longitude = Decimal("16.9252") + Decimal(number * 53 % 300 - 150) / 10000
        event.description = [("paragraph", DESCRIPTION)]
        if slug == "dyzur-doradcy-ngo":
            # The second Monday is cancelled; the fourth moves to Tuesday, another room.
            event.exceptions = [
                EventException(
                    original_start=start + datetime.timedelta(days=7),
                    kind="cancelled",
                    note="Dyżur odwołany: doradca na szkoleniu.",
                ),
                EventException(
                    original_start=start + datetime.timedelta(days=21),
                    kind="moved",
                    new_start=start + datetime.timedelta(days=22),
                    new_end=end + datetime.timedelta(days=22),
                    new_venue_name="Sala 102",
                    note="Wyjątkowo we wtorek.",
                ),
            ]
        pl.add_child(instance=event)
        if areas:
            event.areas.set([areas[number % len(areas)]])
        event.tags.set(["demo", category])
        event.save_revision().publish()
        context.count("events")
        for code, translated_title in TRANSLATIONS.get(slug, {}).items():
            _translate(event, calendars[code], translated_title, context)
    _neighbourhood_meetings(pl, categories, districts, organizations, monday, context)
    _past_event(pl, categories, today, context)


def _at(day, hour):
    hour = min(hour, 23)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_default_timezone()
    )


def _translate(event, calendar, title, context):
    event.refresh_from_db()
    if event.get_translations().filter(locale=calendar.locale).exists():
        return
    translation = event.copy_for_translation(calendar.locale)
    translation.title = title
    translation.save_revision().publish()
    context.count("events")


def _neighbourhood_meetings(calendar, categories, districts, organizations, monday, context):
    """Scaled by the demo's size: one-off neighbourhood meetings over the coming months.

    Three months at the default size; at city scale (5,000 events) a year, as a city's calendar
    holds them, about fourteen a day.
    """
    existing = set(EventPage.objects.child_of(calendar).values_list("slug", flat=True))
    span = max(90, min(365, context.size // 10))
    for number in range(max(3, context.size // 2)):
        slug = f"spotkanie-sasiedzkie-{number:04d}"
        rng_day = context.rng.randrange(span)
        rng_hour = context.rng.choice([10, 16, 17, 18])
        if slug in existing:
            continue
        district = districts[number % len(districts)]
        day = monday + datetime.timedelta(days=rng_day)
        event = EventPage(
            title=f"Spotkanie sąsiedzkie: {district.name}",
            slug=slug,
            start=_at(day, rng_hour),
            end=_at(day, rng_hour + 2),
            category=categories.get("spotkanie"),
            district=district,
            organizer=organizations[number % len(organizations)] if organizations else None,
            venue_name=f"Klub osiedlowy {district.name}",
            city="Poznań",
            step_free_access=number % 2 == 0,
            locale=calendar.locale,
        )
        event.description = [("paragraph", DESCRIPTION)]
        calendar.add_child(instance=event)
        bulk.publish(event, context)
        context.count("events")


def _past_event(calendar, categories, today, context):
    if EventPage.objects.child_of(calendar).filter(slug="piknik-jesienny").exists():
        return
    day = today - datetime.timedelta(days=30)
    event = EventPage(
        title="Piknik jesienny",
        slug="piknik-jesienny",
        start=_at(day, 12),
        end=_at(day, 16),
        category=categories.get("festyn"),
        venue_name="Park Osiedlowy",
        city="Poznań",
        locale=calendar.locale,
    )
    event.description = [("paragraph", DESCRIPTION)]
    calendar.add_child(instance=event)
    event.save_revision().publish()
    context.count("events")


def _calendar_pages(homes, context):
    calendars = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        title, slug, intro = CALENDAR_PAGES[code]
        calendar = CalendarPage.objects.child_of(homes[code]).first()
        if calendar is None:
            calendar = CalendarPage(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                calendar.translation_key = translation_key
            homes[code].add_child(instance=calendar)
            calendar.save_revision().publish()
            context.count("events")
        translation_key = calendar.translation_key
        calendars[code] = calendar
    return calendars
