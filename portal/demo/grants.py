"""Fictional grant calls and a grants register for the demo organizations (invented throughout)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pages.grants.models import (
    AwardedGrant,
    CommitteeNomination,
    GrantCallIndexPage,
    GrantCallPage,
    GrantCallStatus,
    GrantMode,
    GrantsRegisterPage,
)
from pages.models import (
    AreaOfPublicBenefit,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)

from .stories import _index_pages

CALL_INDEX = {
    "pl": ("Konkursy i dotacje", "konkursy", "<p>Otwarte konkursy ofert i małe granty.</p>"),
    "en": ("Grant calls", "grant-calls", "<p>Open competitions for offers and small grants.</p>"),
    "uk": ("Конкурси і гранти", "konkursy", "<p>Відкриті конкурси пропозицій і малі гранти.</p>"),
}
REGISTER = {
    "pl": (
        "Rejestr dotacji",
        "rejestr-dotacji",
        "<p>Wszystkie dotacje przyznane przez miasto.</p>",
    ),
    "en": ("Grants register", "grants-register", "<p>Every grant the city awarded.</p>"),
    "uk": ("Реєстр дотацій", "reiestr-dotatsii", "<p>Усі дотації, надані містом.</p>"),
}
TASKS = [
    "Zajęcia ruchowe dla seniorów",
    "Korepetycje dla dzieci z osiedla",
    "Sąsiedzki festyn ekologiczny",
    "Porady prawne dla cudzoziemców",
    "Warsztaty teatralne dla młodzieży",
    "Wsparcie opiekunów osób z niepełnosprawnościami",
]
AREAS = [
    "seniorzy",
    "edukacja",
    "ekologia-i-ochrona-zwierzat",
    "integracja-cudzoziemcow",
    "kultura-i-sztuka",
    "osoby-z-niepelnosprawnosciami",
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _index_pages(homes, GrantCallIndexPage, CALL_INDEX, context)
    _index_pages(homes, GrantsRegisterPage, REGISTER, context)
    pl = homes["pl"].locale
    areas = {area.slug: area for area in AreaOfPublicBenefit.objects.filter(locale=pl)}
    now = timezone.now()
    calls = {}
    for slug, title, mode, opens, closes, status, call_areas in [
        (
            "seniorzy-aktywni",
            "Otwarty konkurs ofert: aktywni seniorzy",
            GrantMode.OPEN_COMPETITION,
            now - datetime.timedelta(days=10),
            now + datetime.timedelta(days=20),
            "",
            ["seniorzy"],
        ),
        (
            "male-granty-sasiedzkie",
            "Małe granty sąsiedzkie",
            GrantMode.SMALL_GRANT,
            now + datetime.timedelta(days=15),
            now + datetime.timedelta(days=45),
            "",
            ["wspolnoty-lokalne"],
        ),
        (
            # Closed, under evaluation: its committee has been chosen (see _committee).
            "kultura-lokalna",
            "Otwarty konkurs ofert: kultura lokalna",
            GrantMode.OPEN_COMPETITION,
            now - datetime.timedelta(days=40),
            now - datetime.timedelta(days=10),
            "",
            ["kultura-i-sztuka"],
        ),
        (
            "edukacja-pozaszkolna",
            "Otwarty konkurs ofert: edukacja pozaszkolna",
            GrantMode.OPEN_COMPETITION,
            now - datetime.timedelta(days=120),
            now - datetime.timedelta(days=90),
            GrantCallStatus.RESULTS,
            ["edukacja", "dzieci-i-mlodziez"],
        ),
    ]:
        call = GrantCallPage.objects.child_of(indexes["pl"]).filter(slug=slug).first()
        if call is None:
            call = GrantCallPage(
                title=title,
                slug=slug,
                mode=mode,
                lead="Miasto zaprasza organizacje pozarządowe do składania ofert.",
                budget=Decimal("250000.00"),
                opens_at=opens,
                closes_at=closes,
                eligibility="<p>Organizacje pozarządowe i podmioty z art. 3 ust. 3 ustawy.</p>",
                application_url="https://witkac.example.org/konkurs",
                status_override=status,
                # A call with results says how many competed; the others are still open.
                offers_received=23 if status == GrantCallStatus.RESULTS else None,
                locale=pl,
            )
            call.questions = [
                (
                    "question",
                    {
                        "question": "Czy wkład własny jest wymagany?",
                        "answer": "<p>Tak, co najmniej 10% wartości zadania, także osobowy.</p>",
                    },
                )
            ]
            indexes["pl"].add_child(instance=call)
            call.areas.set([areas[a] for a in call_areas if a in areas])
            call.save_revision().publish()
            context.count("grants")
        calls[slug] = call

    directory = OrganizationIndexPage.objects.child_of(homes["pl"]).first()
    organizations = (
        list(OrganizationPage.objects.child_of(directory).order_by("path")[:40])
        if directory
        else []
    )
    if not organizations:
        return
    _committee(calls, organizations, indexes, now, context)
    if AwardedGrant.objects.exists():
        return
    count = max(12, min(context.size, 3000))
    grants = []
    for number in range(count):
        organization = organizations[number % len(organizations)]
        results = number < 6
        grants.append(
            AwardedGrant(
                call=calls["edukacja-pozaszkolna"] if results else None,
                organization=organization,
                organization_name=organization.title,
                task_title=TASKS[number % len(TASKS)],
                amount=Decimal(5000 + 2500 * context.rng.randint(0, 30)),
                year=now.year - (0 if results else number % 4),
                area=areas.get("edukacja" if results else AREAS[number % len(AREAS)]),
                mode=GrantMode.OPEN_COMPETITION if results or number % 3 else GrantMode.SMALL_GRANT,
                start_date=datetime.date(now.year, 3, 1),
                end_date=datetime.date(now.year, 11, 30),
            )
        )
    AwardedGrant.objects.bulk_create(grants)
    context.count("grants", len(grants))


NOMINATIONS_TEXT = {
    "pl": (
        "Komisja konkursowa ocenia oferty. Organizacje mogą zgłosić po jednym kandydacie "
        "z doświadczeniem w kulturze; nie może nim być osoba z organizacji, która startuje "
        "w konkursie."
    ),
    "en": (
        "The evaluation committee assesses the offers. Each organization may nominate one "
        "candidate experienced in culture, who may not come from an organization in the call."
    ),
    "uk": (
        "Конкурсна комісія оцінює пропозиції. Кожна організація може висунути одного кандидата з "
        "досвідом у сфері культури, який не може бути з організації-учасниці конкурсу."
    ),
}
CITY_MEMBERS = {
    "pl": "Anna Fikcyjna, przewodnicząca (Biuro ds. Organizacji Pozarządowych)\n"
    "Marek Umowny (Wydział Kultury)",
    "en": "Anna Fikcyjna, chair (Office for NGOs)\nMarek Umowny (Culture Department)",
    "uk": "Анна Фікційна, голова (Бюро у справах НУО)\nМарек Умовний (Відділ культури)",
}
CALL_TRANSLATIONS = {
    "en": (
        "Open call for offers: local culture",
        "local-culture",
        "The city invites NGOs to submit offers.",
    ),
    "uk": (
        "Відкритий конкурс пропозицій: місцева культура",
        "mistseva-kultura",
        "Місто запрошує громадські організації подавати пропозиції.",
    ),
}
# Invented candidates: (name, chosen, the city's note).
CANDIDATES = [
    ("Halina Przykładowa", CommitteeNomination.Status.CHOSEN, ""),
    ("Tomasz Wymyślony", CommitteeNomination.Status.CHOSEN, ""),
    (
        "Olena Demonstracyjna",
        CommitteeNomination.Status.NOT_CHOSEN,
        "Dziękujemy: wszystkie miejsca zostały zajęte; zapraszamy do kolejnych konkursów.",
    ),
]


def _committee(calls, organizations, indexes, now, context):
    """The past call's evaluation committee (three candidates, two chosen, the city's members),
    in three languages, and an open call for candidates on the open call."""
    open_call = calls["seniorzy-aktywni"]
    if open_call.nominations_close_at is None:
        open_call.nominations_close_at = now + datetime.timedelta(days=10)
        open_call.committee_seats = 3
        open_call.nominations_text = (
            "Szukamy osób z doświadczeniem w pracy z seniorami i w ocenie projektów."
        )
        open_call.save_revision().publish()
    # A call without results yet: none of the nominating organizations has a grant in it.
    call = calls["kultura-lokalna"]
    if CommitteeNomination.objects.filter(call=call).exists():
        return
    call.nominations_close_at = call.opens_at + datetime.timedelta(days=20)
    call.committee_seats = 2
    call.nominations_text = NOMINATIONS_TEXT["pl"]
    call.city_members = CITY_MEMBERS["pl"]
    call.save_revision().publish()
    nominating = organizations[-3:]
    for (name, status, note), organization in zip(CANDIDATES, nominating, strict=False):
        login = name.split()[0].lower().replace("ł", "l")
        CommitteeNomination.objects.create(
            call=call,
            organization=organization,
            candidate_name=name,
            candidate_email=f"{login}.kandydat@example.org",
            candidate_phone="000 000 000",
            experience="Kilka lat w zarządzie organizacji; oceniała i rozliczała projekty.",
            consent_to_sit=True,
            consent_to_publish=True,
            impartiality=True,
            status=status,
            decision_note=note,
            decided_at=call.nominations_close_at + datetime.timedelta(days=3),
        )
        context.count("grants")
    for code, (title, slug, lead) in CALL_TRANSLATIONS.items():
        if code not in indexes or call.has_translation(indexes[code].locale):
            continue
        call.refresh_from_db()
        translation = call.copy_for_translation(indexes[code].locale)
        translation.title, translation.slug, translation.lead = title, slug, lead
        translation.nominations_text = NOMINATIONS_TEXT[code]
        translation.city_members = CITY_MEMBERS[code]
        translation.save_revision().publish()
        context.count("grants")
