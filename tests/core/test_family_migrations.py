"""A database made before a family had an app of its own keeps its pages after migrate.

Stories, the knowledge base and news moved from ``pages`` to ``ngo_stories``, ``ngo_knowledge``
and ``ngo_news`` (pages 0025-0027 and each app's 0001) without touching their tables. For each:
the pages made by the old migrations, their relations, tags, a permission handed out by model
and the portal search's entry must all be there, under the new app, after migrating forward, and
the listing must show them. (tests/leaders/test_leaders_migration.py does the same for the pilot.)
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import (
    area,
    hand_out,
    link,
    migrate_to_the_end,
    old_home,
    old_page,
    old_search_entry,
    tag,
)

# Each family: what the old migrations made, and what a resident sees of it after the move.


def old_stories(old, home):
    index = old_page(old, home, "StoryIndexPage", "Dobre praktyki", "dobre-praktyki")
    story = old_page(
        old, index, "StoryPage", "Ogród na podwórku", "ogrod", lead="Sąsiedzi sadzą.", year=2025
    )
    link(story, "areas", area(old, "seniorzy"))
    tag(old, story, "StoryTag", "ogrody")
    hand_out(old, "add_storypage", "Dobre praktyki: autorzy")
    old_search_entry(story, "pages.storypage")
    return index, story


def check_stories(client, index, story):
    from pages.stories.models import StoryPage

    moved = StoryPage.objects.get(pk=story.pk)
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    assert [t.slug for t in moved.tags.all()] == ["ogrody"]
    doc = html(client.get(Page.objects.get(pk=index.pk).specific.url + "?tag=ogrody"))
    return moved, [a.get_text() for a in doc.select(".story-card .card__title a")]


def old_knowledge(old, home):
    index = old_page(old, home, "KnowledgeIndexPage", "Baza wiedzy", "baza-wiedzy")
    article = old_page(
        old,
        index,
        "KnowledgeArticlePage",
        "Jak założyć stowarzyszenie",
        "jak-zalozyc",
        lead="Krok po kroku.",
        category="guide",
    )
    link(article, "areas", area(old, "seniorzy"))
    tag(old, article, "KnowledgeTag", "rejestracja")
    document = old.get_model("wagtaildocs", "Document").objects.create(
        title="Wzór statutu", file="documents/wzor-statutu.txt"
    )
    old.get_model("pages", "KnowledgeDocument").objects.create(
        page_id=article.pk, document=document, sort_order=0
    )
    hand_out(old, "change_knowledgearticlepage", "Baza wiedzy: eksperci")
    old_search_entry(article, "pages.knowledgearticlepage")
    return index, article


def check_knowledge(client, index, article):
    from pages.knowledge.models import KnowledgeArticlePage

    moved = KnowledgeArticlePage.objects.get(pk=article.pk)
    assert [d.display_title for d in moved.documents.all()] == ["Wzór statutu"]
    assert [t.slug for t in moved.tags.all()] == ["rejestracja"]
    doc = html(client.get(Page.objects.get(pk=index.pk).specific.url + "?category=guide"))
    return moved, [a.get_text(strip=True) for a in doc.select(".card__title a")]


def old_news(old, home):
    index = old_page(old, home, "NewsIndexPage", "Aktualności", "aktualnosci")
    item = old_page(
        old, index, "NewsPage", "Nabór wniosków", "nabor", lead="Ruszył nabór.", date="2026-11-02"
    )
    link(item, "areas", area(old, "seniorzy"))
    tag(old, item, "NewsTag", "nabor")
    hand_out(old, "change_newspage", "Aktualności: wydawcy")
    old_search_entry(item, "pages.newspage")
    return index, item


def check_news(client, index, item):
    from pages.news.models import NewsPage

    moved = NewsPage.objects.get(pk=item.pk)
    assert [t.slug for t in moved.tags.all()] == ["nabor"]
    listing = Page.objects.get(pk=index.pk).specific.url
    feed = client.get(listing + "kanal/?area=seniorzy").content.decode()
    assert "Nabór wniosków" in feed
    doc = html(client.get(listing + "?area=seniorzy&year=2026"))
    return moved, [a.get_text(strip=True) for a in doc.select(".card__title a")]


@dataclass
class Family:
    label: str
    build: object
    check: object
    permission: str
    group: str
    titles: list


FAMILIES = [
    Family(
        label="ngo_stories",
        build=old_stories,
        check=check_stories,
        permission="add_storypage",
        group="Dobre praktyki: autorzy",
        titles=["Ogród na podwórku"],
    ),
    Family(
        label="ngo_knowledge",
        build=old_knowledge,
        check=check_knowledge,
        permission="change_knowledgearticlepage",
        group="Baza wiedzy: eksperci",
        titles=["Jak założyć stowarzyszenie"],
    ),
    Family(
        label="ngo_news",
        build=old_news,
        check=check_news,
        permission="change_newspage",
        group="Aktualności: wydawcy",
        titles=["Nabór wniosków"],
    ),
]

# The last pages migration before the first of these moves.
BEFORE = ("pages", "0024_leaders_moved_to_ngo_leaders")


def test_every_family_made_before_the_move_is_there_after_it(client, before_the_move):
    """One test for every family: going back and forth through the migrations is slow."""
    old = before_the_move
    home = old_home(old)
    made = [(family, *family.build(old, home)) for family in FAMILIES]

    migrate_to_the_end()

    for family, index, item in made:
        moved, titles = family.check(client, index, item)
        assert titles == family.titles, family.label
        for page in (index, item):
            assert Page.objects.get(pk=page.pk).specific.content_type.app_label == family.label
        assert client.get(moved.url).status_code == 200
        # Handed out by model, the permission still gives its right under the new label.
        group = Group.objects.get(name=family.group)
        assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
            (family.label, family.permission)
        ]
        assert not Permission.objects.filter(
            content_type__app_label="pages", codename=family.permission
        ).exists()
        # The search names the page's type by the new label: its filter and label still work.
        entry = SearchEntry.objects.get(page_id=item.pk)
        assert entry.content_type == f"{family.label}.{type(moved).__name__.lower()}"
        assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
            entry.content_type
        ]
