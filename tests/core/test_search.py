"""The portal search on the database backend: what a resident finds, and what editors see."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from pages.models import StandardPage
from search import registry
from search.models import SearchEntry, ZeroResultQuery
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_backend(settings):
    """These tests are about the database backend, even where ELASTICSEARCH_URL is set."""
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": None}


@pytest.fixture
def publish(homes):
    """Publish a content page; the index is updated by the page_published signal's task."""

    def publish(title, text="", language="pl", parent=None, **fields):
        page = StandardPage(title=title, locale=homes[language].locale, **fields)
        page.body = [("paragraph", f"<p>{text}</p>")] if text else []
        (parent or homes[language]).add_child(instance=page)
        page.save_revision().publish()
        return page

    return publish


@pytest.fixture
def facets_by_slug():
    """Facet values for test pages, through the registry as a page family would declare them."""
    values = {}

    def adapter(page):
        return {"facets": values.get(page.slug, {})}

    registry.register(StandardPage, adapter)
    yield values
    registry.unregister(StandardPage)


def search(client, language="pl", **params):
    path = {"pl": "/pl/szukaj/", "en": "/en/search/", "uk": "/uk/poshuk/"}[language]
    response = client.get(path, params)
    assert response.status_code == 200
    return html(response)


def titles(doc):
    return [a.get_text() for a in doc.select(".search-result__title a")]


def test_inflected_polish_forms_find_each_other(client, publish):
    publish("Zostań wolontariuszem", "Szukamy wolontariuszy do pomocy seniorom.")
    publish("Fundacja Zielony Park", "Fundacja sadzi drzewa w parkach miejskich.")
    publish("Rada miasta", "Sesja rady i porządek obrad.")

    assert titles(search(client, q="wolontariusza")) == ["Zostań wolontariuszem"]
    assert titles(search(client, q="fundacje")) == ["Fundacja Zielony Park"]
    assert titles(search(client, q="pomoc seniorów")) == ["Zostań wolontariuszem"]


def test_diacritics_are_optional_and_matches_are_highlighted(client, publish):
    publish("Źródła finansowania", "Granty i inne źródła pieniędzy dla organizacji.")

    doc = search(client, q="zrodla")

    assert titles(doc) == ["Źródła finansowania"]
    assert doc.select_one(".search-result__title mark").get_text() == "Źródła"
    assert [m.get_text() for m in doc.select(".search-result__snippet mark")] == ["źródła"]


def test_all_words_must_match_and_title_matches_rank_first(client, publish):
    publish("Szkolenia w parku", "Warsztaty dla seniorów o ekologii.")
    publish("Ekologia dla seniorów", "Spotkania i szkolenia.")
    publish("Szkolenia dla młodzieży", "Kursy i warsztaty.")

    doc = search(client, q="szkolenia dla seniorów")

    # The page with "seniorów" in its title ranks above the one with it in the text only.
    assert titles(doc) == ["Ekologia dla seniorów", "Szkolenia w parku"]
    assert doc.select_one(".search-count").get_text().startswith("2 ")


def test_prefix_fallback_finds_the_beginning_of_a_word(client, publish):
    publish("Bank żywności", "Zbiórka żywności w grudniu.")

    assert titles(search(client, q="żywn")) == ["Bank żywności"]


def test_restricted_unpublished_and_other_language_pages_are_never_shown(client, publish, homes):
    publish("Kalendarz wolontariatu", "Dla wszystkich.")
    secret = publish("Wolontariat wewnętrzny", "Tylko dla urzędników.")
    section = publish("Intranet", "Strefa urzędu.")
    hidden_child = publish("Wolontariat w urzędzie", "Regulamin.", parent=section)
    draft = publish("Wolontariat szkic", "Roboczy tekst.")
    publish("Volunteering calendar", "Wolontariat", language="en")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    draft.unpublish()

    assert titles(search(client, q="wolontariat")) == ["Kalendarz wolontariatu"]
    assert not SearchEntry.objects.filter(page__in=[secret, hidden_child, draft]).exists()
    assert titles(search(client, "en", q="wolontariat")) == ["Volunteering calendar"]


