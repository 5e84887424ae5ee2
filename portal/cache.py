"""A cache of anonymous pages and feeds that never serves what an editor has changed.

Residents read far more than editors write, so the HTML of anonymous GET requests (per path and
query string, hence per language) and the feeds (iCal, RSS, sitemap) are kept in the cache. Rather
than tracking which listing shows which page, every cached response belongs to a *generation*:
any change of content (a page published, unpublished, moved or deleted, a snippet, setting,
registration or application saved or deleted, a redirect, an image or a document) starts a new
generation, and responses of older ones are never read again. A city portal publishes a few dozen
times a day, so purging everything is cheap, and no dependency can be forgotten.

Where the generation lives decides whether every server process sees it at once: in the shared
cache when it is Redis (``REDIS_URL``), else in the modification time of a file under
``var/`` (local memory is per process; the two gunicorn workers share the file).

Time passes too: offers past their deadline leave the listings at midnight, so nothing is kept
across midnight, and at most ``PAGE_CACHE_SECONDS``.
"""

import datetime
import hashlib
import logging
import os
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")

# Models whose changes cannot alter a page a resident sees.
IGNORED_APPS = {
    "admin",
    "contenttypes",
    "sessions",
    "portal_search",
    "django_tasks_database",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailsearchpromotions",
    "wagtail_localize",
}
IGNORED_MODELS = {
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailusers.userprofile",
    "auth.user",
    "auth.group",
    "auth.permission",
    "wagtailimages.rendition",
}


def cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def _generation_file():
    return Path(settings.VAR_DIR) / "page-cache-generation"


def _shared_cache():
    # `cache` is a proxy, never an instance of a backend class: ask the backend itself. Local
    # memory belongs to one process, so the generation then lives in the file every process
    # of this machine sees (commands, the task worker, each gunicorn worker).
    return not isinstance(caches["default"], LocMemCache | DummyCache)


def current_generation():
    if _shared_cache():
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, 1, timeout=None)
            generation = cache.get(GENERATION_KEY, 1)
        return str(generation)
    try:
        status = os.stat(_generation_file())
    except FileNotFoundError:
        return "0"
    # The size grows with every change: two changes within one tick of the file clock differ.
    return f"{status.st_mtime_ns}-{status.st_size}"


def layout_generation():
    """For ``PAGES_LAYOUT_CACHE_VERSION``: the generation, while the page or layout cache is on.

    The layout cache (``LAYOUT_CACHE``) works without the page cache: the menu, the language
    links, the footer and the filters' term lists are the same on every page of a generation,
    and a change of content starts a new one, so they are never stale.
    """
    return current_generation() if cache_seconds() or settings.LAYOUT_CACHE else None


def feed_generation():
    """For ``PAGES_FEED_CACHE_VERSION``: the generation while the page cache is on, else None.

    The calendar's iCal feed keeps its built body (and its gzip) for the generation, longer
    than a page; with the page cache off it is built on every request, as everything else.
    """
    return current_generation() if cache_seconds() else None


def new_generation(**kwargs):
    """Forget every cached page: called on any change of content (see ``connect_signals``)."""
    if _shared_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 2, timeout=None)
        return
    path = _generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        handle.write(".")
    if path.stat().st_size > 4096:
        path.write_text("")


def _on_content_change(**kwargs):
    # Now, for the editor's own next request in this transaction, and again once the change is
    # committed: a page rendered from the old data in between is then filed under a generation
    # nobody reads any more.
    new_generation()
    transaction.on_commit(new_generation)


def _on_model_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    _on_content_change()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page-cache-{id(signal)}")
    from pages.signals import content_changed

    for signal in (page_published, page_unpublished, post_page_move, content_changed):
        signal.connect(_on_content_change, dispatch_uid=f"page-cache-page-{id(signal)}")
    if apps.is_installed("search"):
        # The index's own rows are ignored above (written many times per publication); a task
        # that has finished changing them is one change, and what a text filter finds with it.
        from search.indexing import index_changed

        index_changed.connect(_on_content_change, dispatch_uid="page-cache-search-index")


def _seconds_until_midnight():
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return int((midnight - now).total_seconds())


def _request_is_anonymous(request):
    # Looked at before the session and authentication middleware run (a hit then costs no
    # database query): a visitor with a session may be signed in or have a message waiting.
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


class PageCacheMiddleware:
    """Serves anonymous GETs from the cache; keeps what is safe to share (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if (
            not seconds
            or request.method not in ("GET", "HEAD")
            or not _request_is_anonymous(request)
            or request.path.startswith(("/admin/", "/django-admin/", "/static/", "/media/"))
        ):
            return self.get_response(request)

        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        # A feed answers gzipped to a client that accepts it: the two are kept apart.
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        encoding = "gzip" if ACCEPTS_GZIP.search(accepted) else ""
        key = f"page-cache:{current_generation()}:{request.get_host()}:{encoding}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            response = stored
            response["X-Page-Cache"] = "hit"
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=None,
                response=response,
            )
            return conditional

        response = self.get_response(request)
        if self._can_share(request, response):
            timeout = min(seconds, _seconds_until_midnight())
            if timeout > 0:
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                if not response.has_header("ETag"):
                    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
                if not response.has_header("Last-Modified"):
                    response["Last-Modified"] = http_date()
                response["X-Page-Cache"] = "miss"
                cache.set(key, response, timeout)
        return response

    @staticmethod
    def _can_share(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not _request_is_anonymous(request):
            return False
        # A page with a form sets the CSRF cookie (caught above by ``response.cookies``); a page
        # that wrote to the session belongs to one visitor.
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
