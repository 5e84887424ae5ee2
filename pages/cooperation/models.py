"""The yearly programme of cooperation with NGOs, and the report on how it was carried out.

Every municipality adopts a programme (a council resolution: goals, each with its forms of
cooperation, and priority public tasks with the money planned for them) and, by 31 May of the
next year, publishes a report on it (art. 5a ust. 3 of the Act on public benefit activity and
volunteering). The report's figures are counted from the portal's data (`figures.py`) and frozen
into the page when it is first published: a published report says what was presented, whatever
is corrected in the registers later. A re-publication keeps the frozen figures unless the editor
ticks "count the figures again"; then the new publication freezes the figures of that moment.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage


class GoalBlock(blocks.StructBlock):
    """One goal of the programme and the forms of cooperation that serve it."""

    goal = blocks.CharBlock(label=_("Goal"), max_length=400)
    forms_of_cooperation = blocks.ListBlock(
        blocks.TextBlock(label=_("Form of cooperation"), max_length=1500),
        label=_("Forms of cooperation"),
    )

    class Meta:
        icon = "list-ol"
        label = _("Goal")
        template = "ngo_cooperation/blocks/goal_block.html"
        description = _("A goal of the programme with its forms of cooperation")


class CooperationProgrammePage(BasePage):
    """The programme of cooperation for one year, as the city council adopted it."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    resolution_number = models.CharField(
        _("resolution number"), max_length=100, help_text=_("e.g. LVII/1066/VII/2017")
    )
    resolution_date = models.DateField(_("resolution adopted on"))
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    goals = StreamField(
        [("goal", GoalBlock())], verbose_name=_("goals and forms of cooperation"), blank=True
    )
    planned_amount = models.DecimalField(
        _("total amount planned (PLN)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The amount the programme plans for all its public tasks."),
    )
    resolution_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("resolution (document)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel(
            [FieldPanel("year"), FieldPanel("resolution_number"), FieldPanel("resolution_date")]
        ),
        FieldRowPanel([FieldPanel("planned_amount"), FieldPanel("resolution_document")]),
        FieldPanel("intro"),
        FieldPanel("goals"),
        MultiFieldPanel(
            [InlinePanel("priority_tasks", label=_("Priority task"))],
            heading=_("Priority public tasks"),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("goals"),
        index.FilterField("year"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("goals"),
        SynchronizedField("year"),
        SynchronizedField("resolution_number"),
        SynchronizedField("resolution_date"),
        SynchronizedField("planned_amount"),
        SynchronizedField("resolution_document"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["ngo_cooperation.CooperationReportPage"]

    template = "ngo_cooperation/cooperation_programme_page.html"

    class Meta:
        verbose_name = _("programme of cooperation")
        verbose_name_plural = _("programmes of cooperation")

    def clean(self):
        super().clean()
        others = CooperationProgrammePage.objects.filter(year=self.year, locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.year and others.exists():
            raise ValidationError({"year": _("There is already a programme for this year.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tasks"] = list(self.priority_tasks.prefetch_related("areas", "grant_calls"))
        context["reports"] = CooperationReportPage.objects.child_of(self).live().public()
        return context


class PriorityTask(Orderable, ClusterableModel):
    """A priority public task of the programme: its areas, the money planned, the calls."""

    page = ParentalKey(
        CooperationProgrammePage, related_name="priority_tasks", on_delete=models.CASCADE
    )
    title = models.CharField(_("public task"), max_length=500)
    areas = ParentalManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="+",
    )
    planned_amount = models.DecimalField(
        _("amount planned (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # Chosen here, not on the call: the grants app must not know this feature exists.
    grant_calls = ParentalManyToManyField(
        "ngo_grants.GrantCallPage",
        verbose_name=_("grant calls serving the task"),
        blank=True,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("planned_amount"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("grant_calls", widget=forms.SelectMultiple(attrs={"size": 6})),
    ]

    def __str__(self):
        return self.title


class NarrativeBlock(blocks.StructBlock):
    """The office's own account of one goal: what was done and how it went."""

    goal = blocks.CharBlock(label=_("Goal"), max_length=400)
    text = blocks.RichTextBlock(
        label=_("What was done"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "doc-full"
        label = _("Account of a goal")
        template = "ngo_cooperation/blocks/narrative_block.html"
        description = _("The office's account of how one goal was carried out")


class CooperationReportPage(RoutablePageMixin, BasePage):
    """The report on a year's programme: the office's narrative and the portal's figures."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link", "ul"])
    narrative = StreamField(
        [("goal", NarrativeBlock())], verbose_name=_("account of the goals"), blank=True
    )
    recount_figures = models.BooleanField(
        _("count the figures again when I publish"),
        default=False,
        help_text=_(
            "The figures are frozen when the report is first published. Tick this to replace "
            "them with the portal's current data at the next publication."
        ),
    )
    # The frozen figures (figures.compute): keys and numbers, labels come from the code.
    figures = models.JSONField(_("frozen figures"), null=True, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("narrative"),
        FieldPanel("recount_figures"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("narrative"),
        index.FilterField("year"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("narrative"),
        SynchronizedField("year"),
        SynchronizedField("figures"),
    ]

    parent_page_types = ["ngo_cooperation.CooperationProgrammePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_cooperation/cooperation_report_page.html"

    class Meta:
        verbose_name = _("report on the programme of cooperation")
        verbose_name_plural = _("reports on the programme of cooperation")

    @property
    def programme(self):
        """The programme the report is on: the page it is published under."""
        parent = self.get_parent() if self.path else None
        return parent.specific if parent is not None else None

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.live and (update_fields is None or "figures" in update_fields):
            self.freeze_figures()
        super().save(*args, **kwargs)

    def freeze_figures(self):
        """Published: keep the frozen figures (a revision made before they were frozen holds
        none, so they are read back from the database) or count them once."""
        if self.recount_figures:
            self.recount_figures = False
            self.figures = None
        elif not self.figures and self.pk:
            self.figures = (
                CooperationReportPage.objects.filter(pk=self.pk)
                .values_list("figures", flat=True)
                .first()
            )
        if self.figures and self.figures.get("year") != self.year:
            # Another year's figures (a report copied from last year's, or its year corrected).
            self.figures = None
        if not self.figures:
            self.figures = self.live_figures()

    def live_figures(self):
        from .figures import compute

        previous = (
            CooperationProgrammePage.objects.filter(
                year=self.year - 1, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            if self.year
            else None
        )
        return compute(self.year, self.programme, previous)

    def current_figures(self, request=None):
        """The frozen figures of a published report; a draft or preview counts them now."""
        if self.figures and not getattr(request, "is_preview", False):
            return self.figures, True
        return self.live_figures(), False

    def get_context(self, request, *args, **kwargs):
        from .report import report_context

        context = super().get_context(request, *args, **kwargs)
        snapshot, frozen = self.current_figures(request)
        context.update(report_context(self, snapshot))
        context["frozen"] = frozen
        return context

    def may_export(self, request):
        """A published report is public (the Act wants it published); a draft is the office's."""
        if self.live:
            return True
        return self.permissions_for_user(request.user).can_edit()

    @path("")
    def report(self, request):
        return self.render(request)

    @path("csv/")
    def export_csv(self, request):
        from .views import export_view

        return export_view(self, request, "csv")

    @path("pdf/")
    def export_pdf(self, request):
        from .views import export_view

        return export_view(self, request, "pdf")

    @path("odt/")
    def export_odt(self, request):
        from .views import export_view

        return export_view(self, request, "odt")


def keep_snapshot_in_revision(sender, instance, revision=None, **kwargs):
    """``page_published``: the published revision holds the frozen figures and an unticked
    "count again", so the next edit (built from it) neither shows the box ticked nor loses them."""
    if revision is None:
        return
    content = dict(revision.content)
    if content.get("figures") == instance.figures and not content.get("recount_figures"):
        return
    content["figures"] = instance.figures
    content["recount_figures"] = False
    type(revision).objects.filter(pk=revision.pk).update(content=content)
