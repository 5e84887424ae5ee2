from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "portal_search"

urlpatterns = [
    # Translated paths: /pl/szukaj/, /en/search/, /uk/poshuk/.
    path(pgettext_lazy("URL path", "search/"), views.search_view, name="search"),
    path(
        pgettext_lazy("URL path", "search/autocomplete/"),
        views.autocomplete_view,
        name="autocomplete",
    ),
    path(
        pgettext_lazy("URL path", "search/opensearch.xml"),
        views.opensearch_view,
        name="opensearch",
    ),
]
