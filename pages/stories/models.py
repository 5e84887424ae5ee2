"""Good-practice stories: what organizations of the city did, told so that others can repeat it.

Stories live beneath one listing per language. Areas, district, year and organizations are
synchronized across translations, so a filter link (``?area=seniorzy&year=2025``) means the same
in every language; the labels come from the reader's language.
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.stories import FigureBlock
from blocks.streams import StoryStreamBlock
from pages.localized import in_reader_language
from pages.models.base import BasePage, ListingIndexPage
from pages.models.organizations import OrganizationPage
from pages.models.settings import OfficeSettings
from pages.models.taxonomy import localized_term, localized_terms
from pages.public_urls import absolute_url

RELATED_STORIES = 3


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "ngo_stories.StoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class StoryIndexPage(ListingIndexPage):
    """Every good-practice story of one language, filterable by area, district, tag and year."""

    subpage_types = ["ngo_stories.StoryPage"]

    template = "ngo_stories/story_index_page.html"
    listing_view = "pages.stories.views.story_listing"

    class Meta:
        verbose_name = _("good-practice story listing")
        verbose_name_plural = _("good-practice story listings")


class StoryPage(BasePage):
    """One story: who did what, where, and what came of it."""

    lead = models.TextField(_("in short"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Alt text belongs to this use of the photo (see blocks.media.ImageBlock).
    hero_alt = models.CharField(
        _("alternative text of the main photo"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    body = StreamField(StoryStreamBlock(), verbose_name=_("story"), blank=True)
    outcomes = StreamField(
        [("figure", FigureBlock())],
        verbose_name=_("outcomes in numbers"),
        blank=True,
        max_num=6,
    )
    organizations = ParentalManyToManyField(
        "pages.OrganizationPage",
        verbose_name=_("organizations involved"),
        blank=True,
        related_name="stories",
    )
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="stories",
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    tags = ClusterTaggableManager(through=StoryTag, blank=True, verbose_name=_("tags"))
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1989), MaxValueValidator(2100)],
        help_text=_("When the project took place (or started)."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Main photo")
        ),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("organizations"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("district"), FieldPanel("year")]),
                FieldPanel("tags"),
            ],
            heading=_("Who, where, when"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("areas", [index.SearchField("name")]),
        index.RelatedFields("organizations", [index.SearchField("title")]),
        index.FilterField("year"),
    ]

    api_fields = ["lead", "year", "body", "outcomes"]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("hero_alt"),
        TranslatableField("body"),
        TranslatableField("outcomes"),
        SynchronizedField("hero_image"),
        SynchronizedField("organizations"),
        SynchronizedField("areas"),
        SynchronizedField("district"),
        SynchronizedField("year"),
    ]

    parent_page_types = ["ngo_stories.StoryIndexPage"]
    subpage_types = []

    template = "ngo_stories/story_page.html"

    class Meta:
        verbose_name = _("good-practice story")
        verbose_name_plural = _("good-practice stories")

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def localized_district(self):
        return localized_term(self.district) if self.district_id else None

    def localized_organizations(self):
        """The organizations' profiles in the reader's language where translated (one query)."""
        return [
            page
            for page in in_reader_language(
                self.organizations.all(),
                self.locale_id,
                OrganizationPage.objects.live().public(),
            )
            if page.live
        ]

    def related_stories(self):
        """Up to three stories of the same language, those sharing most areas first."""
        return list(
            StoryPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .annotate(
                shared=Count("areas", filter=Q(areas__in=self.areas.values("pk")), distinct=True)
            )
            .order_by("-shared", "-year", "-first_published_at")
            .select_related("hero_image")[:RELATED_STORIES]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_terms"] = self.localized_terms("areas")
        context["district_term"] = self.localized_district()
        context["organizations"] = self.localized_organizations()
        context["related_stories"] = self.related_stories()
        return context

    def get_meta_image(self):
        return self.hero_image

    def get_og_type(self):
        return "article"

    def search_document(self):
        facets = {
            "area": [area.slug for area in self.areas.all()],
            "tag": [tag.slug for tag in self.tags.all()],
        }
        if self.district_id:
            facets["district"] = [self.district.slug]
        published = self.first_published_at or self.last_published_at
        return {"date": published.date() if published else None, "facets": facets}

    def get_json_ld(self, request):
        office = OfficeSettings.for_request(request).office_name or settings.WAGTAIL_SITE_NAME
        published = self.first_published_at or timezone.now()
        modified = self.last_published_at or published
        data = {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": self.title[:110],
            "description": self.lead,
            "url": self.get_full_url(request),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(),
            "publisher": {"@type": "GovernmentOrganization", "name": office},
        }
        organizations = [
            {"@type": "NGO", "name": page.title, "url": page.get_full_url(request)}
            for page in self.localized_organizations()
        ]
        data["author"] = organizations or [{"@type": "Organization", "name": office}]
        if self.hero_image_id:
            rendition = self.hero_image.get_rendition("fill-1200x675")
            data["image"] = absolute_url(rendition.url, request)
        about = [{"@type": "Thing", "name": term.name} for term in self.localized_terms("areas")]
        if about:
            data["about"] = about
        return data
