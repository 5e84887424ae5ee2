"""A database made before the leaders had an app of their own keeps its directory after migrate.

The models moved from ``pages`` to ``ngo_leaders`` (pages 0024, ngo_leaders 0001) without
touching their tables: the page, the profiles, their areas and the permission that runs the
approval screen must all be there, under the new app, after migrating forward.
"""

from django.contrib.auth.models import Group, User
from wagtail.models import Page

from pages import roles
from pages.leaders.models import LeaderProfile, LeadersIndexPage
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

BEFORE = ("pages", "0023_imported_series_source")


def test_the_directory_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    page = old_page(
        old,
        home,
        "LeadersIndexPage",
        "Lokalni liderzy",
        "liderzy",
        intro="<p>Mieszkańcy, którzy pomagają.</p>",
    )
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

    migrate_to_the_end()

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