def test_deleted_and_moved_pages_leave_and_join_the_index(client, publish):
    gone = publish("Festyn sąsiedzki", "Zabawa.")
    private = publish("Strefa partnerów", "Dla partnerów.")
    moved = publish("Festyn rodzinny", "Zabawa dla rodzin.")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    Page.objects.get(pk=gone.pk).delete()
    assert titles(search(client, q="festyn")) == ["Festyn rodzinny"]

    Page.objects.get(pk=moved.pk).move(private, pos="last-child")

    assert "Festyn rodzinny" not in titles(search(client, q="festyn"))


def test_facets_count_narrow_and_combine(client, publish, facets_by_slug):
    facets_by_slug.update(
        {
            "a": {"area": ["ekologia"], "district": ["centrum"], "tag": ["drzewa"]},
            "b": {"area": ["ekologia", "edukacja"], "district": ["polnoc"]},
            "c": {"area": ["edukacja"], "district": ["centrum"]},
        }
    )
    for slug, title in [("a", "Park A"), ("b", "Park B"), ("c", "Park C")]:
        publish(title, "Spacer po parku.", slug=slug)

    doc = search(client, q="park")
    counts = {
        label.find("input")["value"]: label.select_one(".search-facet__count").get_text()
        for label in doc.select("[data-facet=area] label")
    }
    assert counts == {"ekologia": "(2)", "edukacja": "(2)"}

    narrowed = search(client, q="park", area="ekologia")
    assert sorted(titles(narrowed)) == ["Park A", "Park B"]
    # District counts follow the chosen area; the area counts still offer the other value (OR).
    district = {
        label.find("input")["value"]: label.select_one(".search-facet__count").get_text()
        for label in narrowed.select("[data-facet=district] label")
    }
    assert district == {"centrum": "(1)", "polnoc": "(1)"}
    assert narrowed.select_one("[data-facet=area] input[value=ekologia]").has_attr("checked")

    assert titles(search(client, q="park", area="ekologia", district="centrum")) == ["Park A"]
    assert sorted(titles(search(client, q="park", area=["ekologia", "edukacja"]))) == [
        "Park A",
        "Park B",
        "Park C",
    ]
    assert doc.select_one("[data-facet=type] legend").get_text() == "Rodzaj treści"
    assert doc.select_one("[data-facet=area] legend").get_text() == "Sfera pożytku publicznego"
    types = search(client, q="park").select("[data-facet=type] label")
    assert [t.get_text(" ", strip=True) for t in types] == ["strona z treścią (3)"]


def test_default_adapter_takes_areas_districts_and_tags_from_the_page(homes):
    class Related:
        def __init__(self, *slugs):
            self.slugs = slugs

        def all(self):
            return [type("Term", (), {"slug": slug})() for slug in self.slugs]

    page = StandardPage(title="Fundacja", locale=homes["pl"].locale, search_description="Opis")
    page.areas = Related("pomoc-spoleczna")
    page.districts = Related("stare-miasto", "zatorze")
    page.tags = Related("seniorzy")

    document = registry.build_document(page)

    assert document.facets == {
        "type": ["pages.standardpage"],
        "area": ["pomoc-spoleczna"],
        "district": ["stare-miasto", "zatorze"],
        "tag": ["seniorzy"],
    }
    assert document.text == "Opis"


def test_search_document_method_of_a_page_family_is_used(homes):
    class EventLike(StandardPage):
        class Meta:
            proxy = True
            app_label = "pages"

        def search_document(self):
            return {"text": ["Koncert"], "location": (50.8, 19.1), "facets": {"area": ["kultura"]}}

    document = registry.build_document(EventLike(title="Wydarzenie", locale=homes["pl"].locale))

    assert document.text == "Koncert"
    assert document.location == (50.8, 19.1)
    assert document.facets["area"] == ["kultura"]


