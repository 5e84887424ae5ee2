"""What translators need in the admin, and what keeps the translated trees in step.

- Translators find the Polish pages in the explorer, read-only: Wagtail has no "view" page
  permission (every page permission lets a group change something), so the page permission
  policy lets whoever may submit translations explore the source-language tree. What they may
  do to a page is still decided by their page permissions (``PagePermissionTester``): edit and
  publish in the English and Ukrainian trees only.
- Publishing a Polish page that has translations carries its synchronized fields (identifiers,
  contact details, dates, taxonomy links) to every translation, with wagtail-localize's own
  update ("Sync translated pages") done on ``page_published``.
- Editor forms offer the taxonomy terms of the page's own language only.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.forms.widgets import ChoiceWidget
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"


def source_locale_pages():
    return Page.objects.filter(depth__gt=1, locale__language_code=settings.LANGUAGE_CODE)


def reads_source_tree(user):
    return (
        user.is_active
        and not user.is_anonymous
        and not user.is_superuser
        and user.has_perm(SUBMIT_TRANSLATION)
    )


class PortalPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the source-language tree explorable by translators."""

    def instances_with_direct_explore_permission(self, user):
        pages = list(super().instances_with_direct_explore_permission(user))
        if reads_source_tree(user):
            pages += list(source_locale_pages().filter(depth=2))
        return pages

    def explorable_instances(self, user):
        if not reads_source_tree(user):
            return super().explorable_instances(user)
        pages = source_locale_pages()
        if self.get_cached_permissions_for_user(user):
            pages = pages | super().explorable_instances(user)
        return pages | self.model._default_manager.filter(depth=1)


def register_page_permission_policy():
    """Called from ``PagesConfig.ready``, before anything asks the registry for a policy."""
    from wagtail.permissions import register_permission_policy

    register_permission_policy(Page, PortalPagePermissionPolicy(Page))


# Synchronized fields reach the translations when the source is published.

_publishing_user = contextvars.ContextVar("publishing_user", default=None)


@contextlib.contextmanager
def publishing_as(user):
    """Name the user who publishes when the revision's author is someone else (a workflow's
    approval publishes the submitter's revision): the translations' revisions are theirs."""
    token = _publishing_user.set(user)
    try:
        yield
    finally:
        _publishing_user.reset(token)


def sync_translations(sender, instance, revision=None, **kwargs):
    """``page_published``: bring every translation of a published source page up to date.

    Only a source-language page does anything, so the translations' own publishing (which
    sends the signal too) ends here. A translation that is live is published again (the
    source was reviewed and published already); a draft stays a draft; a live translation
    waiting in its own review gets the synchronized columns only.
    """
    from django.core.exceptions import ValidationError
    from wagtail_localize.models import TranslationSource

    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    source = TranslationSource.objects.get_for_instance_or_none(instance)
    if source is None:
        return
    translations = list(source.translations.filter(enabled=True).select_related("target_locale"))
    if not translations:
        return
    source.update_from_db()
    user = _publishing_user.get() or (revision.user if revision is not None else None)
    for translation in translations:
        try:
            target = source.get_translated_instance(translation.target_locale)
        except type(instance).DoesNotExist:
            continue
        if target.live and target.workflow_in_progress:
            # wagtail-localize writes its new version to the page row even when it does not
            # publish, and for a live page that row is what the public reads: the text waiting
            # in review would go public with the identifiers. Only the synchronized columns are
            # written; the review's approval brings them into its version (below).
            copy_synchronized_columns(instance, target)
            continue
        # A translation Wagtail refuses (e.g. a title left empty) keeps its last version; the
        # translator sees the refusal in the translation editor.
        with contextlib.suppress(ValidationError):
            translation.save_target(user=user, publish=target.live)


