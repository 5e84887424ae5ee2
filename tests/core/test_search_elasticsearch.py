"""The Elasticsearch backend as data (mappings, analysis, queries), its fallback to the
database, and an integration suite that runs whenever ELASTICSEARCH_URL names a server."""

import datetime
import os

import pytest
from elasticsearch_dsl.response import Response

from pages.models import StandardPage
from search import registry
from search.backends import SearchFilters, SearchUnavailable
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    build_autocomplete,
    build_index,
    build_search,
)
from tests.helpers import html

UNREACHABLE = "http://127.0.0.1:9"


def analysis(index):
    return index.to_dict()["settings"]["analysis"]


def test_polish_analysis_uses_stempel_when_the_cluster_has_it():
    with_plugin = analysis(build_index("portal-pl-1", "pl", has_stempel=True))
    without = analysis(build_index("portal-pl-1", "pl", has_stempel=False))

    # Indexed stemmed-then-folded and folded-then-stemmed, at one position.
    assert with_plugin["analyzer"]["portal_text"]["filter"] == [
        "lowercase",
        "polish_stop",
        "portal_stem_folded",
        "remove_duplicates",
    ]
    assert with_plugin["filter"]["portal_stem_folded"] == {
        "type": "multiplexer",
        "preserve_original": False,
        "filters": ["polish_stem, asciifolding", "asciifolding, polish_stem"],
    }
    assert without["analyzer"]["portal_text"]["filter"] == ["lowercase", "asciifolding"]
    assert without["analyzer"]["portal_folded"]["filter"] == ["lowercase", "asciifolding"]


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
@pytest.mark.parametrize("has_stempel", [True, False])
def test_a_query_is_folded_before_anything_else_so_seniorow_equals_seniorow(language, has_stempel):
    """A resident typing "seniorow" or "zolw" gets what "seniorów" or "żółw" gets: every
    analyzer a query goes through folds right after lowercasing, before stop words and
    stemming, so the two spellings become the same tokens."""
    index = build_index(f"portal-{language}-1", language, has_stempel=has_stempel).to_dict()
    settings = index["settings"]["analysis"]
    properties = index["mappings"]["properties"]

    searched = {"portal_folded"}
    for name in ("title", "text", "family"):
        searched.add(properties[name].get("search_analyzer", properties[name]["analyzer"]))
        searched.add(properties[name]["fields"]["folded"]["analyzer"])
    assert searched == {"portal_query", "portal_folded"}
    for name in searched:
        assert settings["analyzer"][name]["filter"][:2] == ["lowercase", "asciifolding"]


