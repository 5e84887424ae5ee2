"""Fictional trainings of the NGO centre and of demo organizations: upcoming and past ones, one
of them full with a waiting list, with registrations from invented people (example.org)."""

import datetime

from django.utils import timezone

from pages.models import (
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)
from pages.trainings.models import (
    TrainingIndexPage,
    TrainingPage,
    TrainingRegistration,
    TrainingSession,
)

from . import bulk

INDEX_PAGES = {
    "pl": ("Szkolenia", "szkolenia", "<p>Bezpłatne szkolenia dla organizacji i mieszkańców.</p>"),
    "en": ("Trainings", "trainings", "<p>Free trainings for organizations and residents.</p>"),
    "uk": ("Навчання", "navchannia", "<p>Безкоштовні навчання для організацій і мешканців.</p>"),
}

# (title, lead, audience, level, online, tags, sessions)
TRAININGS = [
    (
        "Jak napisać wniosek o dotację",
        "Krok po kroku przez wniosek w otwartym konkursie ofert.",
        "ngos",
        "basic",
        False,
        ["dotacje", "fundraising"],
        2,
    ),
    (
        "Księgowość małej organizacji",
        "Uproszczona ewidencja, sprawozdanie finansowe, terminy.",
        "ngos",
        "intermediate",
        True,
        ["księgowość", "prawo"],
        1,
    ),
    (
        "Koordynacja wolontariuszy",
        "Rekrutacja, porozumienia, motywowanie i docenianie.",
        "volunteers",
        "basic",
        False,
        ["wolontariat"],
        1,
    ),
    (
        "Promocja w mediach społecznościowych",
        "Jak opowiadać o działaniach organizacji w sieci.",
        "ngos",
        "basic",
        True,
        ["promocja"],
        1,
    ),
    (
        "Pierwsza pomoc dla wolontariuszy",
        "Podstawy pierwszej pomocy z ćwiczeniami.",
        "volunteers",
        "basic",
        False,
        ["bezpieczeństwo"],
        1,
    ),
    (
        "Zakładanie stowarzyszenia",
        "Od pomysłu do wpisu w KRS: statut, zarząd, rejestracja.",
        "residents",
        "basic",
        False,
        ["prawo", "KRS"],
        1,
    ),
    (
        "Sprawozdanie z realizacji zadania publicznego",
        "Jak rozliczyć dotację bez stresu.",
        "ngos",
        "advanced",
        True,
        ["dotacje"],
        1,
    ),
    (
        "Cyfrowe bezpieczeństwo seniorów",
        "Warsztaty dla seniorów i ich opiekunów.",
        "seniors",
        "basic",
        False,
        ["seniorzy", "bezpieczeństwo"],
        2,
    ),
]

PEOPLE = [
    ("Kasia Przykładowa", "kasia.przykladowa@example.org"),
    ("Tomasz Testowy", "tomasz.testowy@example.org"),
    ("Iryna Demo", "iryna.demo@example.org"),
    ("Marek Fikcyjny", "marek.fikcyjny@example.org"),
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
    organizations = (
        list(OrganizationPage.objects.child_of(directory).live().order_by("path")[:4])
        if directory
        else []
    )
    existing = set(TrainingPage.objects.child_of(indexes["pl"]).values_list("slug", flat=True))
    today = timezone.localdate()
    for number in range(max(len(TRAININGS), min(context.size // 3, 1000))):
        title, lead, audience, level, online, tags, sessions = TRAININGS[number % len(TRAININGS)]
        slug = f"szkolenie-{number:03d}"
        # Two past trainings for the archive, the others over the coming weeks.
        days_ahead = -20 - number * 7 if number in (2, 5) else 5 + number * 4
        if slug in existing:
            continue
        training = TrainingPage(
            title=title if number < len(TRAININGS) else f"{title} ({number})",
            slug=slug,
            lead=lead,
            trainers="Trenerka Przykładowa, Trener Testowy",
            audience=audience,
            level=level,
            is_online=online,
            # The first training is small, so that the demo shows a full one.
            capacity=3 if number == 0 else 20,
            organization=organizations[number % len(organizations)]
            if organizations and number % 3 == 1
            else None,
            organizer_name="" if number % 3 == 1 else "Centrum Organizacji Pozarządowych",
            gives_certificate=number % 2 == 0,
            locale=indexes["pl"].locale,
        )
        training.description = [("paragraph", f"<p>{lead} Zapraszamy!</p>")]
        start = today + datetime.timedelta(days=days_ahead)
        training.sessions = [
            TrainingSession(
                date=start + datetime.timedelta(days=7 * n),
                start_time=datetime.time(17, 0),
                end_time=datetime.time(20, 0),
                place="" if online else "Centrum Organizacji Pozarządowych, ul. Przykładowa 1",
                online_link="https://meet.example.org/szkolenie" if online else "",
            )
            for n in range(sessions)
        ]
        indexes["pl"].add_child(instance=training)
        training.tags.set(tags)
        bulk.publish(training, context)
        context.count("trainings")
        _registrations(training, number, context)
        if number < 3:
            for code in ("en", "uk"):
                training.refresh_from_db()
                translation = training.copy_for_translation(indexes[code].locale)
                translation.save_revision().publish()
                context.count("trainings")


def _registrations(training, number, context):
    people = PEOPLE if number == 0 else PEOPLE[: number % 3]
    for index, (name, email) in enumerate(people):
        TrainingRegistration.objects.create(
            training=training,
            full_name=name,
            email=email,
            consent_text="(demo)",
            status="registered" if index < training.capacity else "waiting",
            attended=training.last_day is not None and training.last_day < timezone.localdate(),
        )
        context.count("trainings")


def _index_pages(homes, context):
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        title, slug, intro = INDEX_PAGES[code]
        index = TrainingIndexPage.objects.child_of(homes[code]).first()
        if index is None:
            index = TrainingIndexPage(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("trainings")
        translation_key = index.translation_key
        indexes[code] = index
    return indexes
