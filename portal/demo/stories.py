"""Fictional good-practice stories of the demo organizations and a small knowledge base.

Every name and number is invented. Each knowledge base article gets a tiny generated text file,
so the list of documents with their type and size has something to show.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from pages.knowledge.models import (
    KnowledgeArticlePage,
    KnowledgeCategory,
    KnowledgeDocument,
    KnowledgeIndexPage,
)
from pages.models import (
    AreaOfPublicBenefit,
    District,
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)
from pages.stories.models import StoryIndexPage, StoryPage

STORY_INDEX = {
    "pl": (
        "Dobre praktyki",
        "dobre-praktyki",
        "<p>Historie organizacji, które warto powtórzyć.</p>",
    ),
    "en": ("Good practices", "good-practices", "<p>Stories of organizations worth repeating.</p>"),
    "uk": ("Добрі практики", "dobri-praktyky", "<p>Історії організацій, які варто повторити.</p>"),
}
KNOWLEDGE_INDEX = {
    "pl": ("Baza wiedzy", "baza-wiedzy", "<p>Poradniki, przepisy, badania i wzory dokumentów.</p>"),
    "en": ("Knowledge base", "knowledge-base", "<p>Guides, regulations, research, templates.</p>"),
    "uk": ("База знань", "baza-znan", "<p>Посібники, нормативні акти, дослідження, шаблони.</p>"),
}

# (slug, title, lead, areas, year, tags, outcomes)
STORIES = [
    (
        "sasiedzki-ogrod",
        "Sąsiedzki ogród na podwórku",
        "Mieszkańcy kamienicy zamienili betonowe podwórko w ogród z grządkami dla wszystkich.",
        ["ekologia-i-ochrona-zwierzat", "wspolnoty-lokalne"],
        2025,
        ["ogrody", "sąsiedzi"],
        [("40", "posadzonych roślin"), ("25", "zaangażowanych sąsiadów")],
    ),
    (
        "kawiarenka-seniora",
        "Kawiarenka seniora w bibliotece",
        "Co środę seniorzy spotykają się przy kawie, grach i rozmowie z wolontariuszami.",
        ["seniorzy", "pomoc-spoleczna"],
        2024,
        ["seniorzy", "spotkania"],
        [("48", "spotkań w roku"), ("60", "uczestników")],
    ),
    (
        "korepetycje-na-osiedlu",
        "Korepetycje na osiedlu",
        "Studenci-wolontariusze pomagają dzieciom w nauce w osiedlowej świetlicy.",
        ["edukacja", "dzieci-i-mlodziez"],
        2025,
        ["edukacja", "wolontariat"],
        [("30", "uczniów"), ("12", "wolontariuszy")],
    ),
    (
        "tlumacze-dla-rodzin",
        "Tłumacze dla rodzin z Ukrainy",
        "Wolontariusze tłumaczyli pisma urzędowe i pomagali wypełniać wnioski przez wideorozmowę.",
        ["integracja-cudzoziemcow", "pomoc-spoleczna"],
        2023,
        ["integracja", "wolontariat"],
        [("300", "przetłumaczonych pism")],
    ),
    (
        "sprzatanie-warty",
        "Wielkie sprzątanie brzegów Warty",
        "Szkoły, firmy i organizacje razem zebrały śmieci z kilku kilometrów brzegu rzeki.",
        ["ekologia-i-ochrona-zwierzat", "wspolnoty-lokalne"],
        2024,
        ["ekologia", "wolontariat"],
        [("2 t", "zebranych śmieci"), ("150", "uczestników")],
    ),
    (
        "festyn-sasiedzki",
        "Festyn, który zbudował sąsiedztwo",
        "Jednodniowy festyn dał początek radzie sąsiedzkiej, która działa do dziś.",
        ["wspolnoty-lokalne", "kultura-i-sztuka"],
        2025,
        ["sąsiedzi", "kultura"],
        [("1", "nowa rada sąsiedzka"), ("500", "gości festynu")],
    ),
]

# (slug, title, lead, category, areas, tags, months since review, file name, file text)
ARTICLES = [
    (
        "jak-zalozyc-stowarzyszenie",
        "Jak założyć stowarzyszenie",
        "Krok po kroku: od zebrania założycielskiego do wpisu w KRS.",
        KnowledgeCategory.GUIDE,
        ["wspieranie-organizacji"],
        ["zakładanie organizacji"],
        3,
        "lista-krokow.txt",
        "Lista krokow: zebranie zalozycielskie, statut, wniosek do KRS.",
    ),
    (
        "skad-brac-pieniadze",
        "Skąd brać pieniądze na działalność",
        "Dotacje, darowizny, 1,5% podatku i odpłatna działalność pożytku publicznego.",
        KnowledgeCategory.GUIDE,
        ["wspieranie-organizacji"],
        ["finansowanie"],
        8,
        "zrodla-finansowania.txt",
        "Zrodla finansowania: dotacje, darowizny, 1,5% podatku.",
    ),
    (
        "sprawozdanie-z-dotacji",
        "Sprawozdanie z dotacji miejskiej",
        "Jak rozliczyć dotację: terminy, wzór sprawozdania, najczęstsze błędy.",
        KnowledgeCategory.TEMPLATE,
        ["wspieranie-organizacji"],
        ["dotacje", "sprawozdania"],
        5,
        "wzor-sprawozdania.txt",
        "Wzor sprawozdania z realizacji zadania publicznego (fikcyjny przyklad).",
    ),
    (
        "ustawa-o-wolontariacie",
        "Wolontariat w świetle prawa",
        "Porozumienie z wolontariuszem, ubezpieczenie i zaświadczenie: co mówi ustawa.",
        KnowledgeCategory.REGULATION,
        ["pomoc-spoleczna"],
        ["wolontariat", "prawo"],
        14,
        "porozumienie-wzor.txt",
        "Wzor porozumienia o wykonywaniu swiadczen wolontariusza (fikcyjny przyklad).",
    ),
    (
        "badanie-sektora",
        "Sektor pozarządowy w mieście: wyniki badania",
        "Czym zajmują się organizacje, z czego żyją i czego potrzebują (dane fikcyjne).",
        KnowledgeCategory.RESEARCH,
        ["wspieranie-organizacji", "wspolnoty-lokalne"],
        ["badania"],
        2,
        "wyniki-badania.txt",
        "Wyniki badania (dane fikcyjne): 120 organizacji, 45% dziala na rzecz wspolnot.",
    ),
    (
        "rodo-w-organizacji",
        "Ochrona danych osobowych w stowarzyszeniu",
        "Jakie dokumenty przygotować i jak przechowywać dane członków i wolontariuszy.",
        KnowledgeCategory.GUIDE,
        ["wspieranie-organizacji"],
        ["prawo", "dane osobowe"],
        20,
        "rodo-lista-kontrolna.txt",
        "Lista kontrolna ochrony danych osobowych dla malej organizacji.",
    ),
]

TRANSLATED = 3  # the first stories and articles also in English and Ukrainian
TRANSLATIONS = {
    "en": {
        "sasiedzki-ogrod": (
            "A neighbours' garden in the courtyard",
            "Residents turned a concrete courtyard into a garden.",
        ),
        "kawiarenka-seniora": (
            "A seniors' café in the library",
            "Every Wednesday seniors meet for coffee and games.",
        ),
        "korepetycje-na-osiedlu": (
            "Tutoring in the neighbourhood",
            "Student volunteers help children learn.",
        ),
        "jak-zalozyc-stowarzyszenie": (
            "How to found an association",
            "Step by step: from the founding meeting to the register.",
        ),
        "skad-brac-pieniadze": ("Where to find funding", "Grants, donations, 1.5% of income tax."),
        "sprawozdanie-z-dotacji": (
            "Reporting on a city grant",
            "Deadlines, a report template, common mistakes.",
        ),
    },
    "uk": {
        "sasiedzki-ogrod": ("Сусідський сад у дворі", "Мешканці перетворили бетонний двір на сад."),
        "kawiarenka-seniora": (
            "Кав'ярня для літніх людей у бібліотеці",
            "Щосереди літні люди зустрічаються за кавою та іграми.",
        ),
        "korepetycje-na-osiedlu": (
            "Репетиторство в мікрорайоні",
            "Студенти-волонтери допомагають дітям у навчанні.",
        ),
        "jak-zalozyc-stowarzyszenie": (
            "Як заснувати асоціацію",
            "Крок за кроком: від установчих зборів до реєстру.",
        ),
        "skad-brac-pieniadze": ("Де шукати фінансування", "Гранти, пожертви, 1,5% податку."),
        "sprawozdanie-z-dotacji": (
            "Звіт про міський грант",
            "Терміни, шаблон звіту, типові помилки.",
        ),
    },
}


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    story_indexes = _index_pages(homes, StoryIndexPage, STORY_INDEX, context)
    knowledge_indexes = _index_pages(homes, KnowledgeIndexPage, KNOWLEDGE_INDEX, context)
    pl = homes["pl"].locale
    areas = {area.slug: area for area in AreaOfPublicBenefit.objects.filter(locale=pl)}
    _stories(story_indexes, areas, pl, context)
    _articles(knowledge_indexes, areas, pl, context)


def _stories(indexes, areas, pl, context):
    directory = OrganizationIndexPage.objects.child_of(indexes["pl"].get_parent()).first()
    organizations = (
        list(OrganizationPage.objects.child_of(directory).live().order_by("path")[:12])
        if directory
        else []
    )
    districts = list(District.objects.filter(locale=pl))
    existing = set(StoryPage.objects.child_of(indexes["pl"]).values_list("slug", flat=True))
    for number, (slug, title, lead, story_areas, year, tags, outcomes) in enumerate(STORIES):
        if slug in existing:
            continue
        story = StoryPage(
            title=title,
            slug=slug,
            lead=lead,
            year=year,
            district=districts[(number * 5) % len(districts)] if districts else None,
            locale=pl,
        )
        story.body = [
            ("paragraph", f"<p>{lead} Pomysł narodził się na spotkaniu mieszkańców.</p>"),
            (
                "quote",
                {"text": "Zaczęło się od jednej rozmowy.", "attribution": "Koordynatorka"},
            ),
            ("heading", {"text": "Jak to powtórzyć", "level": "h2"}),
            ("paragraph", "<p>Znajdź partnerów, zacznij od małego kroku, świętuj efekty.</p>"),
        ]
        story.outcomes = [("figure", {"figure": f, "label": label}) for f, label in outcomes]
        indexes["pl"].add_child(instance=story)
        story.areas.set([areas[a] for a in story_areas if a in areas])
        if organizations:
            chosen = {
                organizations[(number * 2) % len(organizations)],
                organizations[(number * 2 + context.rng.randint(1, 3)) % len(organizations)],
            }
            story.organizations.set(sorted(chosen, key=lambda page: page.path))
        story.tags.set(tags)
        story.save_revision().publish()
        context.count("stories")
        if number < TRANSLATED:
            _translate(story, indexes, context)


def _articles(indexes, areas, pl, context):
    today = timezone.localdate()
    existing = set(
        KnowledgeArticlePage.objects.child_of(indexes["pl"]).values_list("slug", flat=True)
    )
    for number, row in enumerate(ARTICLES):
        slug, title, lead, category, article_areas, tags, months, file_name, text = row
        if slug in existing:
            continue
        article = KnowledgeArticlePage(
            title=title,
            slug=slug,
            lead=lead,
            category=category,
            last_reviewed=today - datetime.timedelta(days=30 * months),
            locale=pl,
        )
        article.body = [
            ("paragraph", f"<p>{lead}</p>"),
            ("heading", {"text": "Najważniejsze", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Przeczytaj całość przed startem.</li>"
                "<li>Zapytaj w biurze, jeśli masz wątpliwości.</li></ul>",
            ),
        ]
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(file_name, ContentFile(text.encode("utf-8")), save=False)
            document.save()
        article.documents = [KnowledgeDocument(document=document)]
        indexes["pl"].add_child(instance=article)
        article.areas.set([areas[a] for a in article_areas if a in areas])
        article.tags.set(tags)
        article.save_revision().publish()
        context.count("stories")
        if number < TRANSLATED:
            _translate(article, indexes, context)


def _translate(page, indexes, context):
    for code in ("en", "uk"):
        if code not in indexes:
            continue
        locale = indexes[code].locale
        if page.get_translations().filter(locale=locale).exists():
            continue
        page.refresh_from_db()
        translation = page.copy_for_translation(locale)
        translation.title, translation.lead = TRANSLATIONS[code][page.slug]
        translation.save_revision().publish()
        context.count("stories")


def _index_pages(homes, model, texts, context):
    indexes = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        title, slug, intro = texts[code]
        index = model.objects.child_of(homes[code]).first()
        if index is None:
            index = model(
                title=title, slug=slug, intro=intro, show_in_menus=True, locale=homes[code].locale
            )
            if translation_key:
                index.translation_key = translation_key
            homes[code].add_child(instance=index)
            index.save_revision().publish()
            context.count("stories")
        translation_key = index.translation_key
        indexes[code] = index
    return indexes
