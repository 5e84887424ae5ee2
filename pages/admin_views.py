"""Pieces of Wagtail's generic admin views that the feature apps share."""

from wagtail.admin.views.generic import IndexView


def related_index_view(*related, prefetch=()):
    """An index view (a viewset's ``index_view_class``) that reads each row's related rows in
    the listing's own query. A ``ModelViewSet`` has no ``get_queryset(request)`` to say so (only
    a ``SnippetViewSet`` has): one written there is never called, and the list then runs a query
    per row for each related column."""

    class RelatedIndexView(IndexView):
        def get_base_queryset(self):
            return super().get_base_queryset().select_related(*related).prefetch_related(*prefetch)

    return RelatedIndexView
