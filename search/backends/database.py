"""The embedded backend: analysed words in ``SearchEntry`` rows, found in a full-text index.

The index is the database's own (``search/migrations/0002_full_text_index.py``): on PostgreSQL
a generated ``tsvector`` column with a GIN index (title tokens weighted A), on SQLite an FTS5
table kept in step by triggers. A query word is an OR of its analysed forms and the words are
ANDed; the match is a subquery of entry ids that every other query (count, hits, facets) joins.
On any other database the words are found with LIKE over the token strings, a fallback that
scans every row.

A faceted search costs a fixed number of SQL queries whatever the number of pages: one count,
one page of hits, one GROUP BY for the facets nothing is chosen in and one per facet a value is
chosen in.
"""

import difflib
import math

from django.db import connections, router, transaction
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import analysis, registry
from ..models import SearchEntry, SearchEntryFacet, SearchWord
from .base import PER_PAGE, FacetCount, Hit, SearchBackend, SearchFilters, SearchResults

SNIPPET_LENGTH = 200
FACET_SIZE = 30
SUGGESTION_CANDIDATES = 5000


def query_terms(query, language):
    """``analysis.query_terms`` with the spellings the vocabulary knows for each folded word
    (one query): a query without diacritics finds what the query with them finds."""
    folded = {analysis.fold(word) for word in analysis.query_words(query)}
    spellings = {}
    if folded:
        rows = SearchWord.objects.filter(language=language, folded__in=folded).values_list(
            "folded", "word"
        )
        for folded_word, word in rows:
            spellings.setdefault(folded_word, set()).add(word)
    return analysis.query_terms(query, language, spellings)


def _joined(tokens):
    return " " + " ".join(tokens) + " " if tokens else ""


def _like_q(field, forms, prefix):
    """Rows whose ``field`` has one of ``forms`` as a word (or the start of a word), for a
    database without a full-text index: a LIKE that reads every row."""
    condition = Q()
    for form in forms:
        needle = f" {form}" if prefix else f" {form} "
        condition |= Q(**{f"{field}__contains": needle})
    return condition


def _fts5_phrase(token, prefix):
    """An FTS5 string: quoted, so no token is read as an operator ("or", "near", "-")."""
    quoted = '"' + token.replace('"', '""') + '"'
    return quoted + "*" if prefix else quoted


def _tsquery_lexeme(token, prefix, title):
    """A quoted tsquery lexeme; ``:A`` finds it among the title's tokens only."""
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    label = ("*" if prefix else "") + ("A" if title else "")
    return f"{quoted}:{label}" if label else quoted


def _fts5_query(groups, prefix, title):
    clauses = [
        "(" + " OR ".join(_fts5_phrase(f, prefix) for f in sorted(forms)) + ")" for forms in groups
    ]
    query = " AND ".join(clauses)
    # ``tokens`` holds the title's tokens too: only a title match needs the column filter.
    return "{title_tokens} : (" + query + ")" if title else query


def _tsquery(groups, prefix, title):
    return " & ".join(
        "(" + " | ".join(_tsquery_lexeme(f, prefix, title) for f in sorted(forms)) + ")"
        for forms in groups
    )


MATCH_SQL = {
    "sqlite": (
        _fts5_query,
        "SELECT rowid FROM portal_search_fts WHERE portal_search_fts MATCH %s",
    ),
    "postgresql": (
        _tsquery,
        "SELECT id FROM portal_search_searchentry "
        "WHERE search_vector @@ to_tsquery('simple'::regconfig, %s)",
    ),
}


def _vendor():
    return connections[router.db_for_read(SearchEntry)].vendor


def match_q(groups, prefix=False, title=False):
    """Entries having, for each set of forms in ``groups``, one of them as a token (or as the
    start of one with ``prefix``), in the title with ``title``: one full-text match."""
    groups = [{form for form in forms if form} for forms in groups]
    if not groups:
        return Q()
    if not all(groups):
        return Q(pk__in=[])
    vendor = _vendor()
    if vendor not in MATCH_SQL:
        field = "title_tokens" if title else "tokens"
        condition = Q()
        for forms in groups:
            condition &= _like_q(field, forms, prefix)
        return condition
    build, sql = MATCH_SQL[vendor]
    # The SQL is a constant; the query string goes as a parameter.
    return Q(pk__in=RawSQL(sql, [build(groups, prefix, title)]))  # noqa: S611


def _matches(word, forms, language, prefix):
    if analysis.word_forms(word, language) & forms:
        return True
    folded = analysis.fold(word)
    return prefix and any(folded.startswith(form) for form in forms if len(form) >= 2)


