"""The home page of each language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from blocks.streams import BodyStreamBlock

from .base import BasePage


class HomePage(BasePage):
    """The portal's front page; one per language, the root of that language's tree."""

    hero_title = models.CharField(_("hero title"), max_length=150, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    template = "pages/home/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_json_ld(self, request):
        site = self.get_site()
        return {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.site_name if site and site.site_name else self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
