"""A caretaker for each organization, and incubation (seeds 002, 003: the NGO centre gives "an
individual caretaker for each organization" and "incubates new NGOs").

- ``Caretaking``: a member of the centre's staff takes care of an organization from one date to
  another; one current caretaker per organization (ends_on empty), the earlier ones kept.
- ``AdviceNote``: the centre's private log of advice given to an organization (date, topic,
  notes, author); the centre's staff alone read it, and notes older than
  ``PORTAL_ADVICE_NOTES_RETENTION_YEARS`` are deleted daily (``delete_old_advice_notes``).
- ``IncubationPage``: the public path of an informal group becoming an association or a
  foundation (ordered steps, each with a guide page), and the form through which a group asks to
  be incubated.
- ``IncubatedGroup`` and ``IncubationStepRecord``: the groups asking, their caretaker, each
  step done or not (date, notes), and the organization's profile once it is registered. The
  contact's data is the centre's staff's alone.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from pages import roles
from pages.models.base import BasePage

DEFAULT_RETENTION_YEARS = 5
CENTRE_STAFF = {"is_active": True, "groups__name": roles.ADVISORS}
# An organization is its Polish profile (the source its translations follow): one caretaker and
# one log per organization, whatever language its profile is read in.
SOURCE_PROFILE = {"locale__language_code": "pl"}


def retention_years():
    return getattr(settings, "PORTAL_ADVICE_NOTES_RETENTION_YEARS", DEFAULT_RETENTION_YEARS)


def retention_cutoff(today=None):
    """The oldest date of a note still kept (a 29 February moves to the 28th)."""
    today = today or timezone.localdate()
    years = retention_years()
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


class Caretaking(models.Model):
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=SOURCE_PROFILE,
    )
    caretaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caretaker"),
        on_delete=models.PROTECT,
        related_name="caretakings",
        limit_choices_to=CENTRE_STAFF,
        help_text=_("A member of the centre's staff (the group of the centre's advisors)."),
    )
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Empty while this is the current caretaker."),
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("caretaker assignment")
        verbose_name_plural = _("caretaker assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(ends_on__isnull=True),
                name="ngo_caretakers_one_current_caretaker",
            )
        ]

    def __str__(self):
        return f"{self.organization} – {caretaker_name(self.caretaker)}"

    def save(self, *args, **kwargs):
        # A new current caretaker ends the previous one on the day it starts: the history stays.
        with transaction.atomic():
            if self.ends_on is None and self.organization_id:
                Caretaking.objects.filter(
                    organization_id=self.organization_id, ends_on__isnull=True
                ).exclude(pk=self.pk).update(ends_on=self.starts_on)
            super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})

    @property
    def is_current(self):
        return self.ends_on is None

    def caretaker_label(self):
        return caretaker_name(self.caretaker)

    caretaker_label.short_description = _("caretaker")


def caretaker_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def current_caretakers(organizations):
    """{organization id: caretaking} of the current caretakers of ``organizations`` (one query)."""
    return {
        caretaking.organization_id: caretaking
        for caretaking in Caretaking.objects.filter(
            organization__in=organizations, ends_on__isnull=True
        ).select_related("caretaker")
    }


class AdviceNote(models.Model):
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=SOURCE_PROFILE,
    )
    given_on = models.DateField(_("date"), default=timezone.localdate)
    topic = models.CharField(_("topic"), max_length=200)
    notes = models.TextField(_("notes"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("advice note")
        verbose_name_plural = _("advice notes")

    def __str__(self):
        return f"{self.given_on:%Y-%m-%d} {self.topic}"

    def author_label(self):
        return caretaker_name(self.author)

    author_label.short_description = _("author")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=150)
    text = blocks.TextBlock(label=_("short text"), max_length=1000)
    guide = blocks.PageChooserBlock(
        label=_("guide"),
        required=False,
        help_text=_("A page that explains this step, e.g. an article of the knowledge base."),
    )

    class Meta:
        icon = "list-ol"
        label = _("step")
        template = "ngo_caretakers/step_block.html"


class IncubationPage(RoutablePageMixin, BasePage):
    """The incubation path, step by step, and the form through which a group asks for it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    steps = StreamField(
        [("step", StepBlock())],
        verbose_name=_("steps"),
        help_text=_("In order; the centre marks each step done for every group it incubates."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("steps")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("steps"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_caretakers/incubation_page.html"

    class Meta:
        verbose_name = _("incubation page")
        verbose_name_plural = _("incubation pages")

    def step_list(self):
        """(block id, title) of the steps, in order; from the stored data, so that listing many
        groups does not load each step's guide page."""
        return [(block["id"], block["value"]["title"]) for block in self.steps.raw_data]

    @path("")
    def path_view(self, request):
        return self.render(request)

    @path("zglos/")
    def apply(self, request):
        from .views import apply_view

        return apply_view(self, request)


class IncubatedGroup(models.Model):
    class LegalForm(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        ORDINARY_ASSOCIATION = "ordinary", _("Ordinary association")
        FOUNDATION = "foundation", _("Foundation")
        UNDECIDED = "undecided", _("Not decided yet")

    class Status(models.TextChoices):
        NEW = "new", _("New request")
        INCUBATING = "incubating", _("Being incubated")
        REGISTERED = "registered", _("Registered")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("group name"), max_length=200)
    legal_form = models.CharField(
        _("the legal form you aim at"), max_length=12, choices=LegalForm.choices
    )
    activity = models.TextField(_("what your group does"), max_length=3000)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone (optional)"), max_length=40, blank=True)
    language = models.CharField(max_length=8, default="pl", editable=False)
    consent_text = models.TextField(editable=False, blank=True)
    page = models.ForeignKey(
        IncubationPage,
        verbose_name=_("incubation path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default="new")
    caretaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caretaker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incubated_groups",
        limit_choices_to=CENTRE_STAFF,
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization's profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=SOURCE_PROFILE,
        help_text=_("Once the group is registered: its profile in the directory."),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("incubated group")
        verbose_name_plural = _("incubated groups")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.organization_id and self.status in (self.Status.NEW, self.Status.INCUBATING):
            self.status = self.Status.REGISTERED
        super().save(*args, **kwargs)

    def caretaker_label(self):
        return caretaker_name(self.caretaker)

    caretaker_label.short_description = _("caretaker")

    def steps(self):
        """[(block id, title, record or None)] of the path's steps (the Polish page's)."""
        if self.page is None:
            return []
        records = {record.step_id: record for record in self.step_records.all()}
        return [(step_id, title, records.get(step_id)) for step_id, title in self.page.step_list()]

    def progress(self):
        steps = self.steps()
        done = sum(1 for _id, _title, record in steps if record and record.done)
        return f"{done}/{len(steps)}"

    progress.short_description = _("steps done")


class IncubationStepRecord(models.Model):
    """A step of the path, done or not, for one group (by the step's block id: the translations
    of the page keep it)."""

    group = models.ForeignKey(IncubatedGroup, on_delete=models.CASCADE, related_name="step_records")
    step_id = models.CharField(max_length=64)
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("date"), null=True, blank=True)
    notes = models.TextField(_("the caretaker's notes"), blank=True, max_length=5000)

    class Meta:
        verbose_name = _("incubation step")
        verbose_name_plural = _("incubation steps")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "step_id"], name="ngo_caretakers_one_record_per_step"
            )
        ]

    def __str__(self):
        return self.step_id
