"""Fictional news of the city's office and of the demo organizations (invented throughout)."""

import datetime

from django.utils import timezone

from pages.models import (
    AreaOfPublicBenefit,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)
from pages.news.models import NewsIndexPage, NewsPage

from . import bulk
from .stories import _index_pages

NEWS_INDEX = {
    "pl": ("Aktualności", "aktualnosci", "<p>Co słychać w trzecim sektorze naszego miasta.</p>"),
    "en": ("News", "news", "<p>What is new in the city's third sector.</p>"),
    "uk": ("Новини", "novyny", "<p>Що нового в третьому секторі нашого міста.</p>"),
}

# (title, lead, areas, tags)
OFFICE_NEWS = [
    (
        "Ruszył nabór do Rady Działalności Pożytku Publicznego",
        "Organizacje mogą zgłaszać kandydatów do rady do końca miesiąca.",
        ["wspieranie-organizacji"],
        ["rada", "nabór"],
    ),
    (
        "Nowe godziny otwarcia Centrum Organizacji Pozarządowych",
        "Od przyszłego tygodnia centrum jest otwarte także w soboty.",
        ["wspieranie-organizacji"],
        ["centrum"],
    ),
    (
        "Miasto ogłasza program współpracy na przyszły rok",
        "Projekt programu współpracy z organizacjami trafił do konsultacji.",
        ["wspieranie-organizacji", "wspolnoty-lokalne"],
        ["program współpracy", "konsultacje"],
    ),
    (
        "Wolontariusze potrzebni przy zimowej zbiórce",
        "Bank żywności szuka osób do pomocy przy sortowaniu darów.",
        ["pomoc-spoleczna", "wolontariat"],
        ["wolontariat", "zbiórka"],
    ),
    (
        "Seniorzy uczą się cyfrowych usług miejskich",
        "Bezpłatne warsztaty dla osób 60+ w bibliotekach osiedlowych.",
        ["seniorzy", "edukacja"],
        ["seniorzy", "warsztaty"],
    ),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _index_pages(homes, NewsIndexPage, NEWS_INDEX, context)
    pl = homes["pl"].locale
    areas = {area.slug: area for area in AreaOfPublicBenefit.objects.filter(locale=pl)}
    existing = set(NewsPage.objects.descendant_of(homes["pl"]).values_list("title", flat=True))
    today = timezone.localdate()
    directory = OrganizationIndexPage.objects.child_of(homes["pl"]).first()
    organizations = (
        list(OrganizationPage.objects.child_of(directory).live().order_by("path")[:6])
        if directory
        else []
    )
    count = max(len(OFFICE_NEWS), min(context.size // 3, 200))
    for number in range(count):
        title, lead, news_areas, tags = OFFICE_NEWS[number % len(OFFICE_NEWS)]
        if number >= len(OFFICE_NEWS):
            title = f"{title} ({number // len(OFFICE_NEWS) + 1})"
        if title in existing:
            continue
        item = NewsPage(
            title=title,
            slug=f"wiadomosc-{number:03d}",
            lead=lead,
            date=today - datetime.timedelta(days=3 * number + context.rng.randint(0, 2)),
            locale=pl,
        )
        item.body = [("paragraph", f"<p>{lead} Szczegóły podamy wkrótce.</p>")]
        # Every third item was written by an organization beneath its own profile.
        parent = (
            organizations[number % len(organizations)]
            if organizations and number % 3 == 2
            else indexes["pl"]
        )
        parent.add_child(instance=item)
        item.areas.set([areas[a] for a in news_areas if a in areas])
        if organizations and parent is indexes["pl"] and number % 2:
            item.organizations.set([organizations[number % len(organizations)]])
        item.tags.set(tags)
        bulk.publish(item, context)
        context.count("news")
