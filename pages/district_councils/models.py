"""District councils (seed 004, goal 6: initiatives carried out with the district councils).

A district (in Poznań an osiedle) elects a council (rada osiedla), an auxiliary body of the city.
Each council has a page tied to one district of the taxonomy: where it sits, its duty hours, its
office's e-mail, what it does, and, for its district, what the other page families register in
core's ``pages.district_sections`` (events, volunteer offers, local initiatives, premises, the
organizations working there). This app imports none of them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks.streams import BodyStreamBlock
from pages import district_sections
from pages.localized import in_language
from pages.models.base import BasePage, ListingIndexPage
from pages.models.taxonomy import localized_term

SECTION_LIMIT = 5


class DistrictCouncilIndexPage(ListingIndexPage):
    """The district councils of the city, in one language, with a text filter."""

    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    subpage_types = ["ngo_district_councils.DistrictCouncilPage"]

    template = "ngo_district_councils/district_council_index_page.html"

    class Meta:
        verbose_name = _("district councils listing")
        verbose_name_plural = _("district councils listings")

    def get_context(self, request, *args, **kwargs):
        from .views import council_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(council_listing(self, request))
        return context


class DistrictCouncilPage(BasePage):
    """One district council: where and when to find it, what it does, and its district's
    events, offers, initiatives, premises and organizations."""

    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Each district has one council page in each language."),
    )
    lead = models.CharField(
        _("short description"),
        max_length=250,
        blank=True,
        help_text=_("One line shown in the list of councils."),
    )
    seat = models.CharField(
        _("seat"),
        max_length=250,
        help_text=_("Where the council meets and takes residents (address, room)."),
    )
    duty_hours = models.CharField(
        _("duty hours"),
        max_length=250,
        blank=True,
        help_text=_("For example: Tuesdays 17:00-19:00, except holidays."),
    )
    email = models.EmailField(
        _("council office e-mail"),
        blank=True,
        help_text=_("The council's office address, shown publicly; never a person's own."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)
    members = models.TextField(
        _("members' roles"),
        blank=True,
        max_length=2000,
        help_text=_(
            "One per line, e.g. 'Chair of the board'. Names only with the people's consent."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("district"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("seat"),
                FieldRowPanel([FieldPanel("duty_hours"), FieldPanel("email")]),
            ],
            heading=_("Where and when"),
        ),
        FieldPanel("body"),
        FieldPanel("members"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("seat"),
        index.SearchField("body"),
        index.FilterField("district"),
    ]
    api_fields = ["district", "lead", "seat", "duty_hours", "email", "body"]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("duty_hours"),
        TranslatableField("body"),
        TranslatableField("members"),
        SynchronizedField("district"),
        SynchronizedField("seat"),
        SynchronizedField("email"),
    ]

    parent_page_types = ["ngo_district_councils.DistrictCouncilIndexPage"]
    subpage_types = []

    template = "ngo_district_councils/district_council_page.html"

    class Meta:
        verbose_name = _("district council")
        verbose_name_plural = _("district councils")

    def clean(self):
        super().clean()
        if not self.district_id or self.locale_id is None:
            return
        taken = (
            DistrictCouncilPage.objects.filter(
                locale_id=self.locale_id, district__slug=self.district.slug
            )
            .exclude(pk=self.pk)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {
                    "district": _(
                        "The district %(district)s already has a council page: “%(page)s”. "
                        "Edit that page, or choose another district."
                    )
                    % {"district": self.district.name, "page": taken.title}
                }
            )

    def localized_district(self):
        return localized_term(self.district)

    def member_roles(self):
        return [line.strip() for line in self.members.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["district_term"] = self.localized_district()
        context["district_sections"] = district_sections.filled_for(
            self.district, self.locale, SECTION_LIMIT
        )
        return context


def councils_of_organization(profile):
    """The council pages of the districts an organization works in, in the profile's
    language: the profile's "Active in" section (registered in ``ready()``)."""
    slugs = [district.slug for district in profile.districts.all()]
    if not slugs:
        return []
    councils = in_language(
        DistrictCouncilPage.objects.live().public().filter(district__slug__in=slugs),
        profile.locale,
    )
    return list(councils.select_related("district").order_by("district__sort_order", "title"))
