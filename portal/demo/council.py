"""Fictional advisory bodies (the Public Benefit Council and two Civic Dialogue Commissions, in
Polish, English and Ukrainian) and the patronage request form (invented throughout)."""

import datetime

from django.utils import timezone

from pages.council.models import (
    AdvisoryBodyIndexPage,
    AdvisoryBodyMeeting,
    AdvisoryBodyMember,
    AdvisoryBodyPage,
    AdvisoryBodyResolution,
    AdvisoryBodyTerm,
)
from pages.models import HomePage, OrganizationPage, PatronageRequestPage

from .centre import in_three_languages

PATRONAGE_PAGES = {
    "pl": (
        "Patronat Prezydenta Miasta",
        "patronat",
        "<p>Organizacje mogą prosić o patronat nad wydarzeniem co najmniej 30 dni przed jego "
        "terminem.</p>",
    ),
    "en": (
        "The Mayor's patronage",
        "patronage",
        "<p>Organizations may ask for the Mayor's patronage of an event at least 30 days before "
        "it.</p>",
    ),
    "uk": (
        "Патронат Президента міста",
        "patronat",
        "<p>Організації можуть просити про патронат над подією щонайменше за 30 днів до неї.</p>",
    ),
}

INDEX = {
    "pl": (
        "Rada i komisje dialogu",
        "ciala-doradcze",
        "<p>Ciała doradcze miasta: Rada Działalności Pożytku Publicznego i Komisje Dialogu "
        "Obywatelskiego, w których organizacje rozmawiają z urzędem o sprawach miasta.</p>",
    ),
    "en": (
        "Council and dialogue commissions",
        "advisory-bodies",
        "<p>The city's advisory bodies: the Public Benefit Council and the Civic Dialogue "
        "Commissions, where organizations discuss the city's matters with the office.</p>",
    ),
    "uk": (
        "Рада та комісії діалогу",
        "doradchi-organy",
        "<p>Дорадчі органи міста: Рада громадської корисної діяльності та Комісії "
        "громадянського діалогу, де організації обговорюють справи міста з урядом.</p>",
    ),
}

# kind, slug, {language: (title, theme, legal basis, about)}, place of the meetings.
BODIES = [
    (
        "council",
        "rada-pozytku",
        {
            "pl": (
                "Rada Działalności Pożytku Publicznego",
                "",
                "art. 41a ustawy o działalności pożytku publicznego i o wolontariacie",
                "<p>Rada opiniuje projekty uchwał i programów dotyczących współpracy miasta "
                "z organizacjami pozarządowymi.</p>",
            ),
            "en": (
                "Public Benefit Council",
                "",
                "Art. 41a of the Act on public benefit activity and volunteering",
                "<p>The council gives opinions on draft resolutions and programmes of the city's "
                "cooperation with non-governmental organizations.</p>",
            ),
            "uk": (
                "Рада громадської корисної діяльності",
                "",
                "ст. 41a Закону про громадську корисну діяльність і волонтерство",
                "<p>Рада надає висновки щодо проєктів ухвал і програм співпраці міста "
                "з громадськими організаціями.</p>",
            ),
        },
        "Urząd Miasta, sala sesyjna",
    ),
    (
        "commission",
        "kdo-polityka-spoleczna",
        {
            "pl": (
                "Komisja Dialogu Obywatelskiego ds. Polityki Społecznej",
                "polityka społeczna",
                "art. 5 ust. 2 pkt 5 ustawy o działalności pożytku publicznego; zarządzenie "
                "Prezydenta Miasta",
                "<p>Komisja zbiera organizacje pomocy społecznej, seniorów i osób "
                "z niepełnosprawnościami.</p>",
            ),
            "en": (
                "Civic Dialogue Commission for Social Policy",
                "social policy",
                "Art. 5(2)(5) of the Act on public benefit activity; the Mayor's order",
                "<p>The commission brings together organizations of social welfare, seniors and "
                "people with disabilities.</p>",
            ),
            "uk": (
                "Комісія громадянського діалогу з питань соціальної політики",
                "соціальна політика",
                "ст. 5 ч. 2 п. 5 Закону про громадську корисну діяльність; розпорядження "
                "Президента міста",
                "<p>Комісія об'єднує організації соціальної допомоги, людей похилого віку та "
                "людей з інвалідністю.</p>",
            ),
        },
        "Centrum Organizacji Pozarządowych, sala 2",
    ),
    (
        "commission",
        "kdo-kultura",
        {
            "pl": (
                "Komisja Dialogu Obywatelskiego ds. Kultury",
                "kultura",
                "art. 5 ust. 2 pkt 5 ustawy o działalności pożytku publicznego; zarządzenie "
                "Prezydenta Miasta",
                "<p>Komisja opiniuje kalendarz wydarzeń kulturalnych i konkursy w dziedzinie "
                "kultury.</p>",
            ),
            "en": (
                "Civic Dialogue Commission for Culture",
                "culture",
                "Art. 5(2)(5) of the Act on public benefit activity; the Mayor's order",
                "<p>The commission gives opinions on the calendar of cultural events and the grant "
                "calls for culture.</p>",
            ),
            "uk": (
                "Комісія громадянського діалогу з питань культури",
                "культура",
                "ст. 5 ч. 2 п. 5 Закону про громадську корисну діяльність; розпорядження "
                "Президента міста",
                "<p>Комісія надає висновки щодо календаря культурних подій і конкурсів у галузі "
                "культури.</p>",
            ),
        },
        "Dom Kultury Przykładowej, sala kameralna",
    ),
]

