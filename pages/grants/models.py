"""Grant competitions the city announces, and the register of every grant it awarded.

A call (`GrantCallPage`) says who may apply for what, until when and where; its status follows
its dates unless an editor sets a later one (under evaluation, results published, cancelled).
Awarded grants (`AwardedGrant`) are rows, not pages: editors enter them in the admin or import a
call's results from CSV (`manage.py import_grants`), and the register page (`GrantsRegisterPage`)
lists them all with totals and exports them as open data. The organization's name is stored with
each grant, so the register stays true when a profile is renamed or removed.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage, ListingIndexPage
from pages.models.requests import DecidedRequest
from pages.models.taxonomy import localized_terms


class GrantMode(models.TextChoices):
    OPEN_COMPETITION = "competition", _("open competition for offers")
    SMALL_GRANT = "small", _("small grant outside competition (art. 19a)")
    MICRO_GRANT = "micro", _("micro-grant")
    REGRANTING = "regranting", _("regranting")


class GrantCallStatus(models.TextChoices):
    ANNOUNCED = "announced", _("announced")
    OPEN = "open", _("open for applications")
    EVALUATION = "evaluation", _("under evaluation")
    RESULTS = "results", _("results published")
    CANCELLED = "cancelled", _("cancelled")


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "blocks/question_block.html"


class GrantCallIndexPage(ListingIndexPage):
    """The calls of one language: open and announced first, then the past ones."""

    subpage_types = ["ngo_grants.GrantCallPage"]

    template = "ngo_grants/grant_call_index_page.html"

    class Meta:
        verbose_name = _("grant call listing")
        verbose_name_plural = _("grant call listings")

    @path("")
    def listing(self, request):
        calls = list(
            GrantCallPage.objects.child_of(self).live().public().order_by("-closes_at", "title")
        )
        current = [call for call in calls if call.status in CURRENT_STATUSES]
        current.sort(key=lambda call: call.closes_at)
        past = [call for call in calls if call.status not in CURRENT_STATUSES]
        return self.render(
            request, context_overrides={"current_calls": current, "past_calls": past}
        )

    @path("ical/")
    def deadlines_feed(self, request):
        """Reminders of the submission deadlines, for a calendar application."""
        from django.http import HttpResponse

        from pages.ical import deadlines_calendar

        calls = GrantCallPage.objects.child_of(self).live().public().order_by("closes_at")
        body = deadlines_calendar(calls, request, self.title, self.locale.language_code)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="terminy.ics"'
        return response


class GrantCallPage(RoutablePageMixin, BasePage):
    """One call for applications: what is funded, for whom, until when, and where to apply.

    It may also call organizations to nominate candidates for its evaluation committee (art. 15
    sec. 2a-2f of the Public Benefit Act): a deadline, a number of seats and a short text; the
    nominations and the city's choice are `CommitteeNomination` rows of the Polish page.
    """

    mode = models.CharField(_("mode"), max_length=16, choices=GrantMode.choices)
    lead = models.TextField(_("in short"), max_length=400)
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="grant_calls",
    )
    budget = models.DecimalField(
        _("total budget (PLN)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    eligibility = RichTextField(
        _("who may apply"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    application_url = models.URLField(
        _("application platform"),
        blank=True,
        help_text=_("Where applications are submitted, e.g. the call's page on Witkac."),
    )
    questions = StreamField(
        [("question", QuestionBlock())], verbose_name=_("questions and answers"), blank=True
    )
    status_override = models.CharField(
        _("status"),
        max_length=16,
        blank=True,
        choices=[
            ("", _("follows the dates")),
            (GrantCallStatus.EVALUATION, GrantCallStatus.EVALUATION.label),
            (GrantCallStatus.RESULTS, GrantCallStatus.RESULTS.label),
            (GrantCallStatus.CANCELLED, GrantCallStatus.CANCELLED.label),
        ],
        help_text=_("Before and during the submission window the status follows the dates."),
    )
    # Entered by the office once the call has closed (applications arrive through the call's
    # own platform): residents see how many competed, and the yearly report counts them.
    offers_received = models.PositiveIntegerField(
        _("offers received"),
        null=True,
        blank=True,
        help_text=_("After the call closes: how many offers were submitted."),
    )
    nominations_close_at = models.DateTimeField(
        _("nominations close"),
        null=True,
        blank=True,
        help_text=_(
            "Set it to call organizations to nominate candidates for the evaluation committee."
        ),
    )
    committee_seats = models.PositiveSmallIntegerField(
        _("seats for NGO representatives"), null=True, blank=True
    )
    nominations_text = models.TextField(
        _("about the call for candidates"),
        max_length=1500,
        blank=True,
        help_text=_("Who may be nominated and what the committee's members do."),
    )
    city_members = models.TextField(
        _("the city's members of the committee"),
        blank=True,
        help_text=_("One per line: name and role, shown on the page with the chosen candidates."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("mode"), FieldPanel("status_override")]),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("application_url")]),
        FieldPanel("offers_received"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("eligibility"),
        MultiFieldPanel([InlinePanel("documents", label=_("Document"))], heading=_("Documents")),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("nominations_close_at"), FieldPanel("committee_seats")]),
                FieldPanel("nominations_text"),
                FieldPanel("city_members"),
            ],
            heading=_("Evaluation committee"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("eligibility"),
        index.SearchField("questions"),
        index.FilterField("closes_at"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("eligibility"),
        TranslatableField("questions"),
        SynchronizedField("mode"),
        SynchronizedField("areas"),
        SynchronizedField("budget"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("application_url"),
        SynchronizedField("status_override"),
        SynchronizedField("offers_received"),
        TranslatableField("nominations_text"),
        SynchronizedField("nominations_close_at"),
        SynchronizedField("committee_seats"),
        TranslatableField("city_members"),
    ]

    parent_page_types = ["ngo_grants.GrantCallIndexPage"]
    subpage_types = []

    template = "ngo_grants/grant_call_page.html"

    class Meta:
        verbose_name = _("grant call")
        verbose_name_plural = _("grant calls")

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})
        if self.nominations_close_at and not self.committee_seats:
            raise ValidationError(
                {"committee_seats": _("Say how many seats the nominated candidates may take.")}
            )

    @path("zglos-kandydata/")
    def nominate(self, request):
        from .views import nomination_view

        return nomination_view(self, request)

    def nominations_page(self):
        """The page whose nominations count for this call: its Polish translation (itself when
        it has none), so a candidate nominated on the English page sits on the same committee."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        source = (
            GrantCallPage.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .only("pk")
            .first()
        )
        return source or self

    @property
    def takes_nominations(self):
        return bool(self.nominations_close_at) and timezone.now() <= self.nominations_close_at

    def city_member_lines(self):
        return [line.strip() for line in self.city_members.splitlines() if line.strip()]

    def committee(self):
        """The chosen NGO representatives, by name, with their organizations: what the public
        reads (never their contact data)."""
        return list(
            CommitteeNomination.objects.filter(
                call_id=self.nominations_page().pk, status=CommitteeNomination.Status.CHOSEN
            )
            .select_related("organization")
            .only("candidate_name", "organization__title")
            .order_by("candidate_name")
        )

    @property
    def status(self):
        if self.status_override:
            return self.status_override
        now = timezone.now()
        if now < self.opens_at:
            return GrantCallStatus.ANNOUNCED
        if now <= self.closes_at:
            return GrantCallStatus.OPEN
        return GrantCallStatus.EVALUATION

    def get_status_display(self):
        return GrantCallStatus(self.status).label

    @property
    def days_left(self):
        """Whole days until the deadline while the call is open, else None."""
        if self.status != GrantCallStatus.OPEN:
            return None
        return (timezone.localdate(self.closes_at) - timezone.localdate()).days

    def awarded_grants(self):
        source = self.get_translations(inclusive=True).filter(locale__language_code="pl").first()
        return list(
            AwardedGrant.objects.filter(call_id__in={self.pk, getattr(source, "pk", self.pk)})
            .select_related("organization")
            .order_by("organization_name", "task_title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["area_terms"] = self.localized_terms()
        if self.status == GrantCallStatus.RESULTS:
            grants = self.awarded_grants()
            context["grants"] = grants
            context["grants_total"] = sum((grant.amount for grant in grants), start=0)
        if self.nominations_close_at or self.city_members:
            context["committee"] = self.committee()
            context["city_member_lines"] = self.city_member_lines()
        return context

    def localized_terms(self, relation="areas"):
        return localized_terms(self, relation)

    def search_document(self):
        return {
            "date": timezone.localdate(self.closes_at),
            "facets": {"area": [area.slug for area in self.areas.all()]},
        }


CURRENT_STATUSES = {GrantCallStatus.ANNOUNCED, GrantCallStatus.OPEN}


class GrantCallDocument(Orderable):
    page = ParentalKey(GrantCallPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"),
        max_length=250,
        blank=True,
        help_text=_("Leave empty to use the document's own."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


class GrantsRegisterPage(RoutablePageMixin, BasePage):
    """Every grant the city awarded: filters, totals, and the data to download."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_grants/grants_register_page.html"

    class Meta:
        verbose_name = _("grants register")
        verbose_name_plural = _("grants registers")

    @path("")
    def listing(self, request):
        from .views import register_listing

        return register_listing(self, request)

    @path("eksport/csv/")
    def export_csv(self, request):
        from .views import register_export

        return register_export(self, request, "csv")

    @path("eksport/json/")
    def export_json(self, request):
        from .views import register_export

        return register_export(self, request, "json")


class AwardedGrant(models.Model):
    """One grant the city awarded to one organization for one public task."""

    call = models.ForeignKey(
        GrantCallPage,
        verbose_name=_("grant call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization's profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="grants",
    )
    organization_name = models.CharField(_("organization"), max_length=255)
    task_title = models.CharField(_("public task"), max_length=500)
    amount = models.DecimalField(_("amount (PLN)"), max_digits=12, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    area = models.ForeignKey(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("area of public benefit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=GrantMode.choices)
    start_date = models.DateField(_("task starts"), null=True, blank=True)
    end_date = models.DateField(_("task ends"), null=True, blank=True)

    panels = [
        FieldPanel("call"),
        FieldRowPanel([FieldPanel("organization"), FieldPanel("organization_name")]),
        FieldPanel("task_title"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("year"), FieldPanel("mode")]),
        FieldPanel("area"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta:
        verbose_name = _("awarded grant")
        verbose_name_plural = _("awarded grants")
        ordering = ["-year", "organization_name", "task_title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="grant_amount_positive")
        ]

    def __str__(self):
        return f"{self.organization_name}: {self.task_title} ({self.year})"

    def save(self, *args, **kwargs):
        if self.organization_id and not self.organization_name:
            self.organization_name = self.organization.title
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.organization_id and not self.organization_name:
            self.organization_name = self.organization.title
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The task cannot end before it starts.")})


def awarded_to(profile, limit=20):
    """Grants the city awarded to an organization (kept on its Polish profile), newest first:
    the profile's section of grants (registered in ``GrantsConfig.ready()``)."""
    return list(
        AwardedGrant.objects.filter(organization__translation_key=profile.translation_key).order_by(
            "-year", "task_title"
        )[:limit]
    )


class CommitteeNomination(DecidedRequest):
    """An organization's candidate for a call's evaluation committee, and the city's choice.

    One per organization and call (a second nomination edits the first). The candidate's e-mail
    and phone are for the office alone; after the choice the name and the organization are
    published, to which the candidate consents.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Nominated")
        CHOSEN = "chosen", _("Chosen")
        NOT_CHOSEN = "not_chosen", _("Not chosen")

    call = models.ForeignKey(
        GrantCallPage,
        verbose_name=_("grant call"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    candidate_name = models.CharField(_("candidate's name"), max_length=200)
    candidate_email = models.EmailField(_("candidate's e-mail"))
    candidate_phone = models.CharField(_("candidate's phone"), max_length=40, blank=True)
    experience = models.TextField(
        _("experience"),
        max_length=3000,
        help_text=_("The candidate's experience in the call's area and in evaluating projects."),
    )
    consent_to_sit = models.BooleanField(
        _("The candidate agrees to sit on the evaluation committee."), default=False
    )
    consent_to_publish = models.BooleanField(
        _(
            "The candidate agrees that, if chosen, their name and organization are published "
            "on the call's page."
        ),
        default=False,
    )
    impartiality = models.BooleanField(
        _(
            "The candidate declares that they will be impartial: they will not sit on the "
            "committee if an organization they are tied to takes part in the call."
        ),
        default=False,
    )
    status = models.CharField(
        _("decision"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = models.TextField(
        _("note to the organization"),
        blank=True,
        help_text=_("Sent with the decision."),
    )
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta(DecidedRequest.Meta):
        verbose_name = _("committee nomination")
        verbose_name_plural = _("committee nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organization"], name="grants_one_nomination_per_organization"
            ),
        ]

    def __str__(self):
        return f"{self.candidate_name} ({self.organization})"

    def applied_in_call(self):
        """Whether the nominating organization is among the call's results (the portal knows
        no applicants, only the grants awarded): such a candidate may not sit (art. 15 sec. 2d)."""
        return AwardedGrant.objects.filter(
            call__translation_key=self.call.translation_key,
            organization__translation_key=self.organization.translation_key,
        ).exists()

    applied_in_call.boolean = True
    applied_in_call.short_description = _("organization has a grant in this call")

    def clean(self):
        super().clean()
        if self.status != self.Status.CHOSEN or not self.call_id or not self.organization_id:
            return
        from django.core.exceptions import ValidationError

        if self.applied_in_call():
            raise ValidationError(
                {
                    "status": _(
                        "%(organization)s has a grant in this call's results: its candidate "
                        "may not sit on the committee."
                    )
                    % {"organization": self.organization.title}
                }
            )
        chosen = (
            CommitteeNomination.objects.filter(call_id=self.call_id, status=self.Status.CHOSEN)
            .exclude(pk=self.pk)
            .count()
        )
        seats = self.call.committee_seats or 0
        if chosen >= seats:
            raise ValidationError(
                {
                    "status": _(
                        "All %(seats)s seats are taken: mark another candidate as not chosen first."
                    )
                    % {"seats": seats}
                }
            )
