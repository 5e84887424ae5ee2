"""The centre's library: a catalogue of invented titles (ISBNs with valid check digits, made
up), and a few loans of the first organizations: one reserved, one lent and overdue, one
returned."""

import datetime

from django.utils import timezone

from pages.library.models import LibraryItem, LibraryPage, Loan
from pages.models import AreaOfPublicBenefit, HomePage, OrganizationPage

from .stories import _index_pages

INDEX = {
    "pl": (
        "Biblioteka dla organizacji",
        "biblioteka",
        "<p>Książki i poradniki centrum organizacji pozarządowych do wypożyczenia.</p>",
    ),
    "en": (
        "Library for NGOs",
        "library",
        "<p>Books and guides of the NGO centre, to borrow.</p>",
    ),
    "uk": (
        "Бібліотека для організацій",
        "biblioteka",
        "<p>Книжки та посібники центру громадських організацій для позичання.</p>",
    ),
}
# (title, author, kind, language, year, ISBN body without its check digit, area, copies)
ITEMS = [
    (
        "Fundraising w małej organizacji",
        "Anna Przykładowa",
        "guide",
        "pl",
        2022,
        "978830000001",
        "wspolnoty-lokalne",
        2,
    ),
    (
        "Wolontariat krok po kroku",
        "Jan Testowy",
        "book",
        "pl",
        2021,
        "978830000002",
        "wspolnoty-lokalne",
        3,
    ),
    ("Sprawozdawczość stowarzyszenia", "Ewa Wzorcowa", "guide", "pl", 2023, "978830000003", "", 1),
    ("Projekty dla seniorów", "Piotr Fikcyjny", "book", "pl", 2020, "978830000004", "seniorzy", 1),
    (
        "Community gardens handbook",
        "Alex Example",
        "book",
        "en",
        2019,
        "978030000005",
        "ekologia-i-ochrona-zwierzat",
        1,
    ),
    ("Raport o sektorze pozarządowym miasta", "Zespół centrum", "report", "pl", 2024, "", "", 2),
    (
        "Kultura na podwórku",
        "Maria Umowna",
        "book",
        "pl",
        2018,
        "978830000006",
        "kultura-i-sztuka",
        1,
    ),
    ("Посібник для нових організацій", "Олена Приклад", "guide", "uk", 2023, "978617000007", "", 2),
]
ITEMS_AT_SIZE = 4  # the smallest demo (tests) keeps this many


def _isbn(body):
    if not body:
        return ""
    total = sum(int(digit) * (1 if index % 2 == 0 else 3) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    _index_pages(homes, LibraryPage, INDEX, context)
    if LibraryItem.objects.exists():
        return
    items = []
    for title, author, kind, language, year, isbn, area, copies in ITEMS[
        : max(ITEMS_AT_SIZE, min(len(ITEMS), context.size))
    ]:
        item = LibraryItem(
            title=title,
            author=author,
            kind=kind,
            language=language,
            year=year,
            isbn=_isbn(isbn),
            copies=copies,
            description="",
        )
        item.full_clean()
        item.save()
        if area:
            item.areas.set(
                AreaOfPublicBenefit.objects.filter(slug=area, locale__language_code="pl")
            )
        items.append(item)
        context.count("library")
    organizations = list(
        OrganizationPage.objects.live().filter(locale__language_code="pl").order_by("pk")[:3]
    )
    if len(organizations) < 3:
        return
    today = timezone.localdate()
    Loan.objects.create(item=items[0], organization=organizations[0])
    overdue = Loan(item=items[1], organization=organizations[1], status=Loan.Status.LENT)
    overdue.lent_on = today - datetime.timedelta(days=40)
    overdue.due_on = today - datetime.timedelta(days=10)
    overdue.save()
    Loan.objects.create(
        item=items[2],
        organization=organizations[2],
        status=Loan.Status.RETURNED,
        lent_on=today - datetime.timedelta(days=60),
        due_on=today - datetime.timedelta(days=30),
        returned_on=today - datetime.timedelta(days=32),
    )
