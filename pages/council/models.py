"""Advisory bodies of the city: the Public Benefit Council (Rada Działalności Pożytku
Publicznego), the Civic Dialogue Commissions (Komisje Dialogu Obywatelskiego, KDO) and any other
body that advises the city (seed 004).

One page type for all of them (``AdvisoryBodyPage``, with its kind): terms, members by term (an
organization's representative, or the city side, or someone else, each with a role), meetings
(which also appear in the portal's calendar), resolutions and opinions. The bodies' list
(``AdvisoryBodyIndexPage``) shows the council first, then the commissions. (The Mayor's patronage
is the office's, not the council's: pages.models.patronage.)
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Min, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages import calendar_sources
from pages.admin_scoping import OwnMediaPageForm
from pages.models.base import BasePage


class BodyKind(models.TextChoices):
    COUNCIL = "council", pgettext_lazy("advisory body", "Public Benefit Council")
    COMMISSION = "commission", pgettext_lazy("advisory body", "Civic Dialogue Commission")
    OTHER = "other", pgettext_lazy("advisory body", "other advisory body")


# The order of the bodies' list: the council first, then the commissions, then the rest.
KIND_ORDER = Case(
    When(kind=BodyKind.COUNCIL, then=Value(0)),
    When(kind=BodyKind.COMMISSION, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


class AdvisoryBodyIndexPage(BasePage):
    """The city's advisory bodies in one language: the council, then the commissions."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    override_translatable_fields = [TranslatableField("title"), TranslatableField("intro")]

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["ngo_council.AdvisoryBodyPage"]
    max_count_per_parent = 1

    template = "ngo_council/advisory_body_index_page.html"

    class Meta:
        verbose_name = _("list of advisory bodies")
        verbose_name_plural = _("lists of advisory bodies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["bodies"] = list(
            AdvisoryBodyPage.objects.child_of(self)
            .live()
            .public()
            .annotate(
                kind_order=KIND_ORDER,
                next_meeting=Min("meetings__starts_at", filter=Q(meetings__starts_at__gte=now)),
            )
            .order_by("kind_order", "title")
        )
        return context


class AdvisoryBodyPageForm(OwnMediaPageForm):
    """A member belongs to one of the body's own terms (saved ones: a new term is chosen after
    the page is saved once), or of its translations' (wagtail-localize copies the members of a
    translation with the source page's terms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("members")
        if formset is None:
            return
        terms = (
            AdvisoryBodyTerm.objects.filter(page__translation_key=self.instance.translation_key)
            if self.instance.pk
            else AdvisoryBodyTerm.objects.none()
        )
        for form in [*formset.forms, formset.empty_form]:
            if "term" in form.fields:
                form.fields["term"].queryset = terms


class AdvisoryBodyPage(BasePage):
    """One advisory body: who sits on it in which term, when it meets, what it adopted."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=BodyKind.choices, default=BodyKind.COUNCIL
    )
    theme = models.CharField(
        _("theme"),
        max_length=200,
        blank=True,
        help_text=_("What a commission deals with, e.g. social policy."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("E.g. the act or the Mayor's order that appoints the body."),
    )
    intro = RichTextField(
        _("about the body"), blank=True, features=["bold", "italic", "link", "ul"]
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("kind"), FieldPanel("theme")]), FieldPanel("legal_basis")],
            heading=_("The body"),
        ),
        FieldPanel("intro"),
        InlinePanel("terms", heading=_("Terms"), label=_("Term")),
        InlinePanel(
            "members",
            heading=_("Members"),
            label=_("Member"),
            help_text=_("Save the page after adding a term to choose it for its members."),
        ),
        InlinePanel("meetings", heading=_("Meetings"), label=_("Meeting")),
        InlinePanel(
            "resolutions", heading=_("Resolutions and opinions"), label=_("Resolution or opinion")
        ),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("theme"),
        TranslatableField("legal_basis"),
        SynchronizedField("kind"),
    ]

    base_form_class = AdvisoryBodyPageForm

    parent_page_types = [
        "ngo_council.AdvisoryBodyIndexPage",
        "pages.HomePage",
        "pages.StandardPage",
    ]
    subpage_types = []

    template = "ngo_council/advisory_body_page.html"

    class Meta:
        verbose_name = _("advisory body")
        verbose_name_plural = _("advisory bodies")

    def current_term(self, terms=None):
        today = timezone.localdate()
        terms = self.terms.all() if terms is None else terms
        return next((term for term in terms if term.starts_on <= today <= term.ends_on), None)

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
        context["calendar_url"] = calendar_url(self.locale_id)

        terms = sorted(self.terms.all(), key=lambda term: term.starts_on, reverse=True)
        current = self.current_term(terms)
        members = list(self.members.select_related("organization", "term"))
        # A member's term is matched by its dates: a translation made by wagtail-localize copies
        # the members with the source page's terms.
        by_term = {}
        for member in members:
            by_term.setdefault(term_dates(member.term), []).append(member)
        # Members without a term sit in the current one (or the only list there is).
        context["current_term"] = current
        context["members"] = by_term.get(term_dates(current), []) + (
            by_term.get(None, []) if current else []
        )
        context["past_terms"] = [
            (term, by_term.get(term_dates(term), []))
            for term in terms
            if term is not current and term.starts_on <= timezone.localdate()
        ]

        resolutions = sorted(
            self.resolutions.select_related("document"),
            key=lambda r: (r.adopted_on, r.number),
            reverse=True,
        )
        years = sorted({r.adopted_on.year for r in resolutions}, reverse=True)
        year = request.GET.get("year", "")
        year = int(year) if year.isdigit() and int(year) in years else None
        context["years"] = years
        context["year"] = year
        context["resolutions"] = [
            r for r in resolutions if year is None or r.adopted_on.year == year
        ]
        return context


