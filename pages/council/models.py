"""The Public Benefit Council (Rada Działalności Pożytku Publicznego).

The council's page keeps its terms, members (with the organization or institution each
represents), meetings (which also appear in the portal's calendar) and resolutions. (The Mayor's
patronage is the office's, not the council's: pages.models.patronage.)
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail_localize.fields import TranslatableField

from pages import calendar_sources
from pages.models.base import BasePage


class CouncilPage(BasePage):
    """The council: who sits on it, when it meets, what it resolved."""

    intro = RichTextField(
        _("about the council"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("terms", heading=_("Terms"), label=_("Term")),
        InlinePanel("members", heading=_("Members"), label=_("Member")),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
        InlinePanel("resolutions", heading=_("Resolutions"), label=_("Resolution")),
    ]

    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_council/council_page.html"

    class Meta:
        verbose_name = _("public benefit council")
        verbose_name_plural = _("public benefit councils")

    def current_term(self):
        today = timezone.localdate()
        return next(
            (term for term in self.terms.all() if term.starts_on <= today <= term.ends_on),
            None,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        meetings = list(self.meetings.all())
        context["upcoming_meetings"] = sorted(
            (m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at
        )
        context["past_meetings"] = sorted(
            (m for m in meetings if m.starts_at < now), key=lambda m: m.starts_at, reverse=True
        )[:10]
        context["current_term"] = self.current_term()
        context["members"] = list(self.members.select_related("organization"))
        context["resolutions"] = list(
            self.resolutions.select_related("document").order_by("-adopted_on")
        )
        return context


class CouncilTerm(Orderable):
    page = ParentalKey(CouncilPage, related_name="terms", on_delete=models.CASCADE)
    name = models.CharField(_("term"), max_length=100, help_text=_("e.g. 2024–2027"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A term cannot end before it starts.")})


class CouncilMember(Orderable):
    page = ParentalKey(CouncilPage, related_name="members", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True, help_text=_("e.g. chair"))
    represents = models.CharField(
        _("represents"), max_length=250, help_text=_("The organization or institution.")
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization's profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("represents"), FieldPanel("organization")]),
    ]


class CouncilMeeting(Orderable):
    page = ParentalKey(CouncilPage, related_name="meetings", on_delete=models.CASCADE)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=250)
    agenda = models.TextField(_("agenda"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("agenda"),
    ]

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting cannot end before it starts.")})

    @property
    def end(self):
        return self.ends_at or self.starts_at + datetime.timedelta(hours=2)


class CouncilResolution(Orderable):
    page = ParentalKey(CouncilPage, related_name="resolutions", on_delete=models.CASCADE)
    number = models.CharField(_("number"), max_length=50)
    adopted_on = models.DateField(_("adopted"))
    title = models.CharField(_("title"), max_length=300)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("adopted_on")]),
        FieldPanel("title"),
        FieldPanel("document"),
    ]


class CouncilMeetingsSource:
    """The calendar shows the council's meetings (pages.calendar_sources). A meeting has no
    category, area, district or price: filters by those leave it out; the text filter matches
    its agenda and place."""

    key = "council"
    label = pgettext_lazy("calendar", "council meeting")
    falls_back = False

    def live_pages(self):
        return CouncilPage.objects.live().public().prefetch_related("meetings")

    def extendable_pages(self):
        return self.live_pages().none()

    def rows(self, page):
        rows = []
        for meeting in page.meetings.all():
            row = calendar_sources.occurrence(
                page_id=page.pk,
                source=self.key,
                object_id=meeting.pk,
                locale_id=page.locale_id,
                translation_key=page.translation_key,
                start=meeting.starts_at,
                end=meeting.end,
                original_start=meeting.starts_at,
                title=page.title,
                venue_name=meeting.place,
                text=" ".join((meeting.agenda, meeting.place)).lower(),
                is_on_site=True,
            )
            rows.append((row, []))
        return rows

    def connect(self):
        calendar_sources.follow_page(self.key, CouncilPage)
        calendar_sources.follow_rows(self.key, CouncilMeeting, "page_id")


def register_calendar_source():
    calendar_sources.register(CouncilMeetingsSource())
