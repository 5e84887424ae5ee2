"""A database made before the grants had an app of their own keeps them after migrate.

The grants' models moved from ``pages`` to ``ngo_grants`` (pages 0030, ngo_grants 0001) without
touching their tables; ngo_cooperation 0002 moved the priority tasks' link to grant calls. The
calls, their results, the register, a permission handed out by model, the portal search's entry
and a priority task's calls must all be there, under the new app, after migrating forward.
"""

import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Page

from search.models import SearchEntry
from tests.core.test_family_migrations import area, hand_out, link, old_page, old_search_entry
from tests.helpers import html, restore_site_tree

# The last pages migration before the grants moved (the coordinator renumbers it at merge).
BEFORE = "0029_grant_call_offers_received"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader


def migrate_to_the_end():
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def before_the_move(transactional_db):
    restore_site_tree()
    # ngo_grants 0001 runs before pages drops the models (it does not depend on that
    # migration): undone by name, with the cooperation's link that follows it.
    loader = migrate([("pages", BEFORE), ("ngo_grants", None)])
    yield loader.project_state([("pages", BEFORE), ("ngo_cooperation", "0001_initial")]).apps
    # Forward again whatever happened, and leave the database as the data migrations made it.
    migrate_to_the_end()
    call_command("flush", interactive=False, verbosity=0)
    restore_site_tree()


def test_the_grants_made_before_the_move_are_there_after_it(client, before_the_move):
    old = before_the_move
    home = old.get_model("wagtailcore", "Page").objects.get(depth=2, locale__language_code="pl")
    calls = old_page(old, home, "GrantCallIndexPage", "Konkursy", "konkursy")
    call = old_page(
        old,
        calls,
        "GrantCallPage",
        "Seniorzy w ruchu",
        "seniorzy-w-ruchu",
        mode="competition",
        lead="Zajęcia ruchowe dla seniorów.",
        opens_at="2026-01-10T08:00:00+01:00",
        closes_at="2026-02-10T16:00:00+01:00",
        status_override="results",
        offers_received=7,
    )
    link(call, "areas", area(old, "seniorzy"))
    register = old_page(old, home, "GrantsRegisterPage", "Rejestr dotacji", "rejestr-dotacji")
    grant = old.get_model("pages", "AwardedGrant").objects.create(
        call_id=call.pk,
        organization_name="Fundacja Ruch",
        task_title="Gimnastyka dla seniorów",
        amount="12000.50",
        year=2026,
        area=area(old, "seniorzy"),
        mode="competition",
    )
    hand_out(old, "change_awardedgrant", "Dotacje: rejestr")
    old_search_entry(call, "pages.grantcallpage")
    task = priority_task_naming(old, home, call)

    migrate_to_the_end()

    from pages.cooperation.models import PriorityTask
    from pages.grants.models import AwardedGrant, GrantCallPage

    moved = GrantCallPage.objects.get(pk=call.pk)
    assert (moved.offers_received, [a.slug for a in moved.areas.all()]) == (7, ["seniorzy"])
    for page in (calls, call, register):
        assert Page.objects.get(pk=page.pk).specific.content_type.app_label == "ngo_grants"
    assert AwardedGrant.objects.get(pk=grant.pk).call == moved

    # The call shows its results, the listing the call, the register the grant.
    results = html(client.get(moved.url)).select_one("table.grants tbody tr").text
    assert "Gimnastyka dla seniorów" in results
    listing = html(client.get(Page.objects.get(pk=calls.pk).specific.url))
    assert [a.get_text(strip=True) for a in listing.select(".card__title a")] == [
        "Seniorzy w ruchu"
    ]
    assert "Fundacja Ruch" in client.get(Page.objects.get(pk=register.pk).url).content.decode()

    # The cooperation programme's task still names the call.
    assert list(PriorityTask.objects.get(pk=task.pk).grant_calls.all()) == [moved]

    # Handed out by model, the permission still gives its right under the new label.
    group = Group.objects.get(name="Dotacje: rejestr")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("ngo_grants", "change_awardedgrant")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_awardedgrant"
    ).exists()
    # The search names the call's type by the new label.
    entry = SearchEntry.objects.get(page_id=call.pk)
    assert entry.content_type == "ngo_grants.grantcallpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_grants.grantcallpage"
    ]


def priority_task_naming(old, home, call):
    """A programme of cooperation (ngo_cooperation 0001) whose priority task names ``call``."""
    ContentType = old.get_model("contenttypes", "ContentType")
    OldPage = old.get_model("wagtailcore", "Page")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="ngo_cooperation", model="cooperationprogrammepage"
    )
    home = OldPage.objects.get(pk=home.pk)
    taken = OldPage.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    programme = old.get_model("ngo_cooperation", "CooperationProgrammePage").objects.create(
        title="Program współpracy 2026",
        draft_title="Program współpracy 2026",
        slug="program-wspolpracy",
        path=home.path + f"{taken + 1:04d}",
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "program-wspolpracy/",
        content_type=content_type,
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        year=2026,
        resolution_number="I/1/2026",
        resolution_date="2025-11-20",
        planned_amount="100000.00",
    )
    OldPage.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    task = old.get_model("ngo_cooperation", "PriorityTask").objects.create(
        page_id=programme.pk, title="Aktywni seniorzy", sort_order=0
    )
    link(task, "grant_calls", call)
    return task
