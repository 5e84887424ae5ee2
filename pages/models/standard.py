"""Plain content pages: about the office, contact, rules."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from blocks.streams import BodyStreamBlock

from .base import BasePage


class StandardPage(BasePage):
    """A page of text and media, anywhere in the tree."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    template = "pages/standard/standard_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
