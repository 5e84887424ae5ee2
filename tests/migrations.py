"""What the tests of a family's move out of ``pages`` share (issue 21).

Each such test (``tests/<family>/test_<family>_migration.py``) takes the test database back to
the last migration before the move, makes rows with the historical models as the old pages
migrations made them, migrates to the end and checks that everything is there under the new app.
The `before_the_move` fixture (tests/conftest.py) does the going back and the coming forward;
the module names where to go back to:

    BEFORE = ("pages", "0031_consultations_moved_to_ngo_consultations")

    def test_x(client, before_the_move):
        old = before_the_move  # the historical apps at BEFORE
        home = old_home(old)
        page = old_page(old, home, "CentrePage", "Centrum NGO", "centrum")
        ...
        migrate_to_the_end()

``BEFORE`` is one migration or a list of migration targets (``(app, None)`` unapplies an app);
``BEFORE_STATE``, when present, is the state the historical models are read from, when it is not
the targets themselves (the grants: their app is unapplied, the cooperation's 0001 is not).
"""

import uuid

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.models import SearchEntry

from .helpers import restore_site_tree


def migrate(targets):
    """Migrate the test database to ``targets``; the loader of the graph afterwards."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader


def migrate_to_the_end():
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def migrated_back(before, state=None):
    """A generator for a fixture: yields the historical apps at ``state`` (``before`` unless
    given) after migrating back to ``before``; then forward again whatever happened, and the
    database left as the data migrations made it."""
    targets = [before] if isinstance(before, tuple) else list(before)
    restore_site_tree()
    loader = migrate(targets)
    try:
        yield loader.project_state(targets if state is None else state).apps
    finally:
        migrate_to_the_end()
        call_command("flush", interactive=False, verbosity=0)
        restore_site_tree()


def old_home(old, language="pl"):
    """The home page of ``language`` as the historical models see it."""
    return old.get_model("wagtailcore", "Page").objects.get(depth=2, locale__language_code=language)


def old_page(old, parent, model, title, slug, app="pages", **fields):
    """A published page as the old pages migrations made it: the tree's row plus its own
    (``app``'s ``model``: another app's page made before the move, e.g. the cooperation's)."""
    ContentType = old.get_model("contenttypes", "ContentType")
    OldPage = old.get_model("wagtailcore", "Page")
    content_type, _ = ContentType.objects.get_or_create(app_label=app, model=model.lower())
    taken = OldPage.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    fields.setdefault("first_published_at", "2026-11-02T10:00:00+01:00")
    page = old.get_model(app, model).objects.create(
        title=title,
        draft_title=title,
        slug=slug,
        path=parent.path + f"{taken + 1:04d}",
        depth=parent.depth + 1,
        numchild=0,
        url_path=parent.url_path + f"{slug}/",
        content_type=content_type,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        **fields,
    )
    OldPage.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return page


def old_search_entry(page, label):
    """The portal search's entry of ``page``, indexed under its old label (its table did not
    change: today's model writes it as it was)."""
    entry = SearchEntry.objects.create(
        page_id=page.pk, language="pl", content_type=label, title=page.title
    )
    entry.facets.create(facet="type", value=label)


def tag(old, page, through, name):
    taggit = old.get_model("taggit", "Tag").objects.get_or_create(name=name, slug=name)[0]
    old.get_model("pages", through).objects.create(content_object_id=page.pk, tag=taggit)


def link(page, relation, target):
    """A row of a many-to-many relation (the historical models defer a ParentalManyToManyField's
    ``add`` to a save they do not have)."""
    through = getattr(type(page), relation).through
    through.objects.create(
        **{
            f"{type(page)._meta.model_name}_id": page.pk,
            f"{type(target)._meta.model_name}_id": target.pk,
        }
    )


def area(old, slug):
    return old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug=slug, locale__language_code="pl"
    )


def hand_out(old, codename, group_name):
    """A permission on one of the family's models, given to a group outside the city editors."""
    permission = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename=codename
    )
    group = old.get_model("auth", "Group").objects.create(name=group_name)
    group.permissions.add(permission)
