"""The URLs a host gives the apps: the admin, the portal search and Wagtail's pages, each
public page under its language prefix (/pl/..., /en/...)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from search import urls as search_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
]
urlpatterns += i18n_patterns(
    path("", include(search_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