def highlight(text, terms, language, prefix=False, length=None):
    """Escaped ``text`` (or a passage of ``length`` characters) with the matched words marked."""
    forms = set().union(*(f for _, f in terms)) if terms else set()
    spans = [
        m.span()
        for m in analysis.WORD_RE.finditer(text)
        if _matches(m.group(), forms, language, prefix)
    ]
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, first - length // 4)
        # Start and end on word boundaries.
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        space = text.rfind(" ", start, end)
        if end < len(text) and space > start:
            end = space
    parts, cursor = [], start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    html = "".join(parts)
    if start > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return mark_safe(html)  # noqa: S308 - every piece of text above is escaped


class DatabaseBackend(SearchBackend):
    name = "database"

    # Indexing

    def index(self, page):
        from ..indexing import is_indexable

        if not is_indexable(page):
            self.delete(page.pk)
            return
        self.index_documents([registry.build_document(page)])

    def index_documents(self, documents):
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=[d.page_id for d in documents]).delete()
            entries = [self._entry(document) for document in documents]
            SearchEntry.objects.bulk_create(entries)
            by_page = {
                entry.page_id: entry
                for entry in SearchEntry.objects.filter(
                    page_id__in=[d.page_id for d in documents]
                ).only("id", "page_id")
            }
            SearchEntryFacet.objects.bulk_create(
                SearchEntryFacet(entry=by_page[d.page_id], facet=name, value=value[:255])
                for d in documents
                for name, values in d.facets.items()
                for value in values
            )
            SearchWord.objects.bulk_create(
                (
                    SearchWord(language=language, word=word, folded=analysis.fold(word))
                    for language, word in {
                        (d.language, w.lower())
                        for d in documents
                        for w in analysis.words(f"{d.title} {d.text} {d.family}")
                        if 3 <= len(w) <= 100 and not w.isdigit()
                    }
                ),
                ignore_conflicts=True,
            )

    def _entry(self, document):
        title_tokens = analysis.tokens(document.title, document.language)
        text_tokens = analysis.tokens(document.text, document.language)
        # The family's name counts as body text: found, never shown, never above a title match.
        family_tokens = analysis.tokens(document.family, document.language)
        latitude, longitude = document.location or (None, None)
        return SearchEntry(
            page_id=document.page_id,
            language=document.language,
            content_type=document.content_type,
            title=document.title[:255],
            text=document.text,
            title_tokens=_joined(title_tokens),
            tokens=_joined(dict.fromkeys(title_tokens + text_tokens + family_tokens)),
            date=document.date,
            latitude=latitude,
            longitude=longitude,
        )

    def delete(self, page_id):
        SearchEntry.objects.filter(page_id=page_id).delete()

    def rebuild(self, pages, progress=None):
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        batch = []
        for page in pages:
            batch.append(registry.build_document(page))
            if len(batch) >= 200:
                self.index_documents(batch)
                batch = []
            if progress:
                progress()
        if batch:
            self.index_documents(batch)

    # Searching

    def _entries(self, locale):
        return SearchEntry.objects.filter(language=locale, page__live=True)

    def _match(self, entries, terms, prefix):
        return entries.filter(match_q([forms for _word, forms in terms], prefix))

    def _filtered(self, entries, filters, skip_facet=None):
        for name, values in filters.facets.items():
            if name == skip_facet or not values:
                continue
            entries = entries.filter(
                Exists(
                    SearchEntryFacet.objects.filter(
                        entry=OuterRef("pk"), facet=name, value__in=values
                    )
                )
            )
        return entries

    def matching_page_ids(self, query, language):
        """The ids of live pages whose words match every word of ``query``, as a subquery.

        For listings that filter by free text (the NGO directory): Polish word forms and missing
        diacritics match as on the search page, at the cost of one subquery.
        """
        terms = query_terms(query, language)
        return self._match(self._entries(language), terms, prefix=False).values("page_id")

    def search(self, query, locale, filters=None, sort="relevance", page=1):
        filters = filters or SearchFilters()
        terms = query_terms(query, locale)
        base = self._entries(locale)
        if filters.date_from:
            base = base.filter(date__gte=filters.date_from)
        if filters.date_to:
            base = base.filter(date__lte=filters.date_to)
        if filters.near:
            # A bounding box: close enough to Elasticsearch's geo_distance for a city.
            latitude, longitude, kilometres = filters.near
            d_lat = kilometres / 111.0
            d_lon = kilometres / (111.32 * max(math.cos(math.radians(latitude)), 0.01))
            base = base.filter(
                latitude__range=(latitude - d_lat, latitude + d_lat),
                longitude__range=(longitude - d_lon, longitude + d_lon),
            )
        prefix = False
        matched = self._match(base, terms, prefix=False)
        selected = self._filtered(matched, filters)
        total = selected.count()
        if total == 0 and terms:
            prefix = True
            matched = self._match(base, terms, prefix=True)
            selected = self._filtered(matched, filters)
            total = selected.count()

        score = Value(0, output_field=IntegerField())
        for _word, forms in terms:
            score = score + Case(
                When(match_q([forms], prefix, title=True), then=Value(10)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ordered = selected.annotate(score=score)
        if sort == "date":
            ordering = [F("date").desc(nulls_last=True), "-score", "title"]
        else:
            ordering = ["-score", F("date").desc(nulls_last=True), "title"]
        page = max(1, page)
        start = (page - 1) * PER_PAGE
        rows = ordered.order_by(*ordering).values(
            "page_id", "title", "text", "content_type", "date"
        )[start : start + PER_PAGE]
        hits = [
            Hit(
                page_id=row["page_id"],
                title=highlight(row["title"], terms, locale, prefix),
                snippet=highlight(row["text"], terms, locale, prefix, SNIPPET_LENGTH),
                content_type=row["content_type"],
                date=row["date"],
            )
            for row in rows
        ]
        return SearchResults(
            hits=hits,
            total=total,
            facets=self._facet_counts(matched, selected, filters),
            suggestion=self._checked_suggestion(query, locale, base) if not total and terms else "",
            page=page,
            backend=self.name,
        )

    def _facet_counts(self, matched, selected, filters):
        """Counts of each facet's values among the hits narrowed by the *other* facets, so
        values of one facet combine with OR and facets with AND.

        A facet nothing is chosen in counts over ``selected`` itself: all of those are counted
        in one GROUP BY; each facet with a chosen value needs one of its own.
        """
        names = list(registry.facets())
        chosen_in = [name for name in names if filters.facets.get(name)]
        groups = [([n for n in names if n not in chosen_in], selected)]
        groups += [
            ([name], self._filtered(matched, filters, skip_facet=name)) for name in chosen_in
        ]
        rows_by_facet = {name: [] for name in names}
        for group_names, entries in groups:
            if not group_names:
                continue
            rows = (
                SearchEntryFacet.objects.filter(
                    facet__in=group_names, entry__in=entries.values("pk")
                )
                .values("facet", "value")
                # (entry, facet, value) is unique: each row is one entry.
                .annotate(count=Count("id"))
            )
            for row in rows:
                rows_by_facet[row["facet"]].append((row["value"], row["count"]))
        counts = {}
        for name in names:
            top = sorted(rows_by_facet[name], key=lambda vc: (-vc[1], vc[0]))[:FACET_SIZE]
            chosen = set(filters.facets.get(name, []))
            counts[name] = [FacetCount(value, count, value in chosen) for value, count in top]
            shown = {value for value, _count in top}
            # A chosen value stays visible (to be unchosen) even when it counts nothing now.
            counts[name] += [FacetCount(value, 0, True) for value in chosen - shown]
        return counts

    def _checked_suggestion(self, query, locale, base):
        """A suggestion that finds something now: the vocabulary keeps words of pages that
        have since been unpublished or restricted, and those must not surface."""
        suggestion = self._suggestion(query, locale)
        if not suggestion:
            return ""
        terms = query_terms(suggestion, locale)
        return suggestion if self._match(base, terms, prefix=False).exists() else ""

    def _suggestion(self, query, locale):
        """The query with each unknown word replaced by the closest indexed word."""
        query_words = analysis.words(query)
        folded = [analysis.fold(word) for word in query_words]
        known = set(
            SearchWord.objects.filter(language=locale, folded__in=folded).values_list(
                "folded", flat=True
            )
        )
        unknown = {f for f in folded if f not in known and len(f) >= 3}
        if not unknown:
            return ""
        # The first letter compared as a string, not with LIKE (the vocabulary is a search table
        # too) nor a range (a collation may sort "ї..." between "і" and "ї").
        vocabulary = dict(
            SearchWord.objects.filter(language=locale)
            .alias(first=Substr("folded", 1, 1))
            .filter(first__in={word[0] for word in unknown})
            .values_list("folded", "word")[:SUGGESTION_CANDIDATES]
        )
        changed = False
        suggested = []
        for word, folded_word in zip(query_words, folded, strict=True):
            if folded_word in unknown:
                close = difflib.get_close_matches(folded_word, list(vocabulary), n=1, cutoff=0.75)
                if close:
                    suggested.append(vocabulary[close[0]])
                    changed = True
                    continue
            suggested.append(word)
        return " ".join(suggested) if changed else ""

    def autocomplete(self, prefix, locale, limit=8):
        words = analysis.words(prefix)
        if not words or len(prefix.strip()) < 2:
            return []
        entries = self._entries(locale).filter(
            match_q([{analysis.fold(word)} for word in words], prefix=True, title=True)
        )
        return list(entries.order_by("title").values_list("page_id", "title")[:limit])