def test_did_you_mean_suggests_an_indexed_word(client, publish):
    publish("Wolontariat w hospicjum", "Opieka nad chorymi.")

    doc = search(client, q="hospicjom")

    assert titles(doc) == []
    link = doc.select_one(".search-suggestion a")
    assert link.get_text() == "hospicjum"
    assert titles(search(client, q=link.get_text())) == ["Wolontariat w hospicjum"]


def test_did_you_mean_never_points_to_a_page_that_left_the_index(client, publish):
    page = publish("Hospicjum domowe", "Opieka.")
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    doc = search(client, q="hospicjom")

    assert doc.select_one(".search-suggestion") is None


def test_zero_result_searches_are_recorded_and_every_query_counted(client, publish):
    publish("Bank żywności", "Zbiórka.")

    search(client, q="Schronisko  dla psów")
    search(client, q="schronisko dla psów")
    search(client, q="bank")

    recorded = ZeroResultQuery.objects.get()
    assert (recorded.query_string, recorded.language, recorded.hits) == (
        "schronisko dla psów",
        "pl",
        2,
    )
    assert Query.get("bank").hits == 1


def test_zero_result_report_lists_queries_for_editors(admin_client, client, publish):
    search(client, q="psy do adopcji")

    response = admin_client.get(reverse("portal_search_zero_results"))

    assert response.status_code == 200
    assert "psy do adopcji" in response.content.decode()
    reports_menu = admin_client.get("/admin/").content.decode()
    assert reverse("portal_search_zero_results") in reports_menu


def test_promoted_results_come_first(client, publish, homes):
    publish("Wolontariat w schronisku", "Wolontariat dla miłośników zwierząt.")
    pinned = publish("Jak zostać wolontariuszem", "Poradnik.")
    SearchPromotion.objects.create(
        query=Query.get("wolontariat"), page=pinned, description="Zacznij tutaj", sort_order=0
    )

    doc = search(client, q="Wolontariat")

    promotion = doc.select_one(".search-promotions .search-promotion a")
    assert promotion.get_text() == "Jak zostać wolontariuszem"
    assert promotion.find_parent("section").find_next("ol", class_="search-results")
    assert titles(doc) == ["Wolontariat w schronisku"]


def test_sort_by_date_and_pagination_keep_the_filters(client, publish, facets_by_slug):
    for i in range(23):
        facets_by_slug[f"s{i}"] = {"area": ["integracja"]}
        page = publish(f"Spotkanie {i}", "Spotkanie organizacji.", slug=f"s{i}")
        SearchEntry.objects.filter(page=page).update(date=f"2026-01-{i + 1:02d}")

    first = search(client, q="spotkanie", sort="date", area="integracja")
    assert titles(first)[:2] == ["Spotkanie 22", "Spotkanie 21"]
    assert len(titles(first)) == 20
    next_link = first.select_one("nav.pagination a[rel=next]")["href"]
    assert "sort=date" in next_link and "area=integracja" in next_link
    second = html(client.get("/pl/szukaj/" + next_link))
    assert titles(second) == ["Spotkanie 2", "Spotkanie 1", "Spotkanie 0"]


def test_date_range_keeps_dated_entries_in_it(client, publish):
    for day, title in [("2026-05-01", "Piknik majowy"), ("2026-07-01", "Piknik lipcowy")]:
        page = publish(title, "Piknik w parku.")
        SearchEntry.objects.filter(page=page).update(date=day)

    doc = search(client, q="piknik", date_from="2026-06-01", date_to="2026-08-31")

    assert titles(doc) == ["Piknik lipcowy"]


