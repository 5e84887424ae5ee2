"""A database made before the council had an app of their own keeps it after migrate.

The models moved from ``pages`` to ``ngo_council`` (pages 0031, ngo_council 0001) without
touching their tables: the council's page with its term, members, meetings and resolutions, a
permission handed out by model and the portal search's entry must all be there, under the new
app, after migrating forward; the Mayor's patronage stays in pages.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from pages import calendar_sources
from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before the council moved (the coordinator re-chains it at merge).
BEFORE = ("pages", "0035_trainings_moved_to_ngo_trainings")


def test_the_council_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    page = old_page(
        old,
        home,
        "CouncilPage",
        "Rada Pożytku",
        "rada-pozytku",
        intro="<p>Rada opiniuje program współpracy.</p>",
    )
    today = timezone.localdate()
    old.get_model("pages", "CouncilTerm").objects.create(
        page_id=page.pk,
        name="2025–2028",
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=900),
        sort_order=0,
    )
    old.get_model("pages", "CouncilMember").objects.create(
        page_id=page.pk,
        name="Anna Przykładowa",
        role="przewodnicząca",
        represents="Fundacja Rada",
        sort_order=0,
    )
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)
    old.get_model("pages", "CouncilMeeting").objects.create(
        page_id=page.pk, starts_at=starts, place="Sala sesyjna", agenda="Opinie.", sort_order=0
    )
    document = old.get_model("wagtaildocs", "Document").objects.create(
        title="Uchwała 1/2026", file="documents/uchwala-1-2026.txt"
    )
    old.get_model("pages", "CouncilResolution").objects.create(
        page_id=page.pk,
        number="1/2026",
        adopted_on=today - datetime.timedelta(days=10),
        title="Opinia o programie",
        document=document,
        sort_order=0,
    )
    # A permission handed out by model, to a group outside the city editors.
    change = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename="change_councilpage"
    )
    old.get_model("auth", "Group").objects.create(name="Rada: sekretariat").permissions.add(change)
    entry = SearchEntry.objects.create(
        page_id=page.pk, language="pl", content_type="pages.councilpage", title=page.title
    )
    entry.facets.create(facet="type", value="pages.councilpage")

    migrate_to_the_end()

    from pages.council.models import CouncilPage

    moved = Page.objects.get(pk=page.pk).specific
    assert isinstance(moved, CouncilPage)
    assert moved.content_type.app_label == "ngo_council"
    assert moved.current_term().name == "2025–2028"
    assert [r.document.title for r in moved.resolutions.all()] == ["Uchwała 1/2026"]

    response = client.get(moved.url)
    assert response.status_code == 200
    doc = html(response)
    rows = [" ".join(tr.get_text(" ").split()) for tr in doc.select("#members-heading ~ table tr")]
    assert rows[1:] == ["Anna Przykładowa przewodnicząca Fundacja Rada"]
    assert "Opinia o programie" in doc.select_one("#resolutions-heading").parent.get_text()
    assert "Sala sesyjna" in doc.select_one("#meetings-heading").parent.get_text()
    # The calendar's source reads the moved meetings.
    rows = calendar_sources.get("council").rows(moved)
    assert [(row.start, row.venue_name) for row, _areas in rows] == [(starts, "Sala sesyjna")]

    group = Group.objects.get(name="Rada: sekretariat")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("ngo_council", "change_councilpage")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_councilpage"
    ).exists()
    entry = SearchEntry.objects.get(page_id=page.pk)
    assert entry.content_type == "ngo_council.councilpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_council.councilpage"
    ]
    # The Mayor's patronage did not move.
    assert ContentType.objects.filter(app_label="pages", model="patronagerequest").exists()
