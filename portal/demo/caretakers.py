"""Caretakers and incubation: the incubation path in three languages (its steps keep one id in
every language), two invented members of the centre's staff taking care of a few organizations
(one with an earlier caretaker), advice notes, and two incubated groups at different steps."""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from pages import roles
from pages.caretakers.models import (
    AdviceNote,
    Caretaking,
    IncubatedGroup,
    IncubationPage,
    IncubationStepRecord,
)
from pages.models import HomePage, OrganizationPage

PAGE = {
    "pl": (
        "Inkubator organizacji",
        "inkubator",
        "<p>Grupa nieformalna, która chce założyć stowarzyszenie lub fundację, przechodzi tę "
        "drogę z opiekunem z Centrum Organizacji Pozarządowych.</p>",
    ),
    "en": (
        "NGO incubator",
        "incubator",
        "<p>An informal group that wants to found an association or a foundation goes this way "
        "with a caretaker from the NGO centre.</p>",
    ),
    "uk": (
        "Інкубатор організацій",
        "inkubator",
        "<p>Неформальна група, яка хоче заснувати асоціацію чи фонд, проходить цей шлях разом "
        "з опікуном із Центру громадських організацій.</p>",
    ),
}
# (pl, en, uk) of each step: title, text.
STEPS = [
    (
        ("Rozmowa z opiekunem", "Pierwsze spotkanie: cele grupy i wybór formy prawnej."),
        ("A talk with the caretaker", "The first meeting: the group's aims and its legal form."),
        ("Розмова з опікуном", "Перша зустріч: цілі групи та вибір правової форми."),
    ),
    (
        ("Statut", "Piszecie statut; opiekun czyta go z wami przed zebraniem założycielskim."),
        (
            "Statute",
            "You write the statute; the caretaker reads it with you before the founding meeting.",
        ),
        ("Статут", "Ви пишете статут; опікун читає його з вами перед установчими зборами."),
    ),
    (
        ("Zebranie założycielskie", "Uchwała o założeniu, wybór zarządu, lista założycieli."),
        ("Founding meeting", "The founding resolution, the board elected, the list of founders."),
        ("Установчі збори", "Рішення про заснування, обрання правління, список засновників."),
    ),
    (
        (
            "Wniosek do KRS",
            "Rejestracja w Krajowym Rejestrze Sądowym przez Portal Rejestrów Sądowych.",
        ),
        ("Registration", "Registration in the National Court Register through its online portal."),
        ("Реєстрація", "Реєстрація в Національному судовому реєстрі через його онлайн-портал."),
    ),
    (
        ("Pierwsze kroki organizacji", "Konto bankowe, księgowość, profil w katalogu organizacji."),
        (
            "The organization's first steps",
            "A bank account, bookkeeping, a profile in the directory.",
        ),
        (
            "Перші кроки організації",
            "Банківський рахунок, бухгалтерія, профіль у каталозі організацій.",
        ),
    ),
]
STAFF = [
    ("opiekun.demo.1", "Alicja", "Przykładowa-Opiekuńska"),
    ("opiekun.demo.2", "Bartosz", "Wymyślony"),
]
NOTES = [
    ("Rozliczenie dotacji", "Omówiliśmy sprawozdanie końcowe i terminy."),
    ("Zmiana statutu", "Organizacja chce dopisać cel: edukacja ekologiczna. Wzór uchwały wysłany."),
    ("Wolontariat", "Porozumienie z wolontariuszami i ubezpieczenie NNW."),
]
GROUPS = [
    # (name, legal form, activity, steps done, status)
    (
        "Sąsiedzi znad Przykładowego Stawu",
        "association",
        "Sprzątamy brzegi stawu i prowadzimy spacery przyrodnicze dla dzieci.",
        1,
        "incubating",
    ),
    (
        "Grupa Teatralna Wymyślona Scena",
        "foundation",
        "Wystawiamy spektakle w świetlicach osiedlowych.",
        3,
        "incubating",
    ),
]


def guides():
    """Pages the steps point to: the knowledge base's articles when loaded, else none."""
    from wagtail.models import Page

    return list(
        Page.objects.live()
        .filter(locale__language_code="pl", content_type__model="knowledgearticlepage")
        .order_by("path")[: len(STEPS)]
    )


def step_data(code, ids, guide_pages):
    column = ("pl", "en", "uk").index(code)
    data = []
    for number, (step_id, texts) in enumerate(zip(ids, STEPS, strict=True)):
        title, text = texts[column]
        guide = guide_pages[number].pk if number < len(guide_pages) else None
        data.append(
            {"type": "step", "id": step_id, "value": {"title": title, "text": text, "guide": guide}}
        )
    return data


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    ids = [str(uuid.UUID(int=context.rng.getrandbits(128), version=4)) for _step in STEPS]
    guide_pages = guides()
    translation_key = None
    source = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        page = IncubationPage.objects.child_of(homes[code]).first()
        if page is None:
            title, slug, intro = PAGE[code]
            page = IncubationPage(
                title=title,
                slug=slug,
                intro=intro,
                steps=step_data(code, ids, guide_pages),
                show_in_menus=True,
                locale=homes[code].locale,
            )
            if translation_key:
                page.translation_key = translation_key
            homes[code].add_child(instance=page)
            page.save_revision().publish()
            context.count("caretakers")
        translation_key = page.translation_key
        source = source or page
    if Caretaking.objects.exists() or IncubatedGroup.objects.exists():
        return
    staff_group, _created = Group.objects.get_or_create(name=roles.ADVISORS)
    staff = []
    for username, first_name, last_name in STAFF:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            # No password: the demo's caretakers are names, not accounts anyone signs in with.
            user = get_user_model().objects.create_user(
                username,
                f"{username}@example.org",
                None,
                first_name=first_name,
                last_name=last_name,
            )
        user.groups.add(staff_group)
        staff.append(user)
    today = timezone.localdate()
    organizations = list(
        OrganizationPage.objects.live().filter(locale__language_code="pl").order_by("path")[:4]
    )
    for number, organization in enumerate(organizations[:3]):
        if number == 0:
            # An earlier caretaker, kept in the history.
            Caretaking.objects.create(
                organization=organization,
                caretaker=staff[1],
                starts_on=today - datetime.timedelta(days=700),
                ends_on=today - datetime.timedelta(days=200),
            )
        Caretaking.objects.create(
            organization=organization,
            caretaker=staff[number % 2],
            starts_on=today - datetime.timedelta(days=200 - number * 30),
        )
        for days, (topic, notes) in zip(
            (10, 60, 150)[: 3 - number], NOTES[: 3 - number], strict=True
        ):
            AdviceNote.objects.create(
                organization=organization,
                given_on=today - datetime.timedelta(days=days + number),
                topic=topic,
                notes=notes,
                author=staff[number % 2],
            )
        context.count("caretakers")
    for number, (name, legal_form, activity, done, status) in enumerate(GROUPS):
        group = IncubatedGroup.objects.create(
            name=name,
            legal_form=legal_form,
            activity=activity,
            contact_name=f"Osoba Kontaktowa {number + 1}",
            contact_email=f"inkubator{number + 1}@example.org",
            contact_phone="000 000 000",
            consent_text="Zgoda (dane przykładowe).",
            page=source,
            status=status,
            caretaker=staff[number % 2],
        )
        for position, step_id in enumerate(ids[:done]):
            IncubationStepRecord.objects.create(
                group=group,
                step_id=step_id,
                done=True,
                done_on=today - datetime.timedelta(days=(done - position) * 20),
                notes="Zrobione razem z opiekunem.",
            )
        context.count("caretakers")