def test_autocomplete_returns_titles_of_the_current_language(client, publish):
    page = publish("Wolontariat w hospicjum", "Opieka.")
    publish("Wolontariat seniorów", "Pomoc.")
    publish("Volunteering in a hospice", "Care.", language="en")

    response = client.get("/pl/szukaj/podpowiedzi/", {"q": "wolont hosp"})

    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["results"] == [
        {"title": "Wolontariat w hospicjum", "url": page.url}
    ]
    assert json.loads(client.get("/pl/szukaj/podpowiedzi/", {"q": "w"}).content)["results"] == []


def test_search_page_has_an_accessible_autocomplete_and_opensearch(client, publish):
    doc = search(client, q="cokolwiek")
    box = doc.select_one("#search-query")
    assert box["data-autocomplete"] == "/pl/szukaj/podpowiedzi/"
    assert doc.find("label", attrs={"for": "search-query"}) is not None
    assert doc.find("script", src="/static/js/search-autocomplete.js") is not None

    home = html(client.get("/pl/"))
    link = home.find("link", rel="search")
    assert link["type"] == "application/opensearchdescription+xml"
    xml = client.get(link["href"])
    assert xml["Content-Type"] == "application/opensearchdescription+xml"
    assert "/pl/szukaj/?q={searchTerms}" in xml.content.decode()


