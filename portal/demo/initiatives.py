"""Local initiative: the page with its criteria in three languages, and invented applications
(one of each status the public list shows, one still unassessed)."""

import datetime

from django.utils import timezone

from pages.initiatives.models import LocalInitiative, LocalInitiativePage
from pages.models import AreaOfPublicBenefit, District, HomePage

CRITERIA = {
    "pl": "<ul><li>pożytek dla mieszkańców (0-5 pkt)</li><li>wkład własny mieszkańców: praca, "
    "rzeczy, pieniądze (0-5 pkt)</li><li>wykonalność (0-5 pkt)</li></ul>",
    "en": "<ul><li>benefit to residents (0-5 points)</li><li>residents' own contribution: work, "
    "things, money (0-5 points)</li><li>feasibility (0-5 points)</li></ul>",
    "uk": "<ul><li>користь для мешканців (0-5 балів)</li><li>власний внесок мешканців: праця, "
    "речі, гроші (0-5 балів)</li><li>здійсненність (0-5 балів)</li></ul>",
}
INDEX = {
    "pl": (
        "Inicjatywa lokalna",
        "inicjatywa-lokalna",
        "<p>Mieszkańcy realizują zadanie publiczne razem z miastem.</p>",
    ),
    "en": (
        "Local initiative",
        "local-initiative",
        "<p>Residents carry out a public task together with the city.</p>",
    ),
    "uk": (
        "Місцева ініціатива",
        "mistseva-initsiatyva",
        "<p>Мешканці виконують публічне завдання разом із містом.</p>",
    ),
}
# (title, group, area, status, work hours, money, note)
INITIATIVES = [
    (
        "Zielone podwórko przy ul. Przykładowej",
        "Sąsiedzi z ul. Przykładowej",
        "ekologia-i-ochrona-zwierzat",
        "accepted",
        120,
        "500.00",
        "Wysoki wkład pracy mieszkańców; miasto dostarczy rośliny i ziemię.",
    ),
    (
        "Kino plenerowe na osiedlu",
        "Grupa nieformalna Osiedlowe Kino",
        "kultura-i-sztuka",
        "assessing",
        60,
        "0",
        "",
    ),
    (
        "Ławki przy placu zabaw",
        "Rada rodziców przedszkola nr 0",
        "wspolnoty-lokalne",
        "rejected",
        10,
        "0",
        "Zadanie jest już w planie inwestycji dzielnicy na ten rok.",
    ),
    (
        "Warsztaty naprawy rowerów",
        "Klub Rowerowy Przykład",
        "kultura-fizyczna",
        "submitted",
        40,
        "200.00",
        "",
    ),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        page = LocalInitiativePage.objects.child_of(homes[code]).first()
        if page is None:
            title, slug, intro = INDEX[code]
            page = LocalInitiativePage(
                title=title,
                slug=slug,
                intro=intro,
                criteria=CRITERIA[code],
                show_in_menus=True,
                locale=homes[code].locale,
            )
            if translation_key:
                page.translation_key = translation_key
            homes[code].add_child(instance=page)
            page.save_revision().publish()
            context.count("initiatives")
        translation_key = page.translation_key
    if LocalInitiative.objects.exists():
        return
    district = District.objects.filter(locale__language_code="pl").order_by("pk").first()
    today = timezone.localdate()
    for number, (title, group, area, status, hours, money, note) in enumerate(INITIATIVES):
        LocalInitiative.objects.create(
            title=title,
            group_name=group,
            area=AreaOfPublicBenefit.objects.get(slug=area, locale__language_code="pl"),
            district=district,
            description="Opis przykładowej inicjatywy: co, gdzie i dla kogo.",
            starts_on=today + datetime.timedelta(days=30 + number * 7),
            ends_on=today + datetime.timedelta(days=60 + number * 7),
            work_hours=hours,
            money=money,
            city_support="Materiały i zgoda na korzystanie z terenu.",
            contact_name="Osoba Kontaktowa",
            contact_email=f"inicjatywa{number}@example.org",
            status=status,
            public_note=note,
            score_benefit=4 if status != "submitted" else None,
            score_contribution=4 if status != "submitted" else None,
            score_feasibility=3 if status != "submitted" else None,
        )
        context.count("initiatives")
