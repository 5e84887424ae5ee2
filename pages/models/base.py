"""What every page of the portal has."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from pages.admin_scoping import OwnMediaPageForm


class BasePage(Page):
    """The abstract base of the portal's page types.

    Shared behaviour goes here, so that every page family gets it: the hreflang alternates of the
    language switcher and the JSON-LD hook the base template reads.
    """

    # An NGO editor attaches only their organization's images and documents.
    base_form_class = OwnMediaPageForm

    class Meta:
        abstract = True

    def get_translations_by_language(self):
        """Live translations of this page keyed by language code, this page included."""
        pages = self.get_translations(inclusive=True).live().public().select_related("locale")
        return {page.locale.language_code: page for page in pages}

    def get_view_restrictions(self):
        # Read on every request of every page (Wagtail's serve checks them): kept per content
        # generation, see pages.routing.view_restrictions.
        from pages.routing import view_restrictions

        return view_restrictions(self, lambda: super(BasePage, self).get_view_restrictions())

    def get_meta_image(self):
        """The image shown when the page is shared (OpenGraph); page families override it."""
        return None

    def get_json_ld(self, request):
        """The schema.org description of the page; page families override it."""
        return {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": self.seo_title or self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }


class ListingIndexPage(RoutablePageMixin, BasePage):
    """The abstract index page of a page family: one per language under the home page, with an
    introduction, listing its children through the family's view.

    A family sets ``subpage_types``, ``template``, its ``Meta`` names, and ``listing_view`` (the
    dotted path of ``view(page, request)``, imported when a request comes, so the model never
    imports its views); without one the page renders its template with ``get_context``. More
    routes (feeds, archives, forms) are the family's own ``@path`` methods.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1

    listing_view = None

    class Meta:
        abstract = True

    @path("")
    def listing(self, request):
        if self.listing_view is None:
            return self.render(request)
        return import_string(self.listing_view)(self, request)

    def get_json_ld(self, request):
        return {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
        }
