"""sitemap.xml for every language, with hreflang alternates between translations.

Wagtail's own sitemap walks the default site's root page, which is the Polish home only; this one
walks the home page of every language and tells search engines which pages translate each other.
"""

from collections import defaultdict

from django.db.models import Max, Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    # URLs per sitemap page (the protocol allows 50,000; smaller pages answer in a few hundred
    # milliseconds uncached).
    limit = 1000

    def items(self):
        site = self.get_wagtail_site()
        homes = Page.objects.filter(translation_key=site.root_page.translation_key, depth=2)
        in_any_tree = Q()
        for home in homes:
            in_any_tree |= Q(path__startswith=home.path)
        # Base pages, not specific ones: no page family changes its sitemap entry, and the
        # locale comes with each row, so a sitemap page costs a few queries whatever its size.
        return (
            Page.objects.live()
            .public()
            .filter(in_any_tree)
            .order_by("path")
            .select_related("locale")
        )

    def get_latest_lastmod(self):
        # For the sitemap index: one query, where Django's default reads every page.
        latest = self.items().aggregate(
            published=Max("last_published_at"), revised=Max("latest_revision_created_at")
        )
        return latest["published"] or latest["revised"]

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # The translations of this page's items, wherever they fall in the pagination (one
        # query): each language's tree is a different part of the list.
        translations = self.items().filter(translation_key__in={i.translation_key for i in items})
        urls_by_key = defaultdict(list)
        for item in translations:
            url = item.get_full_url(self.request)
            if url:
                urls_by_key[item.translation_key].append((item.locale.language_code, url))
        urls, last_mods = [], set()
        for item in items:
            for info in item.get_sitemap_urls(self.request):
                alternates = urls_by_key.get(item.translation_key, [])
                if len(alternates) > 1:
                    info["alternates"] = [
                        {"lang_code": code, "location": url} for code, url in alternates
                    ]
                urls.append(info)
                last_mods.add(info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