def test_english_analysis_stems_with_its_own_filters():
    settings = analysis(build_index("portal-en-1", "en", has_stempel=True))

    assert "english_stemmer" in settings["analyzer"]["portal_query"]["filter"]
    assert "english_stemmer, asciifolding" in settings["filter"]["portal_stem_folded"]["filters"]
    assert settings["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}
    uk = analysis(build_index("portal-uk-1", "uk", has_stempel=True))
    assert uk["analyzer"]["portal_text"]["filter"] == ["lowercase", "asciifolding"]


def test_mapping_has_facets_as_keywords_geo_point_and_completion():
    mapping = build_index("portal-pl-1", "pl", True).to_dict()["mappings"]
    properties = mapping["properties"]

    assert properties["location"] == {"type": "geo_point"}
    assert properties["title_suggest"]["type"] == "completion"
    assert properties["title"]["fields"]["folded"]["analyzer"] == "portal_folded"
    assert properties["text"]["analyzer"] == "portal_text"
    assert mapping["dynamic_templates"] == [
        {"facets": {"path_match": "facets.*", "mapping": {"type": "keyword"}}}
    ]


class FakeNodes:
    def __init__(self, plugins):
        self.plugins = plugins

    def info(self, metric):
        assert metric == "plugins"
        return {"nodes": {"n1": {"plugins": [{"name": name} for name in self.plugins]}}}


@pytest.mark.parametrize(
    ("plugins", "expected", "log"),
    [
        (["analysis-stempel", "analysis-icu"], True, "polish_stem"),
        (["analysis-icu"], False, "no analysis-stempel plugin"),
    ],
)
def test_stempel_plugin_is_detected_and_logged(plugins, expected, log, caplog):
    backend = ElasticsearchBackend(UNREACHABLE)
    backend.client = type("Client", (), {"nodes": FakeNodes(plugins)})()

    with caplog.at_level("INFO", logger="search.backends.elasticsearch"):
        assert backend.has_stempel() is expected
    assert log in caplog.text


def test_search_matches_all_words_and_highlights_and_suggests():
    body = build_search("portal-pl", "szkolenia dla seniorów").to_dict()

    assert body["query"]["multi_match"]["operator"] == "and"
    assert body["query"]["multi_match"]["query"] == "szkolenia dla seniorów"
    assert "title^3" in body["query"]["multi_match"]["fields"]
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["highlight"]["encoder"] == "html"
    assert set(body["highlight"]["fields"]) == {"title", "title.folded", "text", "text.folded"}
    assert body["suggest"]["did_you_mean"]["phrase"]["field"] == "text.folded"
    assert body["suggest"]["did_you_mean"]["text"] == "szkolenia dla seniorów"
    assert (body["from"], body["size"]) == (0, 20)
    assert body["sort"][0] == "_score"


def test_facets_are_aggregations_that_ignore_their_own_choice():
    filters = SearchFilters(facets={"area": ["ekologia", "edukacja"], "district": ["centrum"]})

    body = build_search("portal-pl", "park", filters).to_dict()

    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"facets.area": ["ekologia", "edukacja"]}},
                {"terms": {"facets.district": ["centrum"]}},
            ]
        }
    }
    aggs = body["aggs"]
    # One aggregation per registered facet (page families may add their own, e.g. events).
    assert set(aggs) == set(registry.facets()) >= {"type", "area", "district", "tag"}
    # The area counts follow the district choice only, so other areas stay choosable (OR).
    assert aggs["area"]["filter"] == {
        "bool": {"filter": [{"terms": {"facets.district": ["centrum"]}}]}
    }
    assert aggs["area"]["aggs"]["values"]["terms"]["field"] == "facets.area"
    assert len(aggs["type"]["filter"]["bool"]["filter"]) == 2


def test_date_range_place_sort_and_page():
    filters = SearchFilters(
        date_from=datetime.date(2026, 6, 1),
        date_to=datetime.date(2026, 6, 30),
        near=(50.81, 19.12, 3.0),
    )

    body = build_search("portal-pl", "piknik", filters, sort="date", page=3).to_dict()

    conditions = body["query"]["bool"]["filter"]
    assert {"range": {"date": {"gte": "2026-06-01", "lte": "2026-06-30"}}} in conditions
    assert {
        "geo_distance": {"distance": "3.0km", "location": {"lat": 50.81, "lon": 19.12}}
    } in conditions
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert (body["from"], body["size"]) == (40, 20)


def test_facets_alone_without_words_list_everything_narrowed():
    body = build_search("portal-pl", "", SearchFilters(facets={"type": ["ngo_calendar.eventpage"]}))

    assert body.to_dict()["query"] == {"match_all": {}}
    assert "suggest" not in body.to_dict() and "highlight" not in body.to_dict()


def test_autocomplete_is_a_completion_suggester():
    body = build_autocomplete("portal-uk", "волон", limit=5).to_dict()

    assert body["suggest"]["titles"] == {
        "prefix": "волон",
        "completion": {"field": "title_suggest", "size": 5, "skip_duplicates": True},
    }
    assert body["size"] == 0


def test_a_response_becomes_hits_facets_and_a_suggestion(monkeypatch):
    backend = ElasticsearchBackend(UNREACHABLE)
    raw = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "7",
                    "_score": 2.0,
                    "_source": {
                        "page_id": 7,
                        "title": "Fundacja <Zielony> Park",
                        "content_type": "pages.standardpage",
                        "date": "2026-05-01",
                    },
                    "highlight": {"text": ["Nasza <mark>fundacja</mark> sadzi"]},
                }
            ],
        },
        "aggregations": {
            name: {"doc_count": 1, "values": {"buckets": buckets}}
            for name, buckets in {
                **dict.fromkeys(registry.facets(), []),
                "type": [{"key": "pages.standardpage", "doc_count": 1}],
                "area": [{"key": "ekologia", "doc_count": 1}],
                "district": [],
                "tag": [],
            }.items()
        },
        "suggest": {"did_you_mean": [{"text": "fundacje", "options": [{"text": "fundacja"}]}]},
    }
    monkeypatch.setattr(backend, "_run", lambda search: Response(search, raw))

    results = backend.search("fundacje", "pl", SearchFilters(facets={"district": ["centrum"]}))

    assert results.total == 1
    hit = results.hits[0]
    assert (hit.page_id, hit.date) == (7, datetime.date(2026, 5, 1))
    assert hit.title == "Fundacja &lt;Zielony&gt; Park"
    assert hit.snippet == "Nasza <mark>fundacja</mark> sadzi"
    assert [(f.value, f.count) for f in results.facets["area"]] == [("ekologia", 1)]
    # A chosen value with no hits left stays on the page, to be unchosen.
    assert [(f.value, f.count, f.selected) for f in results.facets["district"]] == [
        ("centrum", 0, True)
    ]
    assert results.suggestion == "fundacja"


