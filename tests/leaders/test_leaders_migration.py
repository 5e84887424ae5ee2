"""A database made before the leaders had an app of their own keeps its directory after migrate.

The models moved from ``pages`` to ``ngo_leaders`` (pages 0024, ngo_leaders 0001) without
touching their tables: the page, the profiles, their areas and the permission that runs the
approval screen must all be there, under the new app, after migrating forward.
"""

import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from pages import roles
from pages.leaders.models import LeaderProfile, LeadersIndexPage
from tests.helpers import html, restore_site_tree

BEFORE = ("pages", "0023_imported_series_source")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader


@pytest.fixture
def before_the_move(transactional_db):
    restore_site_tree()
    loader = migrate([BEFORE])
    yield loader.project_state(BEFORE).apps
    # Forward again whatever happened, and leave the database as the data migrations made it.
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    call_command("flush", interactive=False, verbosity=0)
    restore_site_tree()


def old_leaders_page(old, home):
    """A published leaders page as pages 0019 made it: the tree's row plus the page's own."""
    ContentType = old.get_model("contenttypes", "ContentType")
    OldPage = old.get_model("wagtailcore", "Page")
    OldIndex = old.get_model("pages", "LeadersIndexPage")
    content_type, _ = ContentType.objects.get_or_create(app_label="pages", model="leadersindexpage")
    taken = OldPage.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    page = OldIndex.objects.create(
        title="Lokalni liderzy",
        draft_title="Lokalni liderzy",
        slug="liderzy",
        path=home.path + f"{taken + 1:04d}",
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "liderzy/",
        content_type=content_type,
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        intro="<p>Mieszkańcy, którzy pomagają.</p>",
    )
    OldPage.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return page


def test_the_directory_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old.get_model("wagtailcore", "Page").objects.get(depth=2, locale__language_code="pl")
    page = old_leaders_page(old, home)
    area = old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug="seniorzy", locale__language_code="pl"
    )
    profile = old.get_model("pages", "LeaderProfile").objects.create(
        full_name="Marek Pomocny",
        email="marek@example.org",
        can_help_with="Klub seniora.",
        state="approved",
        token="stary-token",
    )
    profile.areas.add(area)
    # The approval screen handed to someone outside the city editors, by its permission alone.
    Permission = old.get_model("auth", "Permission")
    change = Permission.objects.get(
        content_type__app_label="pages", codename="change_leaderprofile"
    )
    group = old.get_model("auth", "Group").objects.create(name="Liderzy: zatwierdzanie")
    group.permissions.add(change)

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = LeaderProfile.objects.get(pk=profile.pk)
    assert (moved.full_name, moved.token) == ("Marek Pomocny", "stary-token")
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    specific = Page.objects.get(pk=page.pk).specific
    assert isinstance(specific, LeadersIndexPage)
    assert specific.content_type.app_label == "ngo_leaders"
    assert "Mieszkańcy, którzy pomagają." in specific.intro

    response = client.get(specific.url)
    assert response.status_code == 200
    assert [h.text for h in html(response).select(".leader .card__title")] == ["Marek Pomocny"]

    user = User.objects.create_user("zatwierdza", "z@example.org", "x-pass-123456")
    user.groups.add(Group.objects.get(name="Liderzy: zatwierdzanie"))
    assert roles.can_run(User.objects.get(pk=user.pk), "leaders")
