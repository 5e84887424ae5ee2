"""Good-practice stories and the knowledge base: what a resident finds and reads."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from pages.knowledge.models import KnowledgeCategory, KnowledgeDocument
from pages.stories.models import StoryIndexPage, StoryPage
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    district,
    pages_in_bulk,
    publish_page,
)
from tests.helpers import html
from tests.knowledge.factories import KnowledgeArticlePageFactory, KnowledgeIndexPageFactory
from tests.stories.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def tree(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    return {
        "stories": StoryIndexPageFactory(parent=homes["pl"]),
        "knowledge": KnowledgeIndexPageFactory(parent=homes["pl"]),
        "first": OrganizationPageFactory(parent=directory, title="Fundacja Cztery Łapy"),
        "second": OrganizationPageFactory(parent=directory, title="Stowarzyszenie Dobry Sąsiad"),
    }


def make_story(tree, tags=(), **fields):
    story = StoryPageFactory(parent=tree["stories"], **fields)
    if tags:
        story.tags.set(list(tags))
    return publish_page(story)


def make_article(tree, tags=(), **fields):
    article = KnowledgeArticlePageFactory(parent=tree["knowledge"], **fields)
    if tags:
        article.tags.set(list(tags))
    return publish_page(article)


def card_titles(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    doc = html(response)
    return [a.text.strip() for a in doc.select(".directory__results .card__title a")], doc


def option(doc, text):
    """The label of a filter checkbox whose text contains ``text`` (its count in brackets)."""
    labels = [" ".join(label.text.split()) for label in doc.select(".filters__option")]
    return next((label for label in labels if text.lower() in label.lower()), None)


def count_of(doc, name, value):
    """The count shown beside one checkbox of the filter form."""
    box = doc.select_one(f'.filters input[name="{name}"][value="{value}"]')
    return " ".join(box.parent.text.split()).rsplit("(", 1)[1].rstrip(")")


def json_ld(doc):
    return json.loads(doc.find("script", type="application/ld+json").string)


# Stories


def test_story_filters_combine_and_count(client, tree):
    seniors, ecology = area("seniorzy"), area("ekologia-i-ochrona-zwierzat")
    old_town = district("stare-miasto")
    make_story(tree, title="Kawiarenka seniora", areas=[seniors], year=2024, district=old_town)
    make_story(tree, title="Ogród na dachu", areas=[ecology], year=2025, tags=["ogrody"])
    make_story(
        tree, title="Seniorzy sadzą drzewa", areas=[seniors, ecology], year=2025, tags=["ogrody"]
    )
    index = tree["stories"]

    titles, doc = card_titles(client, index)
    assert sorted(titles) == ["Kawiarenka seniora", "Ogród na dachu", "Seniorzy sadzą drzewa"]
    assert doc.select_one("#results-heading").text.strip().startswith("3")
    assert "(2)" in option(doc, seniors.name)
    assert "(2)" in option(doc, "2025")
    assert "(1)" in option(doc, "2024")
    assert "(2)" in option(doc, "ogrody")

    titles, doc = card_titles(client, index, f"?area={seniors.slug}&year=2025")
    assert titles == ["Seniorzy sadzą drzewa"]
    # With "seniors" ticked the year counts tell what ticking each year gives.
    assert "(1)" in option(doc, "2024")
    # The chips name the filters and each removes its own.
    chips = {a.text.split("×")[0].strip(): a["href"] for a in doc.select(".active-filters a")}
    assert chips["2025"] == f"?area={seniors.slug}"

    titles, _ = card_titles(client, index, f"?district={old_town.slug}")
    assert titles == ["Kawiarenka seniora"]
    titles, _ = card_titles(client, index, "?tag=ogrody")
    assert sorted(titles) == ["Ogród na dachu", "Seniorzy sadzą drzewa"]

    # Unknown values are ignored rather than refused; a bad year too.
    titles, _ = card_titles(client, index, "?area=nie-ma&year=dwa")
    assert len(titles) == 3


def test_drafts_and_unpublished_stories_are_not_listed(client, tree):
    make_story(tree, title="Opublikowana")
    draft = StoryPageFactory(parent=tree["stories"], title="Szkic", live=False)
    draft.save_revision()
    withdrawn = make_story(tree, title="Wycofana")
    withdrawn.unpublish()

    titles, doc = card_titles(client, tree["stories"])
    assert titles == ["Opublikowana"]
    assert option(doc, "2025").endswith("(1)")
    assert client.get(draft.url or "/pl/dobre-praktyki/szkic/").status_code == 404


def test_listing_is_paginated_and_keeps_the_filters(client, tree):
    seniors = area("seniorzy")
    for n in range(14):
        make_story(tree, title=f"Historia seniorów {n:02d}", areas=[seniors])
    make_story(tree, title="Inna")
    first, doc = card_titles(client, tree["stories"], f"?area={seniors.slug}")
    assert len(first) == 12
    next_link = doc.select_one(".pagination a[rel=next]")["href"]
    assert f"area={seniors.slug}" in next_link
    second, _ = card_titles(client, tree["stories"], next_link)
    assert len(second) == 2
    assert not set(first) & set(second)


def test_story_page_shows_organizations_outcomes_and_related_stories(client, tree):
    seniors, ecology = area("seniorzy"), area("ekologia-i-ochrona-zwierzat")
    story = make_story(
        tree,
        title="Seniorzy sadzą drzewa",
        areas=[seniors, ecology],
        organizations=[tree["first"], tree["second"]],
        outcomes=[("figure", {"figure": "120", "label": "posadzonych drzew"})],
        body=[("quote", {"text": "Każde drzewo ma opiekuna.", "attribution": "Wolontariuszka"})],
    )
    both = make_story(tree, title="Oba obszary", areas=[seniors, ecology], year=2020)
    one = make_story(tree, title="Jeden obszar", areas=[ecology], year=2025)
    make_story(tree, title="Bez wspólnego", year=2026)
    make_story(tree, title="Też bez wspólnego", year=2026)

    doc = html(client.get(story.url))
    links = {a.text: a["href"] for a in doc.select(".story__organizations a")}
    assert links == {
        "Fundacja Cztery Łapy": tree["first"].url,
        "Stowarzyszenie Dobry Sąsiad": tree["second"].url,
    }
    outcomes = doc.select_one(".story__outcomes")
    assert "120" in outcomes.text and "posadzonych drzew" in outcomes.text
    assert "Każde drzewo ma opiekuna." in doc.select_one("blockquote").text

    related = [a.text for a in doc.select(".related-stories .card__title a")]
    # Shared areas first (two, then one), then the newest; never the story itself; three at most.
    assert related[:2] == [both.title, one.title]
    assert len(related) == 3
    assert story.title not in related


def test_related_stories_cost_two_queries_at_most(tree):
    seniors = area("seniorzy")
    story = make_story(tree, areas=[seniors])
    for _ in range(5):
        make_story(tree, areas=[seniors])
    story = StoryPage.objects.get(pk=story.pk)
    with CaptureQueriesContext(connection) as captured:
        related = story.related_stories()
    assert len(related) == 3
    # The view restrictions of .public(), then the stories with their shared areas counted.
    assert len(captured.captured_queries) <= 2


def test_story_json_ld_is_an_article(client, tree):
    image = Image.objects.create(title="Podwórko", file=get_test_image_file())
    story = make_story(
        tree,
        title="Nowe podwórko",
        areas=[area("seniorzy")],
        organizations=[tree["first"]],
        hero_image=image,
        hero_alt="Dzieci malują mural na podwórku",
    )
    doc = html(client.get(story.url))
    data = json_ld(doc)
    assert data["@type"] == "Article"
    assert data["headline"] == "Nowe podwórko"
    assert data["datePublished"].startswith(story.first_published_at.date().isoformat())
    assert data["author"][0]["name"] == "Fundacja Cztery Łapy"
    assert data["publisher"]["name"]
    assert data["about"] == [{"@type": "Thing", "name": area("seniorzy").name}]
    assert data["image"].startswith("http")
    hero = doc.select_one(".story__hero img")
    assert hero["alt"] == "Dzieci malują mural na podwórku"


def test_a_title_cannot_break_out_of_the_page(client, tree):
    title = "<script>alert(1)</script> & co"
    story = make_story(tree, title=title)
    doc = html(client.get(story.url))
    assert doc.h1.text == title  # shown as text, not run
    assert doc.h1.find("script") is None
    assert json_ld(doc)["headline"] == title  # the JSON-LD is not closed early
    titles, _ = card_titles(client, tree["stories"], "?tag=%3Cb%3E")
    assert titles == []


def test_story_listing_queries_do_not_grow(client, tree):
    seniors = area("seniorzy")
    image = Image.objects.create(title="Zdjęcie", file=get_test_image_file())

    def queries():
        query = f"?area={seniors.slug}&year=2025"
        client.get(tree["stories"].url + query)  # warm-up: caches, renditions
        with CaptureQueriesContext(connection) as captured:
            response = client.get(tree["stories"].url + query)
        assert response.status_code == 200
        return len(captured.captured_queries)

    def add(count):
        with pages_in_bulk():
            for n in range(count):
                make_story(
                    tree,
                    areas=[seniors],
                    organizations=[tree["first"] if n % 2 else tree["second"]],
                    hero_image=image,
                    tags=["sasiedzi"],
                )

    add(10)
    at_10 = queries()
    add(190)
    at_200 = queries()
    assert at_10 == at_200


def test_stories_are_found_by_the_portal_search(client, tree, settings):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": None}
    seniors = area("seniorzy")
    make_story(tree, title="Kawiarenka seniora", lead="Spotkania przy kawie co środę.")
    make_story(tree, title="Ogród sąsiedzki", areas=[seniors], lead="Grządki dla wszystkich.")

    doc = html(client.get("/pl/szukaj/", {"q": "grządki"}))
    assert [a.text for a in doc.select(".search-result__title a")] == ["Ogród sąsiedzki"]
    doc = html(client.get("/pl/szukaj/", {"q": "ogród", "area": seniors.slug}))
    assert [a.text for a in doc.select(".search-result__title a")] == ["Ogród sąsiedzki"]


# Knowledge base


def test_knowledge_filters_by_category_area_and_words(client, tree):
    law = area("nieodplatna-pomoc-prawna")
    make_article(tree, title="Jak założyć stowarzyszenie", areas=[law])
    make_article(
        tree,
        title="Ustawa o wolontariacie",
        lead="Najważniejsze przepisy dla organizatorów.",
        category=KnowledgeCategory.REGULATION,
        areas=[law],
    )
    make_article(tree, title="Badanie sektora 2025", category=KnowledgeCategory.RESEARCH)
    index = tree["knowledge"]

    titles, doc = card_titles(client, index)
    assert len(titles) == 3
    assert count_of(doc, "category", "regulation") == "1"
    assert count_of(doc, "category", "guide") == "1"
    assert count_of(doc, "area", law.slug) == "2"

    titles, doc = card_titles(client, index, "?category=regulation")
    assert titles == ["Ustawa o wolontariacie"]
    titles, doc = card_titles(client, index, f"?area={law.slug}&category=guide")
    assert titles == ["Jak założyć stowarzyszenie"]
    titles, _ = card_titles(client, index, "?q=przepisy")
    assert titles == ["Ustawa o wolontariacie"]
    titles, doc = card_titles(client, index, "?q=nic+takiego")
    assert titles == []
    assert doc.select_one("#filter-q")["value"] == "nic takiego"


def test_article_lists_documents_with_type_and_size(client, tree):
    article = KnowledgeArticlePageFactory(parent=tree["knowledge"], title="Wzory umów")
    report = Document.objects.create(
        title="wzor-sprawozdania", file=ContentFile(b"x" * 2048, name="sprawozdanie.pdf")
    )
    note = Document.objects.create(
        title="Notatka", file=ContentFile(b"Short note here", name="notatka.txt")
    )
    KnowledgeDocument.objects.create(
        page=article, document=report, title="Wzór sprawozdania", sort_order=0
    )
    KnowledgeDocument.objects.create(page=article, document=note, sort_order=1)
    publish_page(article)

    doc = html(client.get(article.url))
    items = [" ".join(li.text.split()) for li in doc.select(".documents li")]
    assert items == ["Wzór sprawozdania (PDF, 2,0 KB)", "Notatka (TXT, 15 bajtów)"]
    assert doc.select_one(".documents a")["href"] == report.url


def test_stale_review_note_and_json_ld(client, tree):
    fresh = make_article(
        tree, title="Świeży poradnik", last_reviewed=TODAY - datetime.timedelta(days=30)
    )
    stale = make_article(
        tree,
        title="Stary przepis",
        category=KnowledgeCategory.REGULATION,
        last_reviewed=TODAY - datetime.timedelta(days=400),
    )
    fresh_doc = html(client.get(fresh.url))
    stale_doc = html(client.get(stale.url))
    assert fresh_doc.select_one(".review-note") is None
    assert "ponad rok" in stale_doc.select_one(".review-note").text
    assert json_ld(fresh_doc)["@type"] == "TechArticle"
    data = json_ld(stale_doc)
    assert data["@type"] == "Article"
    assert data["headline"] == "Stary przepis"
    assert data["lastReviewed"] == stale.last_reviewed.isoformat()


def test_knowledge_listing_queries_do_not_grow(client, tree):
    law = area("nieodplatna-pomoc-prawna")

    def queries():
        query = f"?area={law.slug}&category=guide&q=poradnik"
        client.get(tree["knowledge"].url + query)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(tree["knowledge"].url + query)
        assert response.status_code == 200
        return len(captured.captured_queries)

    with pages_in_bulk():
        for _ in range(10):
            make_article(tree, areas=[law], tags=["prawo"])
    at_10 = queries()
    with pages_in_bulk():
        for _ in range(190):
            make_article(tree, areas=[law], tags=["prawo"])
    at_200 = queries()
    assert at_10 == at_200


def test_page_rules(tree, homes):
    from pages.knowledge.models import KnowledgeIndexPage
    from pages.models import HomePage

    assert StoryIndexPage.can_create_at(homes["en"])
    assert not StoryIndexPage.can_create_at(homes["pl"])  # one per parent
    assert not KnowledgeIndexPage.can_create_at(homes["pl"])
    assert StoryPage.can_create_at(tree["stories"])
    assert not StoryPage.can_create_at(tree["knowledge"])
    assert not StoryPage.can_create_at(HomePage.objects.get(pk=homes["pl"].pk))


def test_demo_content_in_three_languages(client, demo):
    from django.core.management import call_command

    titles, doc = card_titles(client, StoryIndexPage.objects.get(slug="dobre-praktyki"))
    assert len(titles) >= 6
    story = html(client.get("/pl/dobre-praktyki/sasiedzki-ogrod/"))
    assert story.select(".story__organizations a")
    for path in ("/en/good-practices/", "/uk/dobri-praktyky/", "/en/knowledge-base/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert html(response).select(".card__title a"), path
    article = html(client.get("/en/knowledge-base/jak-zalozyc-stowarzyszenie/"))
    assert article.h1.text == "How to found an association"
    assert "TXT" in article.select_one(".documents li").text
    # Loading again adds nothing.
    before = StoryPage.objects.count()
    call_command("load_demo_data", size=5, verbosity=0)
    assert StoryPage.objects.count() == before


def test_editors_get_the_add_forms(admin_client, tree):
    for model, parent in (
        ("ngo_stories/storypage", tree["stories"]),
        ("ngo_knowledge/knowledgearticlepage", tree["knowledge"]),
    ):
        response = admin_client.get(f"/admin/pages/add/{model}/{parent.pk}/")
        assert response.status_code == 200
    form = html(
        admin_client.get(
            f"/admin/pages/add/ngo_knowledge/knowledgearticlepage/{tree['knowledge'].pk}/"
        )
    )
    assert form.find(attrs={"name": "documents-TOTAL_FORMS"}) is not None


def test_a_translated_story_names_the_organizations_in_its_language(client, tree, locales):
    directory_en = tree["first"].get_parent().specific.copy_for_translation(locales["en"])
    directory_en.save_revision().publish()
    profile_en = tree["first"].copy_for_translation(locales["en"])
    profile_en.title = "Four Paws Foundation"
    profile_en.save_revision().publish()
    index_en = tree["stories"].copy_for_translation(locales["en"])
    index_en.save_revision().publish()
    story = make_story(tree, title="Schronisko", organizations=[tree["first"], tree["second"]])
    story_en = story.copy_for_translation(locales["en"])
    story_en.title = "The shelter"
    story_en.save_revision().publish()

    index_en.refresh_from_db()
    doc = html(client.get(index_en.url))
    meta = doc.select_one(".card__meta").text
    # The English profile where there is one, the Polish name where there is none.
    assert "Four Paws Foundation" in meta and "Stowarzyszenie Dobry Sąsiad" in meta
    story_en.refresh_from_db()
    links = [a.text for a in html(client.get(story_en.url)).select(".story__organizations a")]
    assert links == ["Four Paws Foundation", "Stowarzyszenie Dobry Sąsiad"]


def test_story_body_shows_gallery_and_facts_with_alt_texts(client, tree):
    photo = Image.objects.create(title="Grządki", file=get_test_image_file())
    story = make_story(
        tree,
        body=[
            (
                "gallery",
                {
                    "title": "Zdjęcia z podwórka",
                    "images": [
                        {"image": photo, "alt_text": "Grządki z warzywami", "caption": "Maj"},
                        {"image": photo, "alt_text": "", "caption": ""},
                    ],
                },
            ),
            (
                "facts",
                {"title": "W liczbach", "facts": [{"figure": "12", "label": "grządek"}]},
            ),
        ],
    )
    doc = html(client.get(story.url))
    gallery = doc.select_one(".gallery-block")
    assert gallery.h2.text == "Zdjęcia z podwórka"
    assert [img["alt"] for img in gallery.select("img")] == ["Grządki z warzywami", ""]
    assert gallery.figcaption.text == "Maj"
    facts = doc.select_one(".facts-block:not(.story__outcomes)")
    assert facts.h2.text == "W liczbach"
    assert (facts.dt.text, facts.dd.text) == ("grządek", "12")
