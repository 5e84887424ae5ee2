"""A database made before the grants had an app of their own keeps them after migrate.

The grants' models moved from ``pages`` to ``ngo_grants`` (pages 0030, ngo_grants 0001) without
touching their tables; ngo_cooperation 0002 moved the priority tasks' link to grant calls. The
calls, their results, the register, a permission handed out by model, the portal search's entry
and a priority task's calls must all be there, under the new app, after migrating forward.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import (
    area,
    hand_out,
    link,
    migrate_to_the_end,
    old_home,
    old_page,
    old_search_entry,
)

# The last pages migration before the grants moved (the coordinator renumbers it at merge).
# ngo_grants 0001 runs before pages drops the models (it does not depend on that migration):
# undone by name, with the cooperation's link that follows it; the historical models are read
# with the cooperation's 0001 applied.
BEFORE = [("pages", "0029_grant_call_offers_received"), ("ngo_grants", None)]
BEFORE_STATE = [("pages", "0029_grant_call_offers_received"), ("ngo_cooperation", "0001_initial")]


def test_the_grants_made_before_the_move_are_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
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
    programme = old_page(
        old,
        old.get_model("wagtailcore", "Page").objects.get(pk=home.pk),
        "CooperationProgrammePage",
        "Program współpracy 2026",
        "program-wspolpracy",
        app="ngo_cooperation",
        year=2026,
        resolution_number="I/1/2026",
        resolution_date="2025-11-20",
        planned_amount="100000.00",
    )
    task = old.get_model("ngo_cooperation", "PriorityTask").objects.create(
        page_id=programme.pk, title="Aktywni seniorzy", sort_order=0
    )
    link(task, "grant_calls", call)
    return task
