"""Site-wide views: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from pages.public_urls import absolute_url


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Filtered listings and exports are endless combinations of the same pages.
        "Disallow: /*?*",
        "Disallow: /*/eksport/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request, *args, **kwargs):
    """The 500 page in the reader's language (from the URL), with the portal's layout.

    It queries nothing: the error may be the database itself. The template has the header and
    footer of the other pages without the parts read from the database (menu, settings).
    """
    from django.conf import settings
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string
    from django.utils import translation

    prefix = request.path.lstrip("/").split("/", 1)[0]
    languages = dict(settings.LANGUAGES)
    language = prefix if prefix in languages else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            body = render_to_string(
                "500.html",
                {
                    "LANGUAGE_CODE": language,
                    "languages": [(code, name) for code, name in settings.LANGUAGES],
                    "site_name": settings.WAGTAIL_SITE_NAME,
                    "STATIC_URL": settings.STATIC_URL,
                },
            )
    except Exception:  # noqa: BLE001 - the last resort must answer whatever went wrong
        body = "<h1>500</h1>"
    return HttpResponseServerError(body)
