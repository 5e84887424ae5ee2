"""The interface both search backends implement, and what a search returns."""

import datetime
from dataclasses import dataclass, field

SORTS = ("relevance", "date")
PER_PAGE = 20


class SearchUnavailable(Exception):
    """The backend cannot answer now (server down, timeout): the caller falls back."""


@dataclass
class SearchFilters:
    """What a visitor narrowed the search to: facet values, a date range, a place."""

    facets: dict = field(default_factory=dict)  # {"area": ["ekologia"], "type": [...]}
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    near: tuple | None = None  # (latitude, longitude, kilometres)


@dataclass
class Hit:
    page_id: int
    title: str  # safe HTML: the title with the matched words in <mark>
    snippet: str  # safe HTML: a passage of the text with the matched words in <mark>
    content_type: str
    date: datetime.date | None = None


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool = False
    label: str = ""


@dataclass
class SearchResults:
    hits: list
    total: int
    facets: dict  # {"type": [FacetCount, ...], ...}
    suggestion: str = ""
    page: int = 1
    per_page: int = PER_PAGE
    backend: str = ""

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages


class SearchBackend:
    """One interface over the database and Elasticsearch."""

    name = ""

    def search(self, query, locale, filters=None, sort="relevance", page=1) -> SearchResults:
        raise NotImplementedError

    def autocomplete(self, prefix, locale, limit=8) -> list:
        """Titles starting with ``prefix``: a list of (page_id, title)."""
        raise NotImplementedError

    def index(self, page):
        """Add or refresh one specific page; remove it when it is no longer live and public."""
        raise NotImplementedError

    def delete(self, page_id):
        raise NotImplementedError

    def rebuild(self, pages, progress=None):
        """Index every page of ``pages`` (live, public, specific), replacing the old index."""
        raise NotImplementedError
