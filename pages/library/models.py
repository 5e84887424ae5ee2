"""A small library for NGOs (seed 001: "running a small library for NGOs").

The centre keeps books and publications; an organization's editors reserve a copy on the portal,
centre staff hand it over and take it back in the admin, and overdue loans get a reminder. A
loan belongs to an organization (the reader who reserved it is kept only while it matters):
the catalogue shows how many copies are free, never who has them.
"""

import contextlib
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from stdnum import isbn as stdnum_isbn
from stdnum.exceptions import ValidationError as StdnumError
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage

# What a library without a page of its own lends by (also the page's defaults).
DEFAULT_LOAN_DAYS = 30
DEFAULT_COLLECT_DAYS = 7
DEFAULT_LOANS_PER_ORGANIZATION = 3


class LibraryPage(RoutablePageMixin, BasePage):
    """The catalogue of the centre's library, where an organization reserves a copy."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    loan_days = models.PositiveSmallIntegerField(
        _("loan period (days)"),
        default=DEFAULT_LOAN_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    collect_days = models.PositiveSmallIntegerField(
        _("days to collect a reservation"),
        default=DEFAULT_COLLECT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A reservation not collected by then lapses and the copy is free again."),
    )
    loans_per_organization = models.PositiveSmallIntegerField(
        _("reservations and loans per organization at a time"),
        default=DEFAULT_LOANS_PER_ORGANIZATION,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("loan_days"),
                FieldPanel("collect_days"),
                FieldPanel("loans_per_organization"),
            ],
            heading=_("Lending rules"),
        ),
    ]
    # The rules are the centre's, one set whatever the language of the page.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        SynchronizedField("loan_days"),
        SynchronizedField("collect_days"),
        SynchronizedField("loans_per_organization"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_library/library_page.html"

    class Meta:
        verbose_name = _("NGO library")
        verbose_name_plural = _("NGO libraries")

    @path("")
    def catalogue(self, request):
        from .views import catalogue_view

        return catalogue_view(self, request)

    @path("<int:item_id>/rezerwuj/")
    def reserve(self, request, item_id):
        from .views import reserve_view

        return reserve_view(self, request, item_id)

    @path("wypozyczenia/<int:loan_id>/anuluj/")
    def cancel(self, request, loan_id):
        from .views import cancel_view

        return cancel_view(self, request, loan_id)


def library_rules():
    """(loan days, collect days, loans per organization) of the live library page, or the
    defaults when there is none."""
    page = LibraryPage.objects.live().order_by("pk").first()
    if page is None:
        return DEFAULT_LOAN_DAYS, DEFAULT_COLLECT_DAYS, DEFAULT_LOANS_PER_ORGANIZATION
    return page.loan_days, page.collect_days, page.loans_per_organization


def validate_isbn(value):
    try:
        stdnum_isbn.validate(value)
    except StdnumError as error:
        raise ValidationError(_("This is not a valid ISBN (10 or 13 digits).")) from error


class LibraryItemQuerySet(models.QuerySet):
    def with_availability(self):
        """Each item with ``on_loan`` (reserved or lent copies) and ``available`` copies."""
        return self.annotate(
            on_loan=Count("loans", filter=Q(loans__status__in=Loan.ACTIVE), distinct=True)
        ).annotate(available=F("copies") - F("on_loan"))


class LibraryItem(models.Model):
    """A title in the catalogue, with the number of copies the centre holds."""

    class Kind(models.TextChoices):
        BOOK = "book", pgettext_lazy("library item kind", "Book")
        GUIDE = "guide", _("Guide")
        REPORT = "report", _("Report or study")
        PERIODICAL = "periodical", _("Periodical")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        PL = "pl", _("Polish")
        EN = "en", _("English")
        UK = "uk", _("Ukrainian")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=255)
    author = models.CharField(_("author or editor"), max_length=255, blank=True)
    publisher = models.CharField(_("publisher"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(1800)]
    )
    isbn = models.CharField(_("ISBN"), max_length=17, blank=True, validators=[validate_isbn])
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.BOOK)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.PL
    )
    areas = models.ManyToManyField(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("areas of public benefit"),
        blank=True,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    copies = models.PositiveSmallIntegerField(
        _("copies"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = LibraryItemQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def __str__(self):
        return f"{self.title} ({self.author})" if self.author else self.title

    def clean(self):
        if self.isbn:
            # One spelling in the catalogue, whatever was typed (hyphens, spaces, ISBN-10).
            # (An invalid one is left as typed: the field's validator says why.)
            with contextlib.suppress(StdnumError):
                self.isbn = stdnum_isbn.format(stdnum_isbn.validate(self.isbn), convert=True)


class Loan(models.Model):
    """One copy reserved or lent to one organization."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        LENT = "lent", _("Lent")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.RESERVED, Status.LENT)

    item = models.ForeignKey(
        LibraryItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="loans"
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="library_loans",
    )
    # Who reserved it, for the centre's questions; forgotten a year after the loan ends.
    reader = models.ForeignKey(
        "auth.User",
        verbose_name=_("reserved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The language the reader used on the portal: their mails are written in it.
    language = models.CharField(max_length=8, default="pl", editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RESERVED
    )
    reserved_at = models.DateTimeField(_("reserved"), default=timezone.now)
    collect_by = models.DateField(_("collect by"), null=True, blank=True)
    lent_on = models.DateField(_("lent on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    notes = models.TextField(_("staff notes"), blank=True)

    class Meta:
        ordering = ["-reserved_at", "-pk"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            # An organization holds one copy of a title at a time; a second reservation of the
            # same title from two tabs fails here even when both passed the form.
            models.UniqueConstraint(
                fields=["item", "organization"],
                condition=Q(status__in=["reserved", "lent"]),
                name="library_one_active_loan_per_item_and_organization",
            ),
        ]

    def __str__(self):
        return f"{self.item} – {self.organization}"

    def save(self, *args, **kwargs):
        # The dates follow the status, so staff only change the status (and the due date to
        # extend a loan).
        today = timezone.localdate()
        loan_days, collect_days, _limit = library_rules()
        if self.status == self.Status.RESERVED and self.collect_by is None:
            self.collect_by = today + datetime.timedelta(days=collect_days)
        if self.status == self.Status.LENT and self.lent_on is None:
            self.lent_on = today
            self.due_on = self.due_on or today + datetime.timedelta(days=loan_days)
        if self.status == self.Status.RETURNED and self.returned_on is None:
            self.returned_on = today
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.LENT
            and self.due_on is not None
            and self.due_on < timezone.localdate()
        )

    def clean(self):
        if not self.is_active or not self.item_id:
            return
        others = Loan.objects.filter(item_id=self.item_id, status__in=self.ACTIVE)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if others.count() >= self.item.copies:
            raise ValidationError(
                {"status": _("No copy of this item is free: every copy is reserved or lent.")}
            )
        if self.organization_id and others.filter(organization_id=self.organization_id).exists():
            raise ValidationError(
                {"organization": _("This organization already has this item reserved or lent.")}
            )
