"""Grant competitions the city announces, and the register of every grant it awarded.

A call (`GrantCallPage`) says who may apply for what, until when and where; its status follows
its dates unless an editor sets a later one (under evaluation, results published, cancelled).
Awarded grants (`AwardedGrant`) are rows, not pages: editors enter them in the admin or import a
call's results from CSV (`manage.py import_grants`), and the register page (`GrantsRegisterPage`)
lists them all with totals and exports them as open data. The organization's name is stored with
each grant, so the register stays true when a profile is renamed or removed.
"""

from django import forms
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


class GrantCallPage(BasePage):
    """One call for applications: what is funded, for whom, until when, and where to apply."""

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
