"""Consultations of draft local acts with organizations (and, where allowed, residents).

The draft is a document and/or numbered paragraphs. During the consultation period,
organizations' editors (signed in, in the name of an organization they edit) and, when the page
allows it, residents comment on a paragraph with a proposed wording and a justification. An
organization's comments stay drafts, visible to its own editors only, until it submits them; a
moderator publishes submitted comments before they show. After the period the office answers
each comment (accepted, partly, rejected, with reasons) and the page publishes the report, as
HTML and as PDF. The rules are in `ConsultationComment` and `pages/consultations/views.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage, ListingIndexPage


class DraftParagraphBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("Number"), max_length=20, help_text=_("e.g. § 1 or 3.2"))
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "list-ol"
        label = _("Paragraph of the draft")


class ConsultationIndexPage(ListingIndexPage):
    """The consultations of one language: open ones first."""

    subpage_types = ["ngo_consultations.ConsultationPage"]

    template = "ngo_consultations/consultation_index_page.html"

    class Meta:
        verbose_name = _("consultation listing")
        verbose_name_plural = _("consultation listings")

    @path("")
    def listing(self, request):
        consultations = list(
            ConsultationPage.objects.child_of(self).live().public().order_by("-closes_on")
        )
        return self.render(
            request,
            context_overrides={
                "open_consultations": [c for c in consultations if c.is_open],
                "other_consultations": [c for c in consultations if not c.is_open],
            },
        )


class ConsultationPage(RoutablePageMixin, BasePage):
    """One draft act put to consultation."""

    lead = models.TextField(_("in short"), max_length=500)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("draft as a document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    paragraphs = StreamField(
        [("paragraph", DraftParagraphBlock())],
        verbose_name=_("draft paragraphs"),
        blank=True,
        help_text=_("Comments are tied to these paragraphs."),
    )
    consulted = models.TextField(
        _("who is consulted"), help_text=_("e.g. the organizations of the city, the council")
    )
    opens_on = models.DateField(_("comments from"))
    closes_on = models.DateField(_("comments until"))
    residents_may_comment = models.BooleanField(
        _("residents may comment"),
        default=False,
        help_text=_("Organizations always may; tick to let any resident comment too."),
    )
    report_intro = RichTextField(
        _("report: summary"),
        blank=True,
        help_text=_("Shown with the report once the consultation has closed."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("lead"),
        FieldPanel("consulted"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("residents_may_comment"),
        FieldPanel("draft_document"),
        FieldPanel("paragraphs"),
        FieldPanel("report_intro"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("lead"),
        index.SearchField("paragraphs"),
    ]

    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("lead"),
        TranslatableField("consulted"),
        TranslatableField("paragraphs"),
        TranslatableField("report_intro"),
        SynchronizedField("draft_document"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
        SynchronizedField("residents_may_comment"),
    ]

    parent_page_types = ["ngo_consultations.ConsultationIndexPage"]
    subpage_types = []

    template = "ngo_consultations/consultation_page.html"

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The consultation must close after it opens.")})

    @property
    def is_open(self):
        return self.opens_on <= timezone.localdate() <= self.closes_on

    @property
    def has_closed(self):
        return timezone.localdate() > self.closes_on

    def paragraph_choices(self):
        return [(block.id, block.value["number"]) for block in self.paragraphs]

    def paragraph_label(self, paragraph_id):
        return dict(self.paragraph_choices()).get(paragraph_id, "")

    @path("")
    def consultation(self, request):
        from .views import consultation_view

        return consultation_view(self, request)

    @path("raport/")
    def report(self, request):
        from .views import report_view

        return report_view(self, request)

    @path("raport/pdf/")
    def report_pdf(self, request):
        from .views import report_pdf_view

        return report_pdf_view(self, request)


class ConsultationComment(models.Model):
    """A comment on one paragraph of a draft: the proposed wording and why."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft of the organization")
        SUBMITTED = "submitted", _("submitted, awaiting moderation")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("not published (off topic or offensive)")

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("not accepted")

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments"
    )
    paragraph_id = models.CharField(_("paragraph"), max_length=64, blank=True)
    paragraph_label = models.CharField(_("paragraph number"), max_length=20, blank=True)
    proposed_wording = models.TextField(_("proposed wording"), max_length=5000)
    justification = models.TextField(_("justification"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resident_name = models.CharField(_("name"), max_length=150, blank=True)
    resident_email = models.EmailField(_("e-mail"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    answer = models.CharField(
        _("office's answer"), max_length=12, choices=Answer.choices, blank=True
    )
    answer_reason = models.TextField(_("reasons of the answer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return f"{self.paragraph_label or '—'}: {self.proposed_wording[:60]}"

    @property
    def author_display(self):
        if self.organization_id:
            return self.organization.title
        return self.resident_name or _("a resident")

    def submit(self):
        self.state = self.State.SUBMITTED
        self.submitted_at = timezone.now()
        self.save(update_fields=["state", "submitted_at"])


def visible_comments(consultation):
    """What every visitor sees: published comments, paragraph by paragraph."""
    return (
        ConsultationComment.objects.filter(
            consultation=consultation, state=ConsultationComment.State.PUBLISHED
        )
        .select_related("organization")
        .order_by("paragraph_label", "submitted_at", "pk")
    )


def report_comments(consultation):
    """The report: every published comment with the office's answer."""
    return visible_comments(consultation)
