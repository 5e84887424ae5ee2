"""Wagtail's per-request work before a view runs, read once per content generation.

Before a page's view runs, Wagtail finds the site of the request (one query), walks the page tree
from the language's home page to the page (a query or two per level, and the active locale), and
checks the view restrictions of the page and its ancestors (two queries); every ``public()``
listing asks for all the view restrictions once more. None of it depends on who asks: only on the
site's tree, its restrictions and the language, and every change of these (a page saved, published,
moved or deleted, a restriction, a site or a locale saved) starts a new content generation
(``pages.layout_cache``). So the answers are kept per generation, and never stale; what *is* per
visitor (a restriction's password, group or login) is still checked on every request, by Wagtail,
with the restrictions kept here.

``urlpatterns()`` puts ``serve`` in place of Wagtail's view in the host's URLs (``portal/urls.py``),
``BasePage.get_view_restrictions`` keeps the restrictions, ``install()`` (from
``PagesConfig.ready``) puts the restrictions' cache behind ``public()`` and keeps the locales
``Locale.get_active()`` reads. With the layout cache off
(no ``PAGES_LAYOUT_CACHE_VERSION``) everything is Wagtail's own.
"""

from django.apps import apps
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import re_path
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from .layout_cache import layout_cached, layout_version

_wagtail_private_q = PageQuerySet.private_q
_wagtail_locale_for_language = LocaleManager.get_for_language


def serve(request, path):
    """Wagtail's ``serve``, with the site and the route to the page kept per generation."""
    if layout_version() is not None:
        _find_site(request)
        _find_route(request, path)
    return wagtail_views.serve(request, path)


def _find_site(request):
    # Wagtail reads ``request._wagtail_site`` before querying (Site.find_for_request). The site
    # comes with its root page (select_related), pickled with it.
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    request._wagtail_site = layout_cached(
        "site", (hostname, port), lambda: Site._find_for_request(request)
    )
    return request._wagtail_site


def _find_route(request, path):
    # Kept: which page the path leads to in this language (its id, its class and how many of the
    # path's parts lead to it). The page itself is read again (one query, its locale joined), and
    # its own ``route`` resolves the rest of the path (a routable page's sub-URLs, no query), so
    # whatever a page does with the request is done on every request, as in Wagtail.
    site = request._wagtail_site
    if site is None:
        return
    components = [component for component in path.split("/") if component]

    def walk():
        result = Page.route_for_request(request, path)
        if result is None or _has_parameters(result):
            # Not kept: a route to nothing, or a sub-URL with values in it (a token, a month),
            # of which anybody could make up any number to fill the cache.
            return None
        page = result[0]
        return page.pk, page._meta.label, page.depth - site.root_page.depth

    found = layout_cached("route", (site.pk, get_language(), "/".join(components)), walk, keep=bool)
    if found is None or hasattr(request, "_wagtail_route_for_request"):
        return
    page_id, label, consumed = found
    model = apps.get_model(label)
    page = model.objects.select_related("locale").filter(pk=page_id).first()
    if page is None:  # cannot happen within a generation; Wagtail then routes as usual
        return
    try:
        request._wagtail_route_for_request = page.route(request, components[consumed:])
    except Http404:
        request._wagtail_route_for_request = None


def _has_parameters(result):
    # A routable page's sub-URL routes as (view, args, kwargs); a page itself as no arguments.
    _page, args, _kwargs = result
    return bool(args) and len(args) == 3 and bool(args[1] or args[2])


def view_restrictions(page, read):
    """The view restrictions of ``page`` (``read()`` reads them), kept per generation.

    A queryset of the same rows with its results already in: iterated (Wagtail's serve check)
    it costs no query; narrowed or ordered (the admin), it asks the database for those rows.
    """
    if page.pk is None or layout_version() is None:
        return read()
    kept = layout_cached("view-restrictions", (page.pk,), lambda: list(read()))
    restrictions = PageViewRestriction.objects.filter(pk__in=[r.pk for r in kept])
    restrictions._result_cache = list(kept)
    return restrictions


def _private_q(self):
    # ``public()`` reads every view restriction with its page on each call: the sections' paths
    # and depths are kept per generation, and the condition is built by Wagtail's own
    # ``descendant_of_q`` from them, so it is the same condition.
    if layout_version() is None:
        return _wagtail_private_q(self)
    sections = layout_cached(
        "private-sections",
        (),
        lambda: list(
            PageViewRestriction.objects.order_by("page__path").values_list(
                "page__path", "page__depth"
            )
        ),
    )
    q = Q()
    for path, depth in sections:
        q |= self.descendant_of_q(Page(path=path, depth=depth), inclusive=True)
    # As Wagtail: with no private section, nothing is private.
    return q if q else Q(pk__in=[])


def urlpatterns():
    """Wagtail's front-end URLs (``wagtail.urls``), its page view replaced by ``serve``."""
    from wagtail import urls

    return [
        re_path(urls.serve_pattern, serve, name="wagtail_serve")
        if getattr(pattern, "name", None) == "wagtail_serve"
        else pattern
        for pattern in urls.urlpatterns
    ]


def _locale_for_language(self, language_code):
    # ``Locale.get_active()`` (templates, menus, snippets in the reader's language) reads the
    # row each time; the locales change only when a language is added or removed, which saves a
    # Locale and so starts a new generation. A missing language raises as before (not kept).
    if layout_version() is None or self.model is not Locale:
        return _wagtail_locale_for_language(self, language_code)
    return layout_cached(
        "locale", (language_code,), lambda: _wagtail_locale_for_language(self, language_code)
    )


def install():
    PageQuerySet.private_q = _private_q
    LocaleManager.get_for_language = _locale_for_language
