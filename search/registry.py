"""How each page family is indexed, and how facet values get their labels.

A page family says what the search sees of its pages in one of three ways, the first that
applies wins:

1. an adapter registered for the model (or a parent class): ``registry.register(Model, adapter)``,
   where ``adapter(page) -> dict``;
2. a ``search_document(self) -> dict`` method on the page model;
3. the default adapter: title, search description and the text of the page's ``search_fields``
   (StreamFields through their ``get_searchable_content``), the first publication date, and the
   facets ``area``, ``district`` and ``tag`` when the page has ``areas``, ``districts`` or
   ``tags`` relations.

The dict of 1. and 2. only needs the keys it changes; the default document fills the others:

    {"title": str, "text": [str, ...], "date": datetime.date | None,
     "facets": {"area": [slug, ...], "district": [slug, ...], "tag": [slug, ...]},
     "location": (latitude, longitude) | None}

Every page is also indexed with its family's name in the page's language (the model's verbose
names and ``FAMILY_TERMS``), so "wolontariat" finds volunteer offers and "szkolenie" trainings.
The database backend weighs a family word as body text, Elasticsearch in a field with a low
boost: a page with the query in its title still comes first.

``facets`` of a family's dict are merged into the default ones (a family may add a facet of its
own, e.g. ``{"facets": {"mode": ["online"]}}``, and register its labels with ``register_facet``).
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.search import index

_adapters = {}
_facets = {}


@dataclass
class SearchDocument:
    """What both backends index of one page."""

    page_id: int
    language: str
    content_type: str
    title: str
    text: str
    date: datetime.date | None = None
    facets: dict = field(default_factory=dict)
    location: tuple | None = None
    family: str = ""  # the name of the page's family in its language: "oferta wolontariatu"


# Words residents use for a family besides its model's names (model label -> words).
FAMILY_TERMS = {
    "ngo_volunteering.volunteerofferpage": [
        pgettext_lazy("search keywords", "volunteering"),
        pgettext_lazy("search keywords", "volunteer"),
    ],
    "pages.organizationpage": [
        pgettext_lazy("search keywords", "non-governmental organization"),
    ],
}


def register_family_terms(model_label, terms):
    """Words that find a feature app's pages besides their verbose names (from its
    ``AppConfig.ready()``): ``register_family_terms("app_label.model", [pgettext_lazy(...)])``."""
    FAMILY_TERMS[model_label.lower()] = list(terms)


def family_text(page):
    """The family's names in the page's language: verbose names and ``FAMILY_TERMS``."""
    meta = page._meta
    with translation.override(page.locale.language_code):
        names = [str(meta.verbose_name), str(meta.verbose_name_plural)]
        names += [str(term) for term in FAMILY_TERMS.get(meta.label_lower, [])]
    return " ".join(dict.fromkeys(names))


@dataclass
class Facet:
    name: str
    label: str
    resolve_labels: object  # callable(values, language) -> {value: label}


def register(model, adapter):
    """Index pages of ``model`` (and its subclasses) with ``adapter(page) -> dict``."""
    _adapters[model] = adapter


def unregister(model):
    _adapters.pop(model, None)


def register_facet(name, label, resolve_labels=None):
    """A facet the search page shows; ``resolve_labels(values, language)`` names its values."""
    _facets[name] = Facet(name, label, resolve_labels or (lambda values, language: {}))


def facets():
    return dict(_facets)


def get_adapter(page):
    for klass in type(page).__mro__:
        if klass in _adapters:
            return _adapters[klass]
    if callable(getattr(page, "search_document", None)):
        return type(page).search_document
    return None


def build_document(page):
    """The ``SearchDocument`` of a specific page."""
    data = default_document(page)
    adapter = get_adapter(page)
    if adapter is not None:
        extra = adapter(page) or {}
        extra_facets = extra.pop("facets", {})
        data.update(extra)
        data["facets"] = {**data["facets"], **extra_facets}
    text = data["text"]
    if not isinstance(text, str):
        text = "\n".join(part for part in text if part)
    return SearchDocument(
        page_id=page.pk,
        language=page.locale.language_code,
        content_type=page._meta.label_lower,
        title=data["title"],
        text=text,
        date=data.get("date"),
        facets={
            name: sorted({str(v) for v in values if v}) for name, values in data["facets"].items()
        },
        location=data.get("location"),
        family=family_text(page),
    )


def searchable_text(page):
    """Text of the page's ``search_fields``, StreamFields and rich text reduced to plain text."""
    parts = []
    for search_field in page.get_search_fields():
        if not isinstance(search_field, index.SearchField):
            continue
        if search_field.field_name in ("title", "search_description"):
            continue
        # StreamFields and rich text come back as their searchable content (a list of strings).
        value = search_field.get_value(page)
        if not value:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        parts.extend(strip_tags(str(v)) for v in values if v)
    return [part.strip() for part in parts if part and part.strip()]


def _related_slugs(page, name):
    manager = getattr(page, name, None)
    if manager is None or not hasattr(manager, "all"):
        return []
    # .all() so that a prefetch_related of the rebuild is used.
    return [getattr(obj, "slug", None) or str(obj) for obj in manager.all()]


def default_document(page):
    published = page.first_published_at or page.last_published_at
    return {
        "title": page.title,
        "text": [page.search_description, *searchable_text(page)],
        "date": published.date() if published else None,
        "facets": {
            "type": [page._meta.label_lower],
            "area": _related_slugs(page, "areas"),
            "district": _related_slugs(page, "districts"),
            "tag": _related_slugs(page, "tags"),
        },
        "location": None,
    }


def prefetch_for(model):
    """The relations the default adapter reads, for a bulk ``prefetch_related``."""
    names = []
    for name in ("areas", "districts", "tags"):
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            if not hasattr(model, name):
                continue
        names.append(name)
    return names


# Labels of the facet values in the current language.


def _type_labels(values, language):
    labels = {}
    for value in values:
        try:
            with translation.override(language):
                labels[value] = str(apps.get_model(value)._meta.verbose_name)
        except (LookupError, ValueError):
            labels[value] = fallback_label(value)
    return labels


def snippet_labels(model_label):
    """Labels from a translatable taxonomy snippet with ``slug`` and ``name``: the name in
    ``language``, else the name in any language (a term not translated yet)."""

    def resolve(values, language):
        try:
            model = apps.get_model(model_label)
        except LookupError:
            return {}
        rows = model.objects.filter(slug__in=values)
        if not hasattr(model, "locale"):
            return dict(rows.values_list("slug", "name"))
        labels = {}
        for slug, name, row_language in rows.values_list("slug", "name", "locale__language_code"):
            if row_language == language or slug not in labels:
                labels[slug] = name
        return labels

    return resolve


def choices_labels(choices):
    """Labels of a facet whose values are a model field's choices (``TextChoices``)."""

    def resolve(values, language):
        with translation.override(language):
            return {value: str(label) for value, label in choices.choices if value in values}

    return resolve


def fallback_label(value):
    """A value no resolver names, never shown raw: "on_site" -> "On site"."""
    return value.replace("_", " ").replace("-", " ").strip().capitalize() or value


def _tag_labels(values, language):
    from taggit.models import Tag

    return dict(Tag.objects.filter(slug__in=values).values_list("slug", "name"))


register_facet("type", _("Content type"), _type_labels)
register_facet("area", _("Area of public benefit"), snippet_labels("pages.AreaOfPublicBenefit"))
register_facet("district", _("District"), snippet_labels("pages.District"))
register_facet("tag", _("Tag"), _tag_labels)
