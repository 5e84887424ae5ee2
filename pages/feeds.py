"""A listing's feed: its newest pages matching the filters of the feed's URL, in Atom or RSS.

A resident who filtered a listing (one area, one organization) subscribes to exactly that: the
feed reads the same URL parameters as the listing, and links back to the listing so filtered.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class ListingFeed(Feed):
    """Subclasses say how to read the filters (``filtered``), the order, the length and the
    feed's title and description; each item is a page with a ``lead``."""

    length = 30
    ordering = ("-first_published_at",)
    related = ()

    def __init__(self, index_page, request, kind):
        super().__init__()
        self.index_page = index_page
        self.request = request
        self.feed_type = Atom1Feed if kind == "atom" else Rss201rev2Feed
        self.filters, self.base = self.filtered(index_page, request)

    @classmethod
    def response(cls, index_page, request, kind):
        return cls(index_page, request, kind)(request)

    def filtered(self, index_page, request):
        """(the filters read from ``request``, the listing's pages before filtering)."""
        raise NotImplementedError

    def listing_query(self):
        return self.filters.querystring()

    def link(self):
        query = self.listing_query()
        return self.index_page.url + (f"?{query}" if query else "")

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        pages = self.filters.apply(self.base).order_by(*self.ordering)
        if self.related:
            pages = pages.select_related(*self.related)
        return list(pages[: self.length])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
