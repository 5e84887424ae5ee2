from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from pages import routing
from pages.api import open_data_page
from pages.newsletter.views import one_click_unsubscribe
from pages.sitemaps import MultilingualSitemap
from pages.views.organization_access import accept_invitation_view
from pages.views.site import robots_txt, server_error
from portal import api
from search import urls as search_urls

SITEMAPS = {"pages": MultilingualSitemap}

urlpatterns = [
    # Before the admin's own URLs, which require a signed-in editor: a person invited to edit
    # an organization may have no account yet (the link itself is the proof).
    path(
        "admin/invitation/<str:token>/",
        accept_invitation_view,
        name="ngo_access_accept",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An index of sitemap pages of MultilingualSitemap.limit URLs each: a city-scale portal has
    # tens of thousands of pages, and each request stays the same small amount of work.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The open content API and datasets, for every language (?locale=): portal/api.py.
    path("api/v2/", include(api.urlpatterns)),
    # Outside the language prefix and Wagtail's serving: mail clients POST here (RFC 8058).
    path(
        "newsletter/unsubscribe/<str:token>/",
        one_click_unsubscribe,
        name="newsletter_one_click",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language: /pl/..., /en/..., /uk/...
urlpatterns += i18n_patterns(
    path("", include(search_urls)),
    path("open-data/", open_data_page, name="open_data"),
    # Wagtail's pages, the site, route and view restrictions read once per content generation.
    path("", include(routing.urlpatterns())),
    prefix_default_language=True,
)

# The 500 page in the reader's language, rendered without the database (pages.views.site).
handler500 = server_error
