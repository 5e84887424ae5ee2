"""Parts shared by every page (menu, language links, footer, filter terms, facet counts), kept
per generation.

``PAGES_LAYOUT_CACHE_VERSION`` names a function returning a string that changes whenever content
changes (the host site's content generation): these parts are then read from the database once
per generation instead of on every page, and are never stale. Without it they are always read.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

_MISSING = object()


def layout_version():
    """The current generation, or None when nothing is kept (the layout cache is off)."""
    path = getattr(settings, "PAGES_LAYOUT_CACHE_VERSION", None)
    return import_string(path)() if path else None


def layout_cached(name, parts, build, keep=None):
    """``build()``, or its value kept for this generation under ``name`` and ``parts``.

    ``keep(value)`` false leaves a value out of the cache (a route to no page: anybody could
    fill the cache with made-up addresses).
    """
    version = layout_version()
    if version is None:
        return build()
    key = _key(name, version, parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if keep is None or keep(value):
            cache.set(key, value, timeout=3600)
    return value


def _key(name, version, parts):
    # The parts may be long (a facet's SQL and its parameters): hashed, a key stays short
    # whatever they hold (memcached refuses keys over 250 characters; Redis keeps them in memory).
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:40]
    return f"layout:{name}:{version}:{digest}"
