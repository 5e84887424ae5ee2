from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "portal_search"

urlpatterns = [
    # Translated path: /pl/szukaj/, /en/search/, /uk/poshuk/.
    path(pgettext_lazy("URL path", "search/"), views.search_view, name="search"),
]
