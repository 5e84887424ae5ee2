"""Local initiative (seed 004, goal 7; art. 19b-19h of the Act on public benefit activity and
volunteering): residents, directly or through an organization, propose a public task that they
carry out together with the city, with their own work, things or money.

Residents apply on the portal; the city assesses each application against the criteria the page
publishes (the council's resolution sets them: public benefit, the residents' own contribution,
feasibility), decides, and the applicants are mailed. The public list shows every application
the city has taken up, with its status and the city's reasons; the contact's address is never
shown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail_localize.fields import TranslatableField

from pages.models.base import BasePage
from pages.models.taxonomy import localized_term

SCORE_VALIDATORS = [MinValueValidator(0), MaxValueValidator(5)]


class LocalInitiativePage(RoutablePageMixin, BasePage):
    """How local initiative works, its criteria, the form, and the list of initiatives."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    criteria = RichTextField(
        _("assessment criteria"),
        features=["h3", "bold", "italic", "link", "ul", "ol"],
        help_text=_("As the city council's resolution sets them; applicants read them first."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("criteria")]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("criteria"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "ngo_initiatives/local_initiative_page.html"

    class Meta:
        verbose_name = _("local initiative page")
        verbose_name_plural = _("local initiative pages")

    @path("")
    def listing(self, request):
        from .views import initiative_listing

        return initiative_listing(self, request)

    @path("zglos/")
    def propose(self, request):
        from .views import propose_view

        return propose_view(self, request)

    @path("<int:initiative_id>/")
    def initiative(self, request, initiative_id):
        from .views import initiative_view

        return initiative_view(self, request, initiative_id)


class LocalInitiativeQuerySet(models.QuerySet):
    def public(self):
        """What the public list shows: every application the city has taken up."""
        return self.exclude(status=LocalInitiative.Status.SUBMITTED)


class LocalInitiative(models.Model):
    """One residents' application, and the city's assessment of it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ASSESSING = "assessing", _("Being assessed")
        ACCEPTED = "accepted", _("Accepted for carrying out")
        REJECTED = "rejected", _("Not accepted")
        COMPLETED = "completed", _("Carried out")

    title = models.CharField(_("name of the initiative"), max_length=200)
    group_name = models.CharField(
        _("who proposes it"),
        max_length=200,
        help_text=_("The residents' group or the organization, as it should be shown."),
    )
    area = models.ForeignKey(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("area of public benefit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    district = models.ForeignKey(
        "pages.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("what you want to do, where and for whom"), max_length=5000)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    work_hours = models.PositiveIntegerField(
        _("residents' own work (hours)"), default=0, validators=[MaxValueValidator(100000)]
    )
    in_kind = models.TextField(_("things the residents contribute"), blank=True, max_length=2000)
    money = models.DecimalField(
        _("money the residents contribute (zł)"),
        max_digits=10,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    city_support = models.TextField(_("what you ask of the city"), max_length=3000)
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail (never shown)"))
    language = models.CharField(max_length=8, default="pl", editable=False)
    consent_text = models.TextField(editable=False, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    score_benefit = models.PositiveSmallIntegerField(
        _("public benefit (0-5)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_contribution = models.PositiveSmallIntegerField(
        _("residents' contribution (0-5)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_feasibility = models.PositiveSmallIntegerField(
        _("feasibility (0-5)"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    public_note = models.TextField(
        _("the city's reasons (public)"),
        blank=True,
        help_text=_("Shown on the initiative's page and sent to the applicants with a decision."),
    )
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    objects = LocalInitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("local initiative")
        verbose_name_plural = _("local initiatives")

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})

    @property
    def score(self):
        scores = [self.score_benefit, self.score_contribution, self.score_feasibility]
        return None if None in scores else sum(scores)

    def localized_area(self):
        return localized_term(self.area)

    def localized_district(self):
        return localized_term(self.district) if self.district_id else None


def initiatives_in_district(district, locale, limit):
    """The initiatives in ``district`` that are being assessed, accepted or carried out, newest
    first, each with the ``url`` of its page on the local initiative page of ``locale`` (the
    Polish one where that language has none): the initiatives section of a district's page
    (registered in ``InitiativesConfig.ready()``)."""
    page = (
        LocalInitiativePage.objects.live()
        .public()
        .filter(locale__language_code__in=[locale.language_code, settings.LANGUAGE_CODE])
        .order_by(Case(When(locale_id=locale.pk, then=0), default=1))
        .first()
    )
    if page is None:
        return []
    initiatives = list(
        LocalInitiative.objects.public()
        .exclude(status=LocalInitiative.Status.REJECTED)
        .filter(district__slug=district.slug)[:limit]
    )
    base = page.url
    for initiative in initiatives:
        initiative.url = f"{base}{initiative.pk}/"
    return initiatives
