"""District councils: the list in three languages and a council page for the first three
districts (invented seats, hours and example.org addresses; roles only, no names), each
translated into English and Ukrainian. The events, offers and organizations the other loaders
put into those districts show on the councils' pages."""

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from pages.calendar.models import CalendarOccurrence
from pages.district_councils.models import DistrictCouncilIndexPage, DistrictCouncilPage
from pages.models import District, HomePage

INDEX = {
    "pl": (
        "Rady osiedli",
        "rady-osiedli",
        "<p>Rady osiedli to wybierane przez mieszkańców jednostki pomocnicze miasta. "
        "Tu znajdziesz ich siedziby, dyżury i to, co dzieje się w każdym osiedlu.</p>",
    ),
    "en": (
        "District councils",
        "district-councils",
        "<p>District councils are auxiliary bodies of the city elected by the residents. "
        "Here are their seats, duty hours and what is going on in each district.</p>",
    ),
    "uk": (
        "Ради районів",
        "rady-raioniv",
        "<p>Ради районів — допоміжні органи міста, які обирають мешканці. "
        "Тут їхні адреси, години чергувань і те, що відбувається в кожному районі.</p>",
    ),
}
# (seat, duty hours pl/en/uk, lead pl/en/uk)
COUNCILS = [
    (
        "ul. Przykładowa 1, sala 2",
        ("wtorki 17:00-19:00", "Tuesdays 17:00-19:00", "вівторки 17:00-19:00"),
        (
            "Dyżury radnych, budżet osiedla i spotkania z mieszkańcami.",
            "Councillors' duty hours, the district's budget and meetings with residents.",
            "Чергування радних, бюджет району та зустрічі з мешканцями.",
        ),
    ),
    (
        "ul. Testowa 12 (szkoła podstawowa, parter)",
        (
            "pierwszy czwartek miesiąca 18:00-19:30",
            "first Thursday of the month 18:00-19:30",
            "перший четвер місяця 18:00-19:30",
        ),
        (
            "Zielone podwórka, bezpieczne przejścia i sąsiedzkie festyny.",
            "Green courtyards, safe crossings and neighbourhood fairs.",
            "Зелені подвір'я, безпечні переходи та сусідські свята.",
        ),
    ),
    (
        "os. Wzorcowe 7, klub osiedlowy",
        ("środy 16:00-18:00", "Wednesdays 16:00-18:00", "середи 16:00-18:00"),
        (
            "Współpraca z organizacjami i klubami sportowymi osiedla.",
            "Cooperation with the district's organizations and sports clubs.",
            "Співпраця з організаціями та спортивними клубами району.",
        ),
    ),
]
TITLES = {"pl": "Rada Osiedla {name}", "en": "{name} District Council", "uk": "Рада району {name}"}
BODY = {
    "pl": "Rada opiniuje sprawy osiedla, dzieli jego budżet i wspiera inicjatywy mieszkańców. "
    "Na sesje rady może przyjść każdy mieszkaniec.",
    "en": "The council gives its opinion on the district's matters, shares out its budget and "
    "supports residents' initiatives. Any resident may attend its sessions.",
    "uk": "Рада висловлює думку щодо справ району, розподіляє його бюджет і підтримує "
    "ініціативи мешканців. На сесії ради може прийти кожен мешканець.",
}
MEMBERS = {
    "pl": "Przewodniczący rady\nPrzewodnicząca zarządu\nSekretarz\nRadni (15 osób)",
    "en": "Chair of the council\nChair of the board\nSecretary\nCouncillors (15)",
    "uk": "Голова ради\nГолова правління\nСекретар\nРадні (15 осіб)",
}


def _body(code):
    return [("paragraph", f"<p>{BODY[code]}</p>")]


def _busiest_districts(locale):
    """The districts with the most organizations and upcoming dates first, so the demo's
    councils have something to show."""
    now = timezone.now()
    districts = District.objects.filter(locale=locale).annotate(
        organizations_count=Count("organizations", distinct=True),
        has_dates=Exists(CalendarOccurrence.objects.filter(district=OuterRef("pk"), end__gt=now)),
    )
    return list(
        districts.order_by("-has_dates", "-organizations_count", "sort_order")[: len(COUNCILS)]
    )


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        index = DistrictCouncilIndexPage.objects.child_of(homes[code]).first()
        if index is None:
            title, slug, intro = INDEX[code]
            # Not in the main menu (it is long enough): the footer links the list.
            index = DistrictCouncilIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=False, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("district_councils")
        translation_key = index.translation_key
        indexes[code] = index
    if DistrictCouncilPage.objects.exists():
        return
    districts = _busiest_districts(indexes["pl"].locale)
    for number, (seat, hours, leads) in enumerate(COUNCILS[: len(districts)]):
        district = districts[number]
        council = DistrictCouncilPage(
            title=TITLES["pl"].format(name=district.name),
            slug=f"rada-{district.slug}"[:80],
            district=district,
            lead=leads[0],
            seat=f"{seat}, Poznań",
            duty_hours=hours[0],
            email=f"rada.{district.slug}@example.org",
            body=_body("pl"),
            members=MEMBERS["pl"],
        )
        indexes["pl"].add_child(instance=council)
        council.save_revision().publish()
        context.count("district_councils")
        for position, code in enumerate(("en", "uk"), start=1):
            if code not in indexes:
                continue
            name = (
                District.objects.filter(
                    translation_key=district.translation_key, locale=indexes[code].locale
                )
                .values_list("name", flat=True)
                .first()
                or district.name
            )
            council.refresh_from_db()
            translation = council.copy_for_translation(indexes[code].locale)
            translation.title = TITLES[code].format(name=name)
            translation.lead = leads[position]
            translation.duty_hours = hours[position]
            translation.body = _body(code)
            translation.members = MEMBERS[code]
            translation.save_revision().publish()
            context.count("district_councils")
