import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from pages.layout_cache import layout_cached
from pages.localized import in_reader_language
from pages.public_urls import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context, path):
    """``path`` at the public address (the Site's), whatever host the request came in under:
    canonical and alternate links name one address."""
    return absolute_url(path, context.get("request"))


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation, or that language's home page.

    Pages without a translation in a language link to its home page rather than to a 404, so the
    switcher never leads a resident nowhere. Views that are not pages translate their URL.
    """
    request = context["request"]
    page = context.get("page")
    if not isinstance(page, Page) or request.method != "GET":
        return _language_links(request, page)
    return layout_cached(
        "languages",
        (request.get_host(), page.pk, get_language()),
        lambda: _language_links(request, page),
    )


def _language_links(request, page):
    current = get_language()
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().public().select_related("locale")
        }
    homes = None
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
            has_translation = True
        elif isinstance(page, Page):
            if homes is None:
                homes = _home_pages(request)
            home = homes.get(code)
            url = home.get_url(request) if home else f"/{code}/"
            has_translation = False
        else:
            url = translate_url(request.get_full_path(), code)
            has_translation = True
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "has_translation": has_translation,
            }
        )
    return links


def _home_pages(request):
    site = getattr(request, "_wagtail_site", None)
    from wagtail.models import Site

    site = site or Site.find_for_request(request)
    if site is None:
        return {}
    root = site.root_page
    return {
        p.locale.language_code: p
        for p in root.get_translations(inclusive=True).live().select_related("locale")
    }


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (falls back to the site's root page)."""
    from wagtail.models import Site

    request = context["request"]

    def build():
        site = Site.find_for_request(request)
        return site.root_page.localized if site is not None else None

    return layout_cached("home", (request.get_host(), get_language()), build)


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """A <script type="application/ld+json"> for the page, safe to put in HTML."""
    data = page.specific.get_json_ld(context["request"])
    text = json.dumps(data, ensure_ascii=False)
    # "</" would let a value close the script element early.
    text = text.replace("</", "<\\/")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def active_locale():
    return Locale.get_active()


@register.filter(expects_localtime=True)
def html_datetime(value):
    """A moment for `<time datetime>`: ISO 8601 to the second.

    Django's `date:"c"` writes microseconds when the value has them (a time saved as "now"),
    and HTML allows at most three digits of a fraction there.
    """
    if not value:
        return ""
    if hasattr(value, "microsecond"):
        value = value.replace(microsecond=0)
    return value.isoformat()


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or one of its descendants (for aria-current)."""
    if not isinstance(page, Page) or not isinstance(section, Page):
        return False
    return page.path.startswith(section.path)


@register.simple_tag
def accessibility_statement():
    """The accessibility statement of the active language, for the footer (one query)."""
    from pages.models import AccessibilityStatementPage

    return layout_cached(
        "accessibility",
        (get_language(),),
        lambda: (
            AccessibilityStatementPage.objects.live().filter(locale=Locale.get_active()).first()
        ),
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu's links in the reader's language: [{"url", "label", "page"}].

    From the city editors' NavigationSettings when it has items, else the home page's children
    marked "show in menus". Three queries whatever the number of items.
    """
    request = context["request"]
    return layout_cached(
        "menu",
        (request.get_host(), get_language()),
        lambda: _main_menu(context, request),
    )


def _main_menu(context, request):
    from pages.models import NavigationSettings

    language = get_language() or settings.LANGUAGE_CODE
    locale = Locale.objects.filter(language_code=language).first()
    menu = NavigationSettings.for_request(request)
    items = list(menu.items.select_related("page")) if menu.pk else []
    if not items:
        home = context.get("home") or localized_home(context)
        if home is None:
            return []
        return [
            {"url": page.get_url(request), "label": page.title, "page": page}
            for page in home.get_children().live().public().in_menu()
        ]
    linked = [item.page for item in items if item.page_id]
    translated = {
        page.translation_key: page
        for page in in_reader_language(linked, locale, Page.objects.live().public())
        if page.locale_id == getattr(locale, "pk", None)
    }
    links = []
    for item in items:
        if item.url:
            links.append({"url": item.url, "label": item.label_for(language), "page": None})
            continue
        page = translated.get(item.page.translation_key)
        if page is None:
            if not item.page.live:
                continue
            page = item.page  # not translated yet: the source page, rather than nothing
        label = getattr(item, f"label_{language}", "") or (
            page.title
            if page.locale_id == getattr(locale, "pk", None)
            else item.label_for(language)
        )
        links.append({"url": page.get_url(request), "label": label or page.title, "page": page})
    return links
