"""The yearly training-needs survey (seed 001: "each year a survey in which organizations choose
trainings from the proposed areas").

The office proposes the year's training topics on a survey page; each organization answers once,
through its editors (any of them may change the answer until the closing date: the same answer,
never a second). The office reads the counts in the admin and plans the year's trainings from
them; the page links that plan. Answers are not public: after closing, the page may show the
counts only.

Translations of the page share its answers: an answer always belongs to the Polish (source)
survey and its topics, whichever language it was given in (topics are matched by their
translation key).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.models.base import BasePage
from pages.models.taxonomy import localized_term


class PreferredFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    ONLINE = "online", _("Online")
    EITHER = "either", _("Either")


class PreferredTime(models.TextChoices):
    MORNINGS = "mornings", _("Weekday mornings")
    AFTERNOONS = "afternoons", _("Weekday afternoons")
    WEEKENDS = "weekends", _("Weekends")


class TrainingNeedsSurveyPage(RoutablePageMixin, BasePage):
    """One year's survey: the proposed topics, its dates, and (once closed) its counts."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(
        _("open until"), help_text=_("The last day an organization may answer or change it.")
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most topics an organization may choose"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    other_needs_question = models.CharField(
        _("question about other needs"),
        max_length=250,
        default=_("What other trainings does your organization need?"),
    )
    training_plan = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("the year's training plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page with the trainings planned from this survey (e.g. the trainings)."),
    )
    publish_results = models.BooleanField(
        _("publish the results after closing"),
        default=False,
        help_text=_("The page then shows how many organizations chose each topic; never who."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("year"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")], heading=_("Dates")),
        MultiFieldPanel(
            [
                InlinePanel("topics", label=_("topic"), min_num=1),
                FieldPanel("max_choices"),
                FieldPanel("other_needs_question"),
            ],
            heading=_("Proposed training topics"),
        ),
        FieldPanel("training_plan"),
        FieldPanel("publish_results"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("intro"),
        TranslatableField("other_needs_question"),
        SynchronizedField("year"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
        SynchronizedField("max_choices"),
        SynchronizedField("publish_results"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    template = "ngo_surveys/training_needs_survey_page.html"

    class Meta:
        verbose_name = _("training-needs survey")
        verbose_name_plural = _("training-needs surveys")

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The survey closes before it opens.")})
        if self.year and self.locale_id:
            # One survey a year (in each language: translations share the year).
            others = TrainingNeedsSurveyPage.objects.filter(year=self.year, locale=self.locale_id)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                raise ValidationError({"year": _("There is a survey of this year already.")})

    @path("")
    def survey(self, request):
        from .views import survey_view

        return survey_view(self, request)

    @path("odpowiedz/")
    def answer(self, request):
        from .views import answer_view

        return answer_view(self, request)

    # What the views and the admin ask ------------------------------------------------------

    def source(self):
        """The Polish survey that holds the answers of every translation of this page."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return self
        return (
            TrainingNeedsSurveyPage.objects.filter(
                translation_key=self.translation_key,
                locale__language_code=settings.LANGUAGE_CODE,
            ).first()
            or self
        )

    def state(self, today=None):
        """ "upcoming", "open" or "closed", by the office's calendar."""
        today = today or timezone.localdate()
        if today < self.opens_on:
            return "upcoming"
        return "open" if today <= self.closes_on else "closed"

    def is_open(self):
        return self.state() == "open"

    def localized_topics(self):
        """This page's topics (its language) paired with the source topic an answer stores."""
        own = list(self.topics.select_related("area").all())
        source = self.source()
        if source.pk == self.pk:
            return [(topic, topic) for topic in own]
        by_key = {topic.translation_key: topic for topic in source.topics.all()}
        return [
            (topic, by_key[topic.translation_key])
            for topic in own
            if topic.translation_key in by_key
        ]

    def topic_counts(self):
        """Each topic of this survey with the number of organizations that chose it, most chosen
        first (topics nobody chose are listed too, with 0)."""
        return list(
            self.topics.annotate(chosen=models.Count("responses", distinct=True)).order_by(
                "-chosen", "sort_order", "pk"
            )
        )


class SurveyTopic(TranslatableMixin, Orderable):
    """A training topic the office proposes."""

    survey = ParentalKey(TrainingNeedsSurveyPage, related_name="topics", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("in short"), max_length=400, blank=True)
    area = models.ForeignKey(
        "pages.AreaOfPublicBenefit",
        verbose_name=_("area of public benefit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("area")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("survey topic")
        verbose_name_plural = _("survey topics")

    def __str__(self):
        return self.title

    def localized_area(self):
        return localized_term(self.area) if self.area_id else None


class SurveyResponse(models.Model):
    """One organization's answer to one year's survey (the Polish survey page holds it)."""

    survey = models.ForeignKey(
        TrainingNeedsSurveyPage,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    organization = models.ForeignKey(
        "pages.OrganizationPage",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="survey_responses",
    )
    topics = models.ManyToManyField(
        SurveyTopic, verbose_name=_("chosen topics"), related_name="responses"
    )
    preferred_format = models.CharField(
        _("preferred format"),
        max_length=10,
        choices=PreferredFormat.choices,
        default=PreferredFormat.EITHER,
    )
    preferred_time = models.CharField(
        _("preferred time"), max_length=12, choices=PreferredTime.choices
    )
    other_needs = models.TextField(_("other needs"), blank=True, max_length=2000)
    submitted_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    language = models.CharField(max_length=8, default="pl", editable=False)

    class Meta:
        ordering = ["organization__title", "pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organization"], name="one_survey_response_per_organization"
            )
        ]

    def __str__(self):
        return f"{self.organization} ({self.survey.year})"
