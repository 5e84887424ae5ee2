"""Taxonomies shared by every page family: areas of public benefit and districts.

Both are translatable snippets. A term keeps its ``slug`` in every language (it is synchronized),
so filters in URLs (``?area=pomoc-spoleczna``) mean the same term whichever language a resident
reads, and pages of every language can be filtered by the same value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from pages.localized import in_reader_language


class TaxonomyQuerySet(models.QuerySet):
    def for_locale(self, locale):
        return self.filter(locale=locale)

    def by_slug(self, locale):
        """{slug: term} in the given locale: labels for facet values."""
        return {term.slug: term for term in self.filter(locale=locale)}


class AreaOfPublicBenefit(TranslatableMixin, index.Indexed, models.Model):
    """A sphere of public tasks from art. 4 ust. 1 of the Act on public benefit activity and
    volunteering (ustawa o działalności pożytku publicznego i o wolontariacie)."""

    point = models.CharField(
        _("point of art. 4 ust. 1"), max_length=8, help_text=_("For example 1, 1a, 32a.")
    )
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=False)
    name = models.CharField(_("short name"), max_length=120)
    legal_wording = models.TextField(_("wording of the Act"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("legal_wording"),
        FieldPanel("point"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("legal_wording"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("legal_wording"),
        SynchronizedField("point"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area of public benefit")
        verbose_name_plural = _("areas of public benefit")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_area_slug_per_locale")
        ]

    def __str__(self):
        return self.name


class District(TranslatableMixin, index.Indexed, models.Model):
    """A district of the city (in Poznań: one of the 42 osiedla). Editable per city."""

    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TaxonomyQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_district_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name


def localized_terms(instance, relation):
    """The terms ``instance`` links through ``relation``, in the reader's language, in one query.

    Translations of a page share the terms of the Polish page (the relation is synchronized),
    so the labels are looked up by translation key in the active locale.
    """
    return in_reader_language(getattr(instance, relation).all(), Locale.get_active())


def localized_term(term):
    """One term in the reader's language (itself where it is not translated)."""
    if term is None:
        return None
    return (
        type(term)
        .objects.filter(translation_key=term.translation_key, locale=Locale.get_active())
        .first()
        or term
    )
