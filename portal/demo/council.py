"""A fictional Public Benefit Council and the patronage request form (invented throughout)."""

import datetime

from django.utils import timezone

from pages.council.models import (
    CouncilMeeting,
    CouncilMember,
    CouncilPage,
    CouncilResolution,
    CouncilTerm,
)
from pages.models import (
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
    PatronageRequestPage,
)

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

MEMBERS = [
    ("Anna Przykładowa", "przewodnicząca"),
    ("Jan Testowy", "wiceprzewodniczący"),
    ("Ewa Próbna", "sekretarka"),
    ("Piotr Wzorcowy", ""),
    ("Maria Fikcyjna", ""),
    ("Tomasz Zmyślony", ""),
]


def load(context):
    home = HomePage.objects.filter(depth=2, locale__language_code="pl").first()
    if home is None:
        return
    if not CouncilPage.objects.child_of(home).exists():
        _council(home, context)
    in_three_languages(PatronageRequestPage, PATRONAGE_PAGES, context, "council")


def _council(home, context):
    today = timezone.localdate()
    now = timezone.now()
    directory = OrganizationIndexPage.objects.child_of(home).first()
    organizations = (
        list(OrganizationPage.objects.child_of(directory).live().order_by("path")[:4])
        if directory
        else []
    )
    page = CouncilPage(
        title="Rada Działalności Pożytku Publicznego",
        slug="rada-pozytku",
        intro="<p>Rada opiniuje projekty uchwał i programów dotyczących współpracy miasta "
        "z organizacjami pozarządowymi.</p>",
        locale=home.locale,
    )
    page.terms = [
        CouncilTerm(
            name=f"{today.year - 1}–{today.year + 2}",
            starts_on=datetime.date(today.year - 1, 1, 1),
            ends_on=datetime.date(today.year + 2, 12, 31),
        )
    ]
    members = []
    for number, (name, role) in enumerate(MEMBERS):
        organization = organizations[number] if number < len(organizations) else None
        members.append(
            CouncilMember(
                name=name,
                role=role,
                represents=organization.title if organization else "Urząd Miasta",
                organization=organization,
            )
        )
    page.members = members
    page.meetings = [
        CouncilMeeting(
            starts_at=(now + datetime.timedelta(days=days)).replace(
                hour=16, minute=0, second=0, microsecond=0
            ),
            place="Urząd Miasta, sala sesyjna",
            agenda=agenda,
        )
        for days, agenda in [
            (-40, "1. Opinia o projekcie programu współpracy."),
            (12, "1. Konsultacje regulaminu małych grantów.\n2. Sprawy bieżące."),
        ]
    ]
    page.resolutions = [
        CouncilResolution(
            number=f"1/{today.year}",
            adopted_on=today - datetime.timedelta(days=40),
            title="w sprawie opinii o projekcie programu współpracy",
        )
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    context.count("council")
