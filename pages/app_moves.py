"""Moving a page family from ``pages`` into a feature app of its own without touching its rows.

A feature app's first migration takes the family's tables over as they are (``db_table`` keeps
their names, its ``CreateModel``s only change Django's record) and runs ``adopt_models``: pages,
revisions, permissions, translation sources and reference-index entries name a model by its
content type's id, so renaming the content type rows moves all of them; the portal search
names a page's type by its label (``pages.storypage``), so its entries are renamed too.

Migrations import this module: it must never import a feature app, and what it does to a
database must not change once a migration has used it.
"""

from django.db import migrations


def _rename(apps, schema_editor, models, source, target):
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(alias)
    for model in models:
        old = content_types.filter(app_label=source, model=model)
        if old.exists():
            # One made under the new label before this ran holds nothing yet: the old one wins.
            content_types.filter(app_label=target, model=model).delete()
            old.update(app_label=target)
    _rename_search_entries(apps, alias, models, source, target)
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def _rename_search_entries(apps, alias, models, source, target):
    try:
        SearchEntry = apps.get_model("portal_search", "SearchEntry")
        SearchEntryFacet = apps.get_model("portal_search", "SearchEntryFacet")
    except LookupError:
        return  # a host without the portal search, or a database that has no index yet
    for model in models:
        old, new = f"{source}.{model}", f"{target}.{model}"
        SearchEntry.objects.using(alias).filter(content_type=old).update(content_type=new)
        SearchEntryFacet.objects.using(alias).filter(facet="type", value=old).update(value=new)


def adopt_models(target, models, source="pages"):
    """The ``RunPython`` that gives ``models`` (lowercase names) from ``source`` to ``target``,
    and back when the migration is reversed."""

    def adopt(apps, schema_editor):
        _rename(apps, schema_editor, models, source, target)

    def give_back(apps, schema_editor):
        _rename(apps, schema_editor, models, target, source)

    return migrations.RunPython(adopt, give_back)