def test_a_faceted_search_costs_the_same_number_of_queries(client, publish, facets_by_slug):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(start, stop):
        for i in range(start, stop):
            facets_by_slug[f"o{i}"] = {
                "area": [f"a{i % 4}"],
                "district": [f"d{i % 3}"],
                "tag": ["t"],
            }
            publish(f"Organizacja {i}", "Organizacja pożytku publicznego.", slug=f"o{i}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            doc = search(client, q="organizacja", area=["a0", "a1"], district="d1")
        assert titles(doc)
        return len(captured.captured_queries)

    add(0, 10)
    queries()  # the first request creates per-site rows and fills caches: warm up
    at_10 = queries()
    add(10, 60)
    assert queries() == at_10
    assert at_10 <= 30


def test_rebuild_command_indexes_every_live_public_page(publish, homes):
    publish("Fundacja Pomocy", "Pomagamy.")
    SearchEntry.objects.all().delete()
    from django.core.management import call_command

    call_command("rebuild_portal_search", verbosity=0)

    assert SearchEntry.objects.filter(title="Fundacja Pomocy").exists()
    # The language home pages are indexed too; the tree's root is not.
    assert SearchEntry.objects.filter(page=homes["uk"]).exists()
    assert not SearchEntry.objects.filter(page__depth=1).exists()


def test_english_is_stemmed_and_ukrainian_folded(client, publish):
    publish("Volunteer with us", "We need volunteers for the food bank.", language="en")
    publish("Волонтерство у Києві", "Допомога літнім людям.", language="uk")

    assert titles(search(client, "en", q="volunteering")) == ["Volunteer with us"]
    assert titles(search(client, "uk", q="волонтерство києві")) == ["Волонтерство у Києві"]
    # ї without its dots, as typed on a keyboard without the Ukrainian layout.
    assert titles(search(client, "uk", q="Києві".replace("ї", "і"))) == ["Волонтерство у Києві"]


def test_facet_values_are_shown_with_their_names(client, publish, facets_by_slug):
    from taggit.models import Tag

    Tag.objects.create(name="Seniorzy 60+", slug="seniorzy-60")
    facets_by_slug["klub"] = {"tag": ["seniorzy-60"]}
    publish("Klub seniora", "Spotkania.", slug="klub")

    labels = search(client, q="klub").select("[data-facet=tag] label")

    assert [label.get_text(" ", strip=True) for label in labels] == ["Seniorzy 60+ (1)"]


def test_publishing_never_fails_when_indexing_fails(publish, monkeypatch, caplog):
    def broken(page):
        raise RuntimeError("index is broken")

    monkeypatch.setattr(registry, "build_document", broken)

    page = publish("Fundacja Pomocy", "Pomagamy.")

    assert Page.objects.get(pk=page.pk).live
    assert "indexing page" in caplog.text
    assert not SearchEntry.objects.filter(page=page).exists()


@pytest.mark.parametrize("size", [10, 60])
def test_rebuild_reads_related_data_in_bulk(publish, size, django_assert_max_num_queries):
    from django.core.management import call_command

    for i in range(size):
        publish(f"Stowarzyszenie {i}", "Działamy.")

    with django_assert_max_num_queries(20):
        call_command("rebuild_portal_search", backend="database", verbosity=0)

    assert SearchEntry.objects.filter(title__startswith="Stowarzyszenie").count() == size


def test_inflected_ukrainian_forms_find_each_other(client, publish):
    publish("Шукаємо волонтерів", "Допомога сусідам у районі.", language="uk")
    publish("Навчання для організацій", "Як написати заявку на грант.", language="uk")

    assert titles(search(client, "uk", q="волонтер")) == ["Шукаємо волонтерів"]
    assert titles(search(client, "uk", q="волонтерами")) == ["Шукаємо волонтерів"]
    assert titles(search(client, "uk", q="організація")) == ["Навчання для організацій"]
    assert titles(search(client, "uk", q="навчанні")) == ["Навчання для організацій"]


def test_autocomplete_answers_429_with_a_message_past_its_rate(client, publish, settings):
    settings.PORTAL_SEARCH_AUTOCOMPLETE_RATE = "3/m"
    url = "/pl/szukaj/podpowiedzi/"
    for _ in range(3):
        assert client.get(url, {"q": "wol"}).status_code == 200
    refused = client.get(url, {"q": "wol"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["results"] == [] and refused.json()["error"]


# A column of a table, as Django writes it ("table"."column", U0."column", UPPER(... ::text)),
# compared with LIKE; and the tables a statement names, with their aliases.
LIKE_RE = re.compile(r'(?:"?(\w+)"?\.)?"(\w+)"(?:::text)?\)?\s+(?:I?LIKE|GLOB)\b', re.IGNORECASE)
TABLE_RE = re.compile(r'"(\w+)"(?:\s+(?:AS\s+)?"?([A-Z]\d+)"?\b)?')


def likes_on_search_index(sql):
    """The columns of the search tables a statement compares with LIKE."""
    tables = {}
    for table, alias in TABLE_RE.findall(sql):
        tables.setdefault(table, set()).add(table)
        if alias:
            tables.setdefault(alias, set()).add(table)
    found = []
    for qualifier, column in LIKE_RE.findall(sql):
        # An unqualified column is counted against any search table the statement names.
        named = tables.get(qualifier, set()) if qualifier else set(tables)
        if any(table.startswith("portal_search_") for table in named):
            found.append(f"{qualifier}.{column}")
    return found


def test_the_like_detector_sees_the_old_token_matching(db):
    """The check below would see a LIKE on the index, also inside an aliased subquery."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        list(SearchEntry.objects.filter(tokens__contains=" park "))
        words = SearchEntry.objects.filter(title_tokens__contains=" park").values("page_id")
        list(Page.objects.filter(pk__in=words))
        list(Page.objects.filter(title__icontains="park"))
    found = [likes_on_search_index(query["sql"]) for query in captured.captured_queries]
    assert found[0] and found[1]
    assert found[2] == []


def test_no_search_path_uses_like_on_the_index(client, publish, facets_by_slug, homes):
    """Every way a resident searches matches words in the database's full-text index: the
    search page with and without facets, the prefix fallback, did-you-mean, autocomplete and a
    listing's text filter (the NGO directory)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

    facets_by_slug["bank"] = {"area": ["ekologia"], "district": ["centrum"]}
    publish("Bank żywności", "Zbiórka żywności w grudniu.", slug="bank")
    publish("Wolontariat w hospicjum", "Opieka nad chorymi.", slug="hospicjum")
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    OrganizationPageFactory(
        parent=directory, title="Stowarzyszenie Srebrni Sąsiedzi"
    ).save_revision().publish()

    with CaptureQueriesContext(connection) as captured:
        assert titles(search(client, q="żywności")) == ["Bank żywności"]
        faceted = search(client, q="żywność", area="ekologia", district="centrum")
        assert titles(faceted) == ["Bank żywności"]
        assert titles(search(client, q="żywn")) == ["Bank żywności"]  # the prefix fallback
        suggestion = search(client, q="hospicjom").select_one(".search-suggestion a")
        assert suggestion.get_text() == "hospicjum"
        response = client.get("/pl/szukaj/podpowiedzi/", {"q": "wolont hosp"})
        results = json.loads(response.content)["results"]
        assert [r["title"] for r in results] == ["Wolontariat w hospicjum"]
        # "srebrnych" is in no title: only the index's word forms find "Srebrni".
        listing = html(client.get("/pl/organizacje/", {"q": "srebrnych"}))
        assert [a.get_text(strip=True) for a in listing.select(".cards .card__title a")] == [
            "Stowarzyszenie Srebrni Sąsiedzi"
        ]

    statements = [query["sql"] for query in captured.captured_queries]
    assert [found for sql in statements if (found := likes_on_search_index(sql))] == []
    full_text = "MATCH" if connection.vendor == "sqlite" else "@@"
    assert sum(full_text in sql for sql in statements) >= 8


def test_words_that_are_query_operators_are_searched_as_words(client, publish):
    publish("Klub dyskusyjny NOT OR AND NEAR", "Rozmowy o logice.")

    assert titles(search(client, q="not or and near")) == ["Klub dyskusyjny NOT OR AND NEAR"]
    assert titles(search(client, q="NEAR")) == ["Klub dyskusyjny NOT OR AND NEAR"]
    assert titles(search(client, q="logice:* | !rozmowy &")) == ["Klub dyskusyjny NOT OR AND NEAR"]


def _family_pages(homes):
    """A page of each feature app's family, each under its own listing (label: title)."""
    from tests.knowledge.factories import KnowledgeArticlePageFactory, KnowledgeIndexPageFactory
    from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
    from tests.stories.factories import StoryIndexPageFactory, StoryPageFactory

    story = StoryPageFactory.build(title="Kompostownik na podwórku", slug="kompostownik")
    StoryIndexPageFactory(parent=homes["pl"]).add_child(instance=story)
    article = KnowledgeArticlePageFactory.build(title="Jak zbudować kompostownik", slug="kompost")
    KnowledgeIndexPageFactory(parent=homes["pl"]).add_child(instance=article)
    news = NewsPageFactory.build(title="Kompostownik dla każdego osiedla", slug="kompostowniki")
    NewsIndexPageFactory(parent=homes["pl"]).add_child(instance=news)
    return {
        "ngo_stories.storypage": story,
        "ngo_knowledge.knowledgearticlepage": article,
        "ngo_news.newspage": news,
    }


def test_feature_apps_pages_are_found_with_their_type(client, homes):
    pages = _family_pages(homes)
    for page in pages.values():
        page.save_revision().publish()

    doc = search(client, q="kompostownik")

    found = {
        a.get_text(): a.find_parent("li")
        .select_one(".search-result__meta")
        .get_text()
        .split(" · ")[0]
        for a in doc.select(".search-result__title a")
    }
    labels = {
        "ngo_stories.storypage": "Dobra praktyka",
        "ngo_knowledge.knowledgearticlepage": "Artykuł bazy wiedzy",
        "ngo_news.newspage": "Aktualność",
    }
    assert found == {page.title: labels[label] for label, page in pages.items()}
    for label, page in pages.items():
        assert titles(search(client, q="kompostownik", type=label)) == [page.title]
