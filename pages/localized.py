"""Objects in the reader's language: the two lookups every listing and page uses."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page


def in_reader_language(objects, locale, queryset=None):
    """``objects`` (pages or translatable snippets of any language) as a reader of ``locale``
    sees them: each one's translation into that language where there is one, else itself.

    One query whatever the number of objects. ``queryset`` says which translations count
    (pages: pass ``Model.objects.live().public()`` so a draft translation never shows); by
    default every object of the first one's model. Translated pages share synchronized relations
    with the Polish page, so a relation read from any tree points at the Polish objects: this is
    how a listing shows them in the reader's language.
    """
    objects = list(objects)
    if not objects:
        return []
    if queryset is None:
        queryset = type(objects[0])._default_manager.all()
    translated = {
        obj.translation_key: obj
        for obj in queryset.filter(
            translation_key__in={obj.translation_key for obj in objects},
            locale_id=getattr(locale, "pk", locale),
        )
    }
    return [translated.get(obj.translation_key, obj) for obj in objects]


def in_language(queryset, locale, falls_back=None):
    """The rows of ``queryset`` (pages, or rows carrying a page's locale and translation key)
    a reader of ``locale`` sees: those of that language, and the Polish ones with no live
    translation into it yet, so an English reader misses nothing that is not translated yet.

    ``falls_back`` narrows which Polish rows may stand in (a Q; the calendar lets only some
    sources fall back). One query.
    """
    own = Q(locale_id=locale.pk)
    if locale.language_code == settings.LANGUAGE_CODE:
        return queryset.filter(own)
    translated = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=locale.pk, live=True
    )
    fallback = Q(locale__language_code=settings.LANGUAGE_CODE) & ~Exists(translated)
    if falls_back is not None:
        fallback &= falls_back
    return queryset.filter(own | fallback)
