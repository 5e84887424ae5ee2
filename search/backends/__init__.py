"""The search backends: the database always, Elasticsearch when ELASTICSEARCH_URL is set."""

from django.conf import settings

from .base import SearchBackend, SearchFilters, SearchResults, SearchUnavailable

__all__ = [
    "SearchBackend",
    "SearchFilters",
    "SearchResults",
    "SearchUnavailable",
    "get_backends",
    "get_database_backend",
    "get_elasticsearch_backend",
]

DEFAULTS = {"ELASTICSEARCH_URL": None, "INDEX_PREFIX": "portal", "TIMEOUT": 2}


def search_settings():
    return {**DEFAULTS, **getattr(settings, "PORTAL_SEARCH", {})}


def get_database_backend():
    from .database import DatabaseBackend

    return DatabaseBackend()


def get_elasticsearch_backend():
    """The Elasticsearch backend, or None when no server is configured."""
    config = search_settings()
    if not config["ELASTICSEARCH_URL"]:
        return None
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        url=config["ELASTICSEARCH_URL"], prefix=config["INDEX_PREFIX"], timeout=config["TIMEOUT"]
    )


def get_backends():
    """Every backend an index change goes to: the database (the fallback) and Elasticsearch."""
    backends = [get_database_backend()]
    elastic = get_elasticsearch_backend()
    if elastic is not None:
        backends.append(elastic)
    return backends