def test_an_unreachable_cluster_raises_search_unavailable():
    backend = ElasticsearchBackend(UNREACHABLE, timeout=1)

    with pytest.raises(SearchUnavailable):
        backend.search("fundacja", "pl")


@pytest.mark.django_db
def test_search_page_falls_back_to_the_database_with_a_notice(client, homes, settings, caplog):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": UNREACHABLE}
    page = StandardPage(title="Fundacja Zielony Park", locale=homes["pl"].locale)
    # Publishing works while the search server is down: the database index gets the page.
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()

    with caplog.at_level("WARNING", logger="search.service"):
        response = client.get("/pl/szukaj/", {"q": "fundacje"})

    assert response.status_code == 200
    doc = html(response)
    assert [a.get_text() for a in doc.select(".search-result__title a")] == [
        "Fundacja Zielony Park"
    ]
    assert "mogą być mniej trafne" in doc.select_one(".search-notice").get_text()
    assert "Elasticsearch unavailable" in caplog.text
    suggestions = client.get("/pl/szukaj/podpowiedzi/", {"q": "fund"}).json()["results"]
    assert [s["title"] for s in suggestions] == ["Fundacja Zielony Park"]


@pytest.mark.django_db
def test_no_notice_when_the_database_is_the_configured_backend(client, homes, settings):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": None}

    doc = html(client.get("/pl/szukaj/", {"q": "fundacja"}))

    assert doc.select_one(".search-notice") is None


# Integration: a real cluster.

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")
needs_server = pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test"
)


@pytest.fixture
def elastic(settings):
    settings.PORTAL_SEARCH = {
        **settings.PORTAL_SEARCH,
        "ELASTICSEARCH_URL": ELASTICSEARCH_URL,
        "INDEX_PREFIX": "portal-test",
    }
    backend = ElasticsearchBackend(ELASTICSEARCH_URL, prefix="portal-test", timeout=10)
    yield backend
    backend.client.options(ignore_status=404).indices.delete(index="portal-test-*")


@pytest.mark.elasticsearch
@needs_server
@pytest.mark.django_db
def test_cluster_rebuild_search_facets_and_autocomplete(elastic, homes, client):
    from django.core.management import call_command

    for title in ["Fundacja Zielony Park", "Wolontariat w hospicjum"]:
        page = StandardPage(title=title, locale=homes["pl"].locale)
        homes["pl"].add_child(instance=page)
        page.save_revision().publish()
    call_command("rebuild_portal_search", backend="elasticsearch", verbosity=0)
    elastic.client.indices.refresh(index="portal-test-pl")

    results = elastic.search("fundacja", "pl")
    assert [hit.title for hit in results.hits] == ["<mark>Fundacja</mark> Zielony Park"]
    assert {f.value for f in results.facets["type"]} == {"pages.standardpage"}
    if elastic.has_stempel():
        assert elastic.search("fundacje", "pl").total == 1
    assert [t for _, t in elastic.autocomplete("hospi", "pl")] == ["Wolontariat w hospicjum"]

    # A second rebuild swaps the alias to a new index and drops the old one.
    call_command("rebuild_portal_search", backend="elasticsearch", verbosity=0)
    assert len(elastic.client.indices.get_alias(name="portal-test-pl").body) == 1
    doc = html(client.get("/pl/szukaj/", {"q": "fundacja"}))
    assert doc.select_one(".search-notice") is None