def copy_synchronized_columns(source, target):
    """Write the source's synchronized, non-translatable columns (identifiers, address,
    contacts) onto the target's row, and nothing else."""
    from wagtail.models import TranslatableMixin
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    values = {}
    for translatable in get_translatable_fields(type(source)):
        # Only fields declared synchronized: wagtail-localize also "synchronizes" a StreamField's
        # structure, whose text is translated.
        if not isinstance(translatable, SynchronizedField) or not translatable.is_synchronized(
            source
        ):
            continue
        field = translatable.get_field(type(source))
        related = getattr(field, "related_model", None)
        if not getattr(field, "concrete", False) or field.many_to_many:
            continue
        if related is not None and issubclass(related, TranslatableMixin):
            continue  # a translatable target has its own row per language
        values[field.attname] = getattr(source, field.attname)
    if values:
        type(target).objects.filter(pk=target.pk).update(**values)


def keep_translation_in_step(sender, instance, **kwargs):
    """``page_published`` of a translation: a version written before the source's last change
    (a translation approved after waiting in review) takes the source's synchronized columns."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    source = instance.get_translations().filter(
        locale__language_code=settings.LANGUAGE_CODE, live=True
    )
    source = source.specific().first()
    if source is not None and type(source) is type(instance.specific):
        copy_synchronized_columns(source, instance.specific)


def connect():
    from wagtail.signals import page_published

    page_published.connect(sync_translations, dispatch_uid="sync-translations")
    page_published.connect(keep_translation_in_step, dispatch_uid="translation-in-step")


# Editor forms: the terms of the page's own language.


def limit_terms_to_locale(form, locale):
    """Give each taxonomy field of ``form`` the terms of ``locale`` only.

    A taxonomy (areas, districts, event categories) has one row per language; the form listed
    all of them. Terms chosen in another language (a translation's terms are synchronized from
    the Polish page) are shown as their translations in ``locale``, so saving keeps them.
    """
    if locale is None:
        return
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None:
            continue
        model = queryset.model
        if not issubclass(model, TranslatableMixin) or issubclass(model, Page):
            continue
        # A chooser (Wagtail's snippet chooser) has a language filter of its own.
        if not isinstance(field.widget, ChoiceWidget):
            continue
        field.queryset = queryset.filter(locale=locale)
        chosen = form.initial.get(name)
        if chosen in (None, "", []):
            continue
        # A many-to-many field's initial value is a list or a queryset of terms.
        many = not isinstance(chosen, int | str | model)
        pks = [getattr(term, "pk", term) for term in (chosen if many else [chosen])]
        keys = list(model.objects.filter(pk__in=pks).values_list("translation_key", flat=True))
        local = list(
            model.objects.filter(locale=locale, translation_key__in=keys).values_list(
                "pk", flat=True
            )
        )
        form.initial[name] = local if many else (local[0] if local else None)


def page_locale(page):
    if page.locale_id:
        return page.locale
    return Locale.get_default()


# The translators' dashboard.


def untranslated_pages():
    """Live Polish pages missing a translation into at least one other language, newest first."""
    others = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
    pages = source_locale_pages().filter(depth__gt=2).live()
    for locale in others:
        translated = Page.objects.filter(
            translation_key=OuterRef("translation_key"), locale=locale, alias_of__isnull=True
        )
        pages = pages.annotate(**{f"has_{locale.pk}": Exists(translated)})
    missing = None
    for locale in others:
        condition = pages.filter(**{f"has_{locale.pk}": False})
        missing = condition if missing is None else missing | condition
    if missing is None:
        return pages.none()
    return missing.order_by("-last_published_at")


def untranslated_text():
    """Translated pages with source text not yet translated (after a sync brought it in)."""
    from wagtail_localize.models import StringSegment, StringTranslation

    translated = StringTranslation.objects.filter(
        translation_of=OuterRef("string"),
        context=OuterRef("context"),
        locale=OuterRef(OuterRef("locale")),
    )
    waiting = StringSegment.objects.filter(
        source__object_id=OuterRef("translation_key"),
        source__locale__language_code=settings.LANGUAGE_CODE,
        source__translations__target_locale=OuterRef("locale"),
        source__translations__enabled=True,
    ).exclude(Exists(translated))
    return (
        Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Exists(waiting))
        .select_related("locale")
    )
