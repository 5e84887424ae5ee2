"""Parts shared by every page (menu, language links, footer, filter terms), kept per generation.

``PAGES_LAYOUT_CACHE_VERSION`` names a function returning a string that changes whenever content
changes (the host site's content generation): these parts are then read from the database once
per generation instead of on every page, and are never stale. Without it they are always read.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

_MISSING = object()


def _layout_version():
    path = getattr(settings, "PAGES_LAYOUT_CACHE_VERSION", None)
    return import_string(path)() if path else None


def layout_cached(name, parts, build):
    """``build()``, or its value kept for this generation under ``name`` and ``parts``."""
    version = _layout_version()
    if version is None:
        return build()
    key = ":".join(["layout", name, version, *map(str, parts)])
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, timeout=3600)
    return value
