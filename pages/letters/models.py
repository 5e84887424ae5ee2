"""Letters the city issues to NGOs (seed 004, goal 9; seed 001): a letter of recommendation, a
letter of intent (a partnership declaration) for an application to an outside funder, or the
consent to give the NGO centre's address as the organization's mailing address.

An organization's editor asks on a `LetterRequestPage`; the city's editors decide in the admin
(the text may be edited before the letter is issued); the issued letter is a PDF with a yearly
number, mailed as a link to the organization.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from pages.models.base import BasePage
from pages.models.requests import DecidedRequest


class LetterRequestPage(RoutablePageMixin, BasePage):
    """Where an organization's editors ask the city for a letter and follow their requests."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    what_we_need = RichTextField(
        _("what the office needs to know"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("what_we_need")]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("what_we_need"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # Not a main-menu item: the patronage page links to it (the demo's text does).
    show_in_menus_default = False

    template = "ngo_letters/letter_request_page.html"

    class Meta:
        verbose_name = _("letter request form")
        verbose_name_plural = _("letter request forms")

    @path("")
    def overview(self, request):
        from .views import overview_view

        return overview_view(self, request)

    @path("wniosek/")
    def request_form(self, request):
        from .views import request_view

        return request_view(self, request)

    @path("pismo/<int:letter_id>/pdf/")
    def letter_pdf(self, request, letter_id):
        from .views import pdf_view

        return pdf_view(self, request, letter_id)


def letter_sign():
    """The case file's sign before the yearly number: e.g. BPO.0001 (BPO.0001.12.2026)."""
    return getattr(settings, "PORTAL_LETTER_SIGN", "BPO.0001")


class LetterRequest(DecidedRequest):
    """An organization's request for a letter, and the city's decision on it."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("Letter of recommendation")
        INTENT = "intent", _("Letter of intent (partnership declaration)")
        ADDRESS = "address", _("Consent to use the NGO centre's address for mail")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ISSUED = "issued", _("Issued")
        REFUSED = "refused", _("Refused")

    page = models.ForeignKey(
        LetterRequestPage,
        verbose_name=_("form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    kind = models.CharField(_("kind of letter"), max_length=20, choices=Kind.choices)
    funder = models.CharField(_("funder and programme"), max_length=250)
    project_title = models.CharField(_("project title"), max_length=250)
    project_summary = models.TextField(_("project summary"), max_length=3000)
    amount = models.DecimalField(
        _("amount applied for (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    deadline = models.DateField(_("the funder's deadline"))
    email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    reasons = models.TextField(
        _("the city's reasons"),
        blank=True,
        help_text=_("Sent to the organization with the decision; required for a refusal."),
    )
    letter_text = models.TextField(
        _("text of the letter"),
        blank=True,
        help_text=_("Proposed from the request; edit it before issuing the letter."),
    )
    number = models.CharField(
        _("number"), max_length=40, unique=True, null=True, blank=True, editable=False
    )
    number_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    number_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta(DecidedRequest.Meta):
        verbose_name = _("letter request")
        verbose_name_plural = _("letter requests")
        constraints = [
            models.UniqueConstraint(
                fields=["number_year", "number_sequence"], name="letters_one_number_a_year"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.organization}"

    def clean(self):
        super().clean()
        if self.status == self.Status.REFUSED and not (self.reasons or "").strip():
            raise ValidationError({"reasons": _("Give the reasons of a refusal.")})
        if self.status == self.Status.ISSUED and not (self.letter_text or "").strip():
            raise ValidationError({"letter_text": _("An issued letter needs its text.")})

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED and bool(self.number)

    def pdf_path(self):
        """The letter's address beneath its form page (relative to the page's URL)."""
        return f"pismo/{self.pk}/pdf/"

    def assign_number(self, when):
        """Give an issued letter the next number of its year (once; kept if issued again)."""
        if self.number:
            return
        with transaction.atomic():
            # The year's rows are locked where the database can; the unique constraint is
            # the last word where it cannot (SQLite serializes writers anyway).
            year_rows = LetterRequest.objects.select_for_update().filter(number_year=when.year)
            last = year_rows.aggregate(last=Max("number_sequence"))["last"] or 0
            self.number_year, self.number_sequence = when.year, last + 1
            self.number = f"{letter_sign()}.{self.number_sequence}.{when.year}"
            LetterRequest.objects.filter(pk=self.pk).update(
                number=self.number,
                number_year=self.number_year,
                number_sequence=self.number_sequence,
            )


def proposed_text(kind, organization, funder, project_title, amount):
    """The letter's text the city starts from, in Polish (the language of the office's letters)."""
    name = organization.title
    if kind == LetterRequest.Kind.ADDRESS:
        return (
            f"Miasto wyraża zgodę na podawanie przez organizację {name} adresu Centrum "
            "Organizacji Pozarządowych jako adresu do korespondencji, w tym we wniosku do "
            f"{funder} o dofinansowanie projektu „{project_title}”. Zgoda obejmuje odbiór "
            "korespondencji w godzinach pracy Centrum i wygasa po roku."
        )
    money = f" na kwotę {amount} zł" if amount else ""
    if kind == LetterRequest.Kind.INTENT:
        return (
            f"Miasto deklaruje współpracę z organizacją {name} przy realizacji projektu "
            f"„{project_title}”, z którym organizacja ubiega się o dofinansowanie{money} w "
            f"{funder}. Współpraca obejmie promocję projektu w kanałach informacyjnych miasta "
            "i udostępnienie sal Centrum Organizacji Pozarządowych na jego wydarzenia."
        )
    return (
        f"Miasto rekomenduje organizację {name}, która ubiega się w {funder} o "
        f"dofinansowanie{money} projektu „{project_title}”. Organizacja współpracuje z miastem "
        "przy realizacji zadań publicznych, a jej działalność służy mieszkańcom."
    )
