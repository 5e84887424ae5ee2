"""The production backend: Elasticsearch 8 through elasticsearch-dsl.

One index per language behind an alias (``portal-pl`` -> ``portal-pl-20260101120000``): a
rebuild fills a new index and swaps the alias, so searches never see a half-built index.
Every index defines the same analyzer names (``portal_text``, ``portal_folded``) with its
language's filters, so one ``PageDocument`` mapping serves all languages.
"""

import datetime
import logging

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import (
    Completion,
    Date,
    Document,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    MetaField,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from .. import registry
from .base import (
    PER_PAGE,
    FacetCount,
    Hit,
    SearchBackend,
    SearchFilters,
    SearchResults,
    SearchUnavailable,
)

logger = logging.getLogger(__name__)

LANGUAGES = ("pl", "en", "uk")
FACET_SIZE = 30
SNIPPET_LENGTH = 200
STEMPEL_PLUGIN = "analysis-stempel"
# A family word ("wolontariat") finds the family's pages without outranking a title match.
FAMILY_BOOST = 0.5


class PageDocument(Document):
    """A page as Elasticsearch indexes it; facet values go to ``facets.<name>`` keywords."""

    page_id = Integer()
    language = Keyword()
    content_type = Keyword()
    title = Text(
        analyzer="portal_text",
        search_analyzer="portal_query",
        fields={"folded": Text(analyzer="portal_folded"), "raw": Keyword()},
    )
    text = Text(
        analyzer="portal_text",
        search_analyzer="portal_query",
        fields={"folded": Text(analyzer="portal_folded")},
    )
    # The family's name ("oferta wolontariatu"): searched with a low boost, never shown.
    family = Text(
        analyzer="portal_text",
        search_analyzer="portal_query",
        fields={"folded": Text(analyzer="portal_folded")},
    )
    date = Date()
    facets = Object(dynamic=True)
    location = GeoPoint()
    title_suggest = Completion(analyzer="portal_folded", preserve_separators=False)

    class Meta:
        dynamic_templates = MetaField(
            [{"facets": {"path_match": "facets.*", "mapping": {"type": "keyword"}}}]
        )

    @classmethod
    def from_search_document(cls, document):
        latitude, longitude = document.location or (None, None)
        return cls(
            meta={"id": document.page_id},
            page_id=document.page_id,
            language=document.language,
            content_type=document.content_type,
            title=document.title,
            text=document.text,
            family=document.family,
            date=document.date,
            facets=document.facets,
            location={"lat": latitude, "lon": longitude} if latitude is not None else None,
            # Every word start of the title completes it: "hospicjum" finds "Wolontariat w ...".
            title_suggest={"input": _title_inputs(document.title)},
        )


def _title_inputs(title):
    words = title.split()
    return [" ".join(words[i:]) for i in range(len(words))][:10]


ENGLISH_FILTERS = [
    token_filter("english_possessive", type="stemmer", language="possessive_english"),
    token_filter("english_stop", type="stop", stopwords="_english_"),
    token_filter("english_stemmer", type="stemmer", language="english"),
]


def _stemming(language, has_stempel):
    """(filters before the stemmer, the stemmer's filters) of one language."""
    if language == "pl" and has_stempel:
        return ["polish_stop"], ["polish_stem"]
    if language == "en":
        return ENGLISH_FILTERS[:2], ENGLISH_FILTERS[2:]
    # Ukrainian, or Polish without the plugin: no stemmer; lowercase and fold.
    return [], []


def _filter_names(filters):
    return ", ".join(f if isinstance(f, str) else f._name for f in filters)


def text_filters(language, has_stempel):
    """The token filters of ``portal_text`` (indexing) in one language.

    A word is indexed stemmed-then-folded ("seniorów" -> "senior") and folded-then-stemmed
    ("seniorów" -> "seniorow" -> "seniorow"), as tokens at one position: the query side
    (``query_filters``) folds first, so a query with or without diacritics is the same query.
    """
    before, stemmer = _stemming(language, has_stempel)
    if not stemmer:
        return ["lowercase", *before, "asciifolding"]
    both = token_filter(
        "portal_stem_folded",
        type="multiplexer",
        preserve_original=False,
        filters=[
            _filter_names([*stemmer, "asciifolding"]),
            _filter_names(["asciifolding", *stemmer]),
        ],
    )
    return ["lowercase", *before, both, "remove_duplicates"]


def query_filters(language, has_stempel):
    """The token filters of ``portal_query`` (searching): folded before anything else, so
    "seniorow" and "seniorów", "zolw" and "żółw" are analysed alike."""
    before, stemmer = _stemming(language, has_stempel)
    return ["lowercase", "asciifolding", *before, *stemmer]


def build_index(name, language, has_stempel):
    """The index of one language: settings, analyzers and the ``PageDocument`` mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(
        analyzer("portal_text", tokenizer="standard", filter=text_filters(language, has_stempel))
    )
    index.analyzer(
        analyzer("portal_query", tokenizer="standard", filter=query_filters(language, has_stempel))
    )
    index.analyzer(
        analyzer("portal_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
    )
    index.document(PageDocument)
    return index


def build_search(alias, query, filters=None, sort="relevance", page=1):
    """The ``Search`` the search page sends: matching, facets, highlights, suggestion."""
    filters = filters or SearchFilters()
    search = Search(index=alias)
    if query:
        search = search.query(
            "multi_match",
            query=query,
            fields=[
                "title^3",
                "title.folded^2",
                "text",
                "text.folded",
                f"family^{FAMILY_BOOST}",
                f"family.folded^{FAMILY_BOOST}",
            ],
            type="cross_fields",
            operator="and",
        )
    else:
        search = search.query("match_all")

    # Date and place narrow hits and counts alike.
    if filters.date_from or filters.date_to:
        bounds = {}
        if filters.date_from:
            bounds["gte"] = filters.date_from.isoformat()
        if filters.date_to:
            bounds["lte"] = filters.date_to.isoformat()
        search = search.filter("range", date=bounds)
    if filters.near:
        latitude, longitude, kilometres = filters.near
        search = search.filter(
            "geo_distance",
            distance=f"{kilometres}km",
            location={"lat": latitude, "lon": longitude},
        )

    # Facet values narrow the hits after the aggregations (post_filter); each facet's counts
    # take the other facets' choices into account: OR within a facet, AND across facets.
    chosen = {name: values for name, values in filters.facets.items() if values}
    if chosen:
        search = search.post_filter(
            Q("bool", filter=[Q("terms", **{f"facets.{n}": v}) for n, v in chosen.items()])
        )
    for name in registry.facets():
        others = [Q("terms", **{f"facets.{n}": v}) for n, v in chosen.items() if n != name]
        search.aggs.bucket(name, "filter", filter=Q("bool", filter=others)).bucket(
            "values", "terms", field=f"facets.{name}", size=FACET_SIZE
        )

    if query:
        search = search.highlight_options(
            pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
        )
        search = search.highlight("title", "title.folded", number_of_fragments=0)
        search = search.highlight(
            "text", "text.folded", fragment_size=SNIPPET_LENGTH, number_of_fragments=1
        )
        search = search.suggest(
            "did_you_mean",
            query,
            phrase={
                "field": "text.folded",
                "size": 1,
                "gram_size": 1,
                "direct_generator": [
                    {"field": "text.folded", "suggest_mode": "always", "min_word_length": 3}
                ],
            },
        )

    if sort == "date":
        search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
    search = search.source(["page_id", "title", "content_type", "date"])
    start = (max(1, page) - 1) * PER_PAGE
    return search[start : start + PER_PAGE]


def build_autocomplete(alias, prefix, limit=8):
    return (
        Search(index=alias)
        .source(["page_id", "title"])
        .suggest(
            "titles",
            prefix,
            completion={"field": "title_suggest", "size": limit, "skip_duplicates": True},
        )
        .extra(size=0)
    )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, url, prefix="portal", timeout=2):
        self.prefix = prefix
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )

    def alias(self, language):
        return f"{self.prefix}-{language}"

    def has_stempel(self):
        """Whether every node has the analysis-stempel plugin (the nodes/plugins API)."""
        info = self.client.nodes.info(metric="plugins")
        nodes = info.get("nodes", {}).values()
        found = bool(nodes) and all(
            any(plugin.get("name") == STEMPEL_PLUGIN for plugin in node.get("plugins", []))
            for node in nodes
        )
        if found:
            logger.info("Search: Polish analysis with %s (polish_stem)", STEMPEL_PLUGIN)
        else:
            logger.warning(
                "Search: the cluster has no %s plugin: Polish is folded, not stemmed",
                STEMPEL_PLUGIN,
            )
        return found

    # Searching

    def _run(self, search):
        try:
            return search.using(self.client).execute()
        except (TransportError, ApiError) as error:
            raise SearchUnavailable(str(error)) from error

    def search(self, query, locale, filters=None, sort="relevance", page=1):
        filters = filters or SearchFilters()
        response = self._run(build_search(self.alias(locale), query, filters, sort, page))
        hits = []
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            title = _first(highlight, "title", "title.folded") or escape(hit.title)
            snippet = _first(highlight, "text", "text.folded") or ""
            hits.append(
                Hit(
                    page_id=hit.page_id,
                    title=mark_safe(title),  # noqa: S308 - encoder "html" escaped the text
                    snippet=mark_safe(snippet),  # noqa: S308 - as above
                    content_type=hit.content_type,
                    date=_date(getattr(hit, "date", None)),
                )
            )
        facets = {}
        for name in registry.facets():
            chosen = set(filters.facets.get(name, []))
            buckets = response.aggregations[name]["values"]["buckets"]
            facets[name] = [
                FacetCount(b["key"], b["doc_count"], b["key"] in chosen) for b in buckets
            ]
            shown = {fc.value for fc in facets[name]}
            facets[name] += [FacetCount(value, 0, True) for value in chosen - shown]
        suggestion = ""
        suggest = getattr(response, "suggest", None)
        if suggest and "did_you_mean" in suggest:
            for entry in suggest["did_you_mean"]:
                if entry["options"]:
                    suggestion = entry["options"][0]["text"]
        return SearchResults(
            hits=hits,
            total=response.hits.total.value,
            facets=facets,
            suggestion=suggestion if suggestion != query.lower() else "",
            page=max(1, page),
            backend=self.name,
        )

    def autocomplete(self, prefix, locale, limit=8):
        response = self._run(build_autocomplete(self.alias(locale), prefix, limit))
        return [
            (option["_source"]["page_id"], option["_source"]["title"])
            for option in response.suggest["titles"][0]["options"]
        ]

    # Indexing

    def index(self, page):
        from ..indexing import is_indexable

        if not is_indexable(page):
            self.delete(page.pk)
            return
        document = registry.build_document(page)
        alias = self.alias(document.language)
        if not self.client.indices.exists_alias(name=alias):
            # Writing now would auto-create an index without the portal's analysis.
            logger.warning("Search: no index %s yet: run manage.py rebuild_portal_search", alias)
            return
        PageDocument.from_search_document(document).save(using=self.client, index=alias)

    def delete(self, page_id):
        for language in LANGUAGES:
            self.client.options(ignore_status=404).delete(
                index=self.alias(language), id=str(page_id)
            )

    def rebuild(self, pages, progress=None):
        """A new index per language, filled in bulk, then the alias swapped to it at once."""
        has_stempel = self.has_stempel()
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        names = {}
        for language in LANGUAGES:
            names[language] = f"{self.alias(language)}-{stamp}"
            build_index(names[language], language, has_stempel).create(using=self.client)

        def actions():
            for page in pages:
                document = registry.build_document(page)
                if document.language in names:
                    yield PageDocument.from_search_document(document).to_dict(
                        include_meta=True, index=names[document.language]
                    )
                if progress:
                    progress()

        try:
            bulk(self.client, actions(), chunk_size=500)
        except BulkIndexError:
            for name in names.values():
                self.client.options(ignore_status=404).indices.delete(index=name)
            raise
        for language, name in names.items():
            self._swap_alias(self.alias(language), name)

    def _swap_alias(self, alias, new_index):
        indices = self.client.indices
        old = list(indices.get_alias(name=alias).body) if indices.exists_alias(name=alias) else []
        if not old and indices.exists(index=alias):
            # An index auto-created under the alias's name stands in the way: drop it.
            indices.delete(index=alias)
        actions = [{"remove": {"index": name, "alias": alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": alias}})
        indices.update_aliases(actions=actions)
        for name in old:
            indices.delete(index=name)


def _first(highlight, *fields):
    if not highlight:
        return ""
    for field_name in fields:
        fragments = getattr(highlight, field_name, None) or highlight.to_dict().get(field_name)
        if fragments:
            return fragments[0]
    return ""


def _date(value):
    if not value:
        return None
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime.datetime) else value