# Invented people: (name, side, role); an organization's side takes the next organization.
MEMBERS = [
    ("Anna Przykładowa", "organization", "chair"),
    ("Jan Testowy", "city", "vice_chair"),
    ("Ewa Próbna", "city", "secretary"),
    ("Piotr Wzorcowy", "organization", "member"),
    ("Maria Fikcyjna", "organization", "member"),
    ("Tomasz Zmyślony", "other", "member"),
]
PAST_MEMBERS = [
    ("Zofia Dawniejsza", "organization", "chair"),
    ("Karol Minionny", "city", "secretary"),
]

# (days from now, agenda in pl, en, uk)
MEETING_AGENDAS = [
    (
        -40,
        {
            "pl": "1. Opinia o projekcie programu współpracy.",
            "en": "1. Opinion on the draft cooperation programme.",
            "uk": "1. Висновок щодо проєкту програми співпраці.",
        },
    ),
    (
        12,
        {
            "pl": "1. Konsultacje regulaminu małych grantów.\n2. Sprawy bieżące.",
            "en": "1. Consultation of the small grants rules.\n2. Current matters.",
            "uk": "1. Консультації щодо положення про малі гранти.\n2. Поточні питання.",
        },
    ),
]

# (kind, status, days ago, title in pl, en, uk)
RESOLUTIONS = [
    (
        "resolution",
        "adopted",
        40,
        {
            "pl": "w sprawie opinii o projekcie programu współpracy",
            "en": "on the opinion on the draft cooperation programme",
            "uk": "щодо висновку про проєкт програми співпраці",
        },
    ),
    (
        "opinion",
        "positive",
        90,
        {
            "pl": "o projekcie regulaminu małych grantów",
            "en": "on the draft rules of small grants",
            "uk": "про проєкт положення про малі гранти",
        },
    ),
    (
        "resolution",
        "implemented",
        400,
        {
            "pl": "w sprawie planu pracy na rok",
            "en": "on the year's work plan",
            "uk": "щодо плану роботи на рік",
        },
    ),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    if not AdvisoryBodyIndexPage.objects.exists():
        _bodies(homes, context)
    in_three_languages(PatronageRequestPage, PATRONAGE_PAGES, context, "council")


def _bodies(homes, context):
    organizations = list(
        OrganizationPage.objects.live().filter(locale__language_code="pl").order_by("path")[:8]
    )
    indexes = in_three_languages(AdvisoryBodyIndexPage, INDEX, context, "council")
    for number, (kind, slug, texts, place) in enumerate(BODIES):
        translation_key = None
        for code, index in indexes.items():
            title, theme, legal_basis, intro = texts[code]
            page = AdvisoryBodyPage(
                title=title,
                slug=slug,
                kind=kind,
                theme=theme,
                legal_basis=legal_basis,
                intro=intro,
                locale=index.locale,
            )
            if translation_key:
                page.translation_key = translation_key
            index.add_child(instance=page)
            _rows(page, organizations[number:] + organizations[:number], place, number, code)
            page.save_revision().publish()
            translation_key = page.translation_key
            context.count("council")


def _rows(page, organizations, place, number, code):
    today = timezone.localdate()
    now = timezone.now()
    current = AdvisoryBodyTerm.objects.create(
        page=page,
        name=f"{today.year - 1}–{today.year + 2}",
        starts_on=datetime.date(today.year - 1, 1, 1),
        ends_on=datetime.date(today.year + 2, 12, 31),
    )
    past = AdvisoryBodyTerm.objects.create(
        page=page,
        name=f"{today.year - 5}–{today.year - 2}",
        starts_on=datetime.date(today.year - 5, 1, 1),
        ends_on=datetime.date(today.year - 2, 12, 31),
    )
    taken = iter(organizations)
    for term, people in ((current, MEMBERS), (past, PAST_MEMBERS)):
        for name, side, role in people:
            organization = next(taken, None) if side == "organization" else None
            AdvisoryBodyMember.objects.create(
                page=page,
                term=term,
                name=name,
                side=side if organization or side != "organization" else "other",
                role=role,
                represents=organization.title if organization else "",
                organization=organization,
            )
    for days, agenda in MEETING_AGENDAS:
        AdvisoryBodyMeeting.objects.create(
            page=page,
            # Each body meets on a day of its own.
            starts_at=(now + datetime.timedelta(days=days + 3 * number)).replace(
                hour=16, minute=0, second=0, microsecond=0
            ),
            place=place,
            agenda=agenda[code],
        )
    for position, (kind, status, days, title) in enumerate(RESOLUTIONS, start=1):
        adopted_on = today - datetime.timedelta(days=days)
        AdvisoryBodyResolution.objects.create(
            page=page,
            kind=kind,
            status=status,
            number=f"{position}/{adopted_on.year}",
            adopted_on=adopted_on,
            title=title[code],
        )
