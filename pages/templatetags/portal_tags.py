import json

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the page's translation, or that language's home page.

    Pages without a translation in a language link to its home page rather than to a 404, so the
    switcher never leads a resident nowhere. Views that are not pages translate their URL.
    """
    request = context["request"]
    page = context.get("page")
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
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized


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

    return AccessibilityStatementPage.objects.live().filter(locale=Locale.get_active()).first()
