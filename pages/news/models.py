"""News of the city's office and of the organizations.

The office publishes beneath the news listing of each language; an organization's editors add
news beneath their own profile, where they may write but not publish: the directory's NGO
content review workflow takes it to a moderator. The listing shows both, from the whole tree
of its language, newest first.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages.models.base import BasePage, ListingIndexPage
from pages.models.organizations import OrganizationPage
from pages.models.taxonomy import localized_terms


class NewsTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsIndexPage(ListingIndexPage):
    """Every news item of one language, filterable by area, tag, year and organization."""

    subpage_types = ["ngo_news.NewsPage"]

    template = "ngo_news/news_index_page.html"
    listing_view = "pages.news.views.news_listing"

    class Meta:
        verbose_name = _("news listing")
        verbose_name_plural = _("news listings")

    @path("kanal/")
    def atom_feed(self, request):
        from .views import news_feed

        return news_feed(self, request, "atom")

    @path("kanal/rss/")
    def rss_feed(self, request):
        from .views import news_feed

        return news_feed(self, request, "rss")


class NewsPage(BasePage):
    """One news item: the office's or an organization's."""

    date = models.DateField(_("date"), default=timezone.localdate)
    lead = models.TextField(_("in short"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the photo"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="news",
    )
    organizations = ParentalManyToManyField(
        "pages.OrganizationPage",
        verbose_name=_("organizations concerned"),
        blank=True,
        related_name="news_mentions",
    )
    tags = ClusterTaggableManager(through=NewsTag, blank=True, verbose_name=_("tags"))

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Photo")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organizations"),
                FieldPanel("tags"),
            ],
            heading=_("Areas, organizations, tags"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    api_fields = ["date", "lead", "body"]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
        SynchronizedField("date"),
        SynchronizedField("image"),
        SynchronizedField("areas"),
        SynchronizedField("organizations"),
    ]

    parent_page_types = ["ngo_news.NewsIndexPage", "pages.OrganizationPage"]
    subpage_types = []

    template = "ngo_news/news_page.html"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def publishing_organization(self):
        """The profile this news item was written under, if an organization wrote it."""
        parent = Page.objects.filter(
            path=self.path[: -self.steplen], content_type__model="organizationpage"
        ).first()
        return OrganizationPage.objects.filter(pk=parent.pk).first() if parent else None

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_terms"] = self.localized_terms("areas")
        context["publisher"] = self.publishing_organization()
        context["organizations"] = [page for page in self.organizations.all() if page.live]
        return context

    def get_meta_image(self):
        return self.image

    def get_og_type(self):
        return "article"

    def search_document(self):
        return {
            "date": self.date,
            "facets": {
                "area": [area.slug for area in self.areas.all()],
                "tag": [tag.slug for tag in self.tags.all()],
            },
        }

    def get_json_ld(self, request):
        publisher = self.publishing_organization()
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.lead,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "datePublished": self.date.isoformat(),
        }
        if publisher:
            data["author"] = {"@type": "NGO", "name": publisher.title}
        return data


def latest_news(profile, limit=5):
    """News written beneath an organization's profile or naming it, newest first: the profile's
    section of news (registered in ``NewsConfig.ready()``)."""
    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=profile.locale_id)
        .filter(
            Q(path__startswith=profile.path)
            | Q(organizations__translation_key=profile.translation_key)
        )
        .distinct()
        .order_by("-date", "-first_published_at")[:limit]
    )