def term_dates(term):
    return (term.starts_on, term.ends_on) if term else None


def calendar_url(locale_id):
    """The calendar's page in the body's language, when the calendar is installed (read by its
    content type's name: the council never imports the calendar)."""
    calendar = (
        Page.objects.live()
        .public()
        .filter(
            locale_id=locale_id,
            content_type__app_label="ngo_calendar",
            content_type__model="calendarpage",
        )
        .first()
    )
    return calendar.url if calendar else ""


class AdvisoryBodyTerm(Orderable):
    page = ParentalKey(AdvisoryBodyPage, related_name="terms", on_delete=models.CASCADE)
    name = models.CharField(_("term"), max_length=100, help_text=_("e.g. 2024–2027"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A term cannot end before it starts.")})


class AdvisoryBodyMember(Orderable):
    class Side(models.TextChoices):
        ORGANIZATION = "organization", pgettext_lazy("advisory body side", "an organization")
        CITY = "city", pgettext_lazy("advisory body side", "the city")
        OTHER = "other", pgettext_lazy("advisory body side", "other")

    class Role(models.TextChoices):
        CHAIR = "chair", pgettext_lazy("advisory body role", "chair")
        VICE_CHAIR = "vice_chair", pgettext_lazy("advisory body role", "vice-chair")
        SECRETARY = "secretary", pgettext_lazy("advisory body role", "secretary")
        MEMBER = "member", pgettext_lazy("advisory body role", "member")

    page = ParentalKey(AdvisoryBodyPage, related_name="members", on_delete=models.CASCADE)
    term = models.ForeignKey(
        AdvisoryBodyTerm,
        verbose_name=_("term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    name = models.CharField(_("name"), max_length=150)
    side = models.CharField(
        _("side"), max_length=20, choices=Side.choices, default=Side.ORGANIZATION
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(
        _("represents"),
        max_length=250,
        blank=True,
        help_text=_("The organization or institution; an organization's name when left empty."),
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
        FieldRowPanel([FieldPanel("name"), FieldPanel("term")]),
        FieldRowPanel([FieldPanel("side"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("represents")]),
    ]

    def clean(self):
        if self.side == self.Side.ORGANIZATION and not (self.organization_id or self.represents):
            raise ValidationError(
                {"organization": _("Choose the organization from the directory or name it.")}
            )

    def save(self, *args, **kwargs):
        if not self.represents and self.organization_id:
            self.represents = self.organization.title
        super().save(*args, **kwargs)


class AdvisoryBodyMeeting(Orderable):
    page = ParentalKey(AdvisoryBodyPage, related_name="meetings", on_delete=models.CASCADE)
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


class AdvisoryBodyResolution(Orderable):
    """A resolution or an opinion the body adopted."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", pgettext_lazy("advisory body act", "resolution")
        OPINION = "opinion", pgettext_lazy("advisory body act", "opinion")

    class Status(models.TextChoices):
        ADOPTED = "adopted", pgettext_lazy("resolution status", "adopted")
        IMPLEMENTED = "implemented", pgettext_lazy("resolution status", "implemented")
        REPEALED = "repealed", pgettext_lazy("resolution status", "repealed")
        POSITIVE = "positive", pgettext_lazy("opinion", "positive")
        NEGATIVE = "negative", pgettext_lazy("opinion", "negative")
        WITH_REMARKS = "with_remarks", pgettext_lazy("opinion", "with remarks")

    OPINION_STATUSES = {Status.POSITIVE, Status.NEGATIVE, Status.WITH_REMARKS}

    page = ParentalKey(AdvisoryBodyPage, related_name="resolutions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESOLUTION)
    number = models.CharField(_("number"), max_length=50)
    adopted_on = models.DateField(_("adopted"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ADOPTED
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("adopted_on")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("document")]),
    ]

    def clean(self):
        is_opinion = self.kind == self.Kind.OPINION
        if is_opinion != (self.status in self.OPINION_STATUSES):
            raise ValidationError(
                {
                    "status": _("An opinion is positive, negative or with remarks.")
                    if is_opinion
                    else _("A resolution is adopted, implemented or repealed.")
                }
            )


class AdvisoryBodyMeetingsSource:
    """The calendar shows the advisory bodies' meetings (pages.calendar_sources). A meeting has
    no category, area, district or price: filters by those leave it out; the text filter matches
    its agenda and place. (The key stays "council": it was the council's before commissions.)"""

    key = "council"
    label = pgettext_lazy("calendar", "advisory body meeting")
    falls_back = False

    def live_pages(self):
        return AdvisoryBodyPage.objects.live().public().prefetch_related("meetings")

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
                text=" ".join((page.title, meeting.agenda, meeting.place)).lower(),
                is_on_site=True,
            )
            rows.append((row, []))
        return rows

    def connect(self):
        calendar_sources.follow_page(self.key, AdvisoryBodyPage)
        calendar_sources.follow_rows(self.key, AdvisoryBodyMeeting, "page_id")


def register_calendar_source():
    calendar_sources.register(AdvisoryBodyMeetingsSource())
