"""One search as the page asks for it: Elasticsearch first, the database when it fails."""

import logging
from dataclasses import dataclass, field

from .backends import SearchUnavailable, get_database_backend, get_elasticsearch_backend

logger = logging.getLogger(__name__)


@dataclass
class Answer:
    """A search's results, and whether the fallback gave them."""

    results: object
    degraded: bool = False  # Elasticsearch failed: the database answered
    errors: list = field(default_factory=list)


def _call(method_name, *args, **kwargs):
    elastic = get_elasticsearch_backend()
    if elastic is not None:
        try:
            return getattr(elastic, method_name)(*args, **kwargs), False
        except SearchUnavailable as error:
            logger.warning("Search: Elasticsearch unavailable, the database answers: %s", error)
            return getattr(get_database_backend(), method_name)(*args, **kwargs), True
    return getattr(get_database_backend(), method_name)(*args, **kwargs), False


def search(query, language, filters, sort="relevance", page=1):
    results, degraded = _call("search", query, language, filters, sort=sort, page=page)
    return Answer(results, degraded)


def autocomplete(prefix, language, limit=8):
    return _call("autocomplete", prefix, language, limit=limit)[0]
