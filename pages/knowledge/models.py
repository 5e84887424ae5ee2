"""The knowledge base: guides, regulations, research results and templates for NGOs.

An article names when its content was last checked; readers see a note when that was more than a
year ago, because rules on founding an NGO, grants and volunteering change.
"""

import datetime
import os

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages.models.base import BasePage, ListingIndexPage
from pages.models.settings import OfficeSettings
from pages.models.taxonomy import localized_terms

REVIEW_STALE_AFTER = datetime.timedelta(days=365)


class KnowledgeCategory(models.TextChoices):
    GUIDE = "guide", _("guide")
    REGULATION = "regulation", _("regulation")
    RESEARCH = "research", _("research")
    TEMPLATE = "template", _("template")


class KnowledgeTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_knowledge.KnowledgeArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class KnowledgeIndexPage(ListingIndexPage):
    """The knowledge base of one language, filterable by category, area and words."""

    subpage_types = ["ngo_knowledge.KnowledgeArticlePage"]

    template = "ngo_knowledge/knowledge_index_page.html"
    listing_view = "pages.knowledge.views.knowledge_listing"

    class Meta:
        verbose_name = _("knowledge base")
        verbose_name_plural = _("knowledge bases")


class KnowledgeArticlePage(BasePage):
    """A guide, a regulation explained, research results or a template, with its files."""

    lead = models.TextField(_("in short"), max_length=400)
    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=KnowledgeCategory.choices,
        default=KnowledgeCategory.GUIDE,
    )
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="knowledge_articles",
    )
    tags = ClusterTaggableManager(through=KnowledgeTag, blank=True, verbose_name=_("tags"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an expert last checked that the content is current."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Documents"), label=_("Document")),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Category and review"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    api_fields = ["lead", "category", "last_reviewed", "body"]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("body"),
        SynchronizedField("category"),
        SynchronizedField("areas"),
        SynchronizedField("last_reviewed"),
        SynchronizedField("documents"),
    ]

    parent_page_types = ["ngo_knowledge.KnowledgeIndexPage"]
    subpage_types = []

    template = "ngo_knowledge/knowledge_article_page.html"

    class Meta:
        verbose_name = _("knowledge base article")
        verbose_name_plural = _("knowledge base articles")

    @property
    def review_is_stale(self):
        if self.last_reviewed is None:
            return False
        return timezone.localdate() - self.last_reviewed > REVIEW_STALE_AFTER

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_terms"] = self.localized_terms("areas")
        context["attachments"] = list(self.documents.select_related("document"))
        return context

    def get_og_type(self):
        return "article"

    def get_json_ld(self, request):
        office = OfficeSettings.for_request(request).office_name or settings.WAGTAIL_SITE_NAME
        published = self.first_published_at or timezone.now()
        data = {
            "@context": "https://schema.org",
            "@type": "TechArticle" if self.category == KnowledgeCategory.GUIDE else "Article",
            "headline": self.title[:110],
            "description": self.lead,
            "url": self.get_full_url(request),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "datePublished": published.isoformat(),
            "dateModified": (self.last_published_at or published).isoformat(),
            "author": {"@type": "GovernmentOrganization", "name": office},
            "publisher": {"@type": "GovernmentOrganization", "name": office},
            "genre": str(self.get_category_display()),
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        about = [{"@type": "Thing", "name": term.name} for term in self.localized_terms("areas")]
        if about:
            data["about"] = about
        return data


class KnowledgeDocument(Orderable):
    """A file attached to an article: a template, a full regulation, a research report."""

    page = ParentalKey(KnowledgeArticlePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the document's own title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")

    @property
    def display_title(self):
        return self.title or self.document.title

    @property
    def file_type(self):
        extension = os.path.splitext(self.document.file.name)[1].lstrip(".")
        return extension.upper()

    @property
    def file_size(self):
        size = self.document.file_size
        if size is None:
            try:
                size = self.document.file.size
            except (OSError, ValueError):
                size = None
        return size
