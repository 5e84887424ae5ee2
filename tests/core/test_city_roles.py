"""Each admin section the city runs, as each role: the city editor (not a superuser) runs it,
an NGO editor, a moderator and a translator are refused it and see none of its content."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Site

from pages import roles
from pages.calendar.models import EventCategory, OrganizationCalendarFeed
from pages.centre.models import Advisor, Closure, OpeningHours, Resource
from pages.grants.models import AwardedGrant
from pages.models import NavigationItem, NavigationSettings
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
from tests.helpers import form_values

pytestmark = pytest.mark.django_db


# The snippets of feature apps, by their app's label (the rest are core's).
SNIPPET_APPS = {"eventcategory": "ngo_calendar", "organizationcalendarfeed": "ngo_calendar"}


def snippet(model, view="list", *args):
    app_label = SNIPPET_APPS.get(model, "pages")
    return reverse(f"wagtailsnippets_{app_label}_{model}:{view}", args=args)


@pytest.fixture
def content(homes):
    """One row of each section, each with a text only someone who may read it would see."""
    directory = OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje")
    organization = OrganizationPageFactory(parent=directory, title="Stowarzyszenie Alfa")
    organization.refresh_from_db()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "sekret-witryny.example.org"
    site.save()
    settings = NavigationSettings.for_site(site)
    settings.save()
    NavigationItem.objects.create(
        settings=settings, url="https://example.org/menu", label_pl="Menu-sekret"
    )
    return {
        "organization": organization,
        "site": site,
        "navigation": settings,
        "category": EventCategory.objects.first(),
        "grant": AwardedGrant.objects.create(
            organization_name="Grant-sekret",
            task_title="Zadanie",
            amount=Decimal("1000.00"),
            year=2026,
            mode=AwardedGrant._meta.get_field("mode").choices[0][0],
        ),
        "resource": Resource.objects.create(name="Sala-sekret"),
        "hours": OpeningHours.objects.create(
            weekday=0, opens=datetime.time(9), closes=datetime.time(17)
        ),
        "closure": Closure.objects.create(
            starts_on=datetime.date(2026, 12, 24),
            ends_on=datetime.date(2026, 12, 26),
            reason="Zamkniecie-sekret",
        ),
        "advisor": Advisor.objects.create(name="Doradca-sekret", topic=Advisor.Topic.choices[0][0]),
        "feed": OrganizationCalendarFeed.objects.create(
            organization=organization, url="https://example.org/cal.ics?token=feed-sekret"
        ),
        "promotion": SearchPromotion.objects.create(
            query=SearchPromotion._meta.get_field("query").related_model.get("sekcja"),
            external_link_url="https://example.org/promo",
            external_link_text="Promo-sekret",
        ),
    }


# (section, the URL it is reached at, the text of its content that a refused user must not see)
SECTIONS = [
    ("event categories", lambda c: snippet("eventcategory"), lambda c: c["category"].name),
    ("add event category", lambda c: snippet("eventcategory", "add"), None),
    ("grants register", lambda c: snippet("awardedgrant"), lambda c: "Grant-sekret"),
    ("add grant", lambda c: snippet("awardedgrant", "add"), None),
    (
        "edit grant",
        lambda c: snippet("awardedgrant", "edit", c["grant"].pk),
        lambda c: "Grant-sekret",
    ),
    ("centre rooms", lambda c: snippet("resource"), lambda c: "Sala-sekret"),
    ("add room", lambda c: snippet("resource", "add"), None),
    ("opening hours", lambda c: snippet("openinghours"), None),
    ("edit opening hours", lambda c: snippet("openinghours", "edit", c["hours"].pk), None),
    ("closures", lambda c: snippet("closure"), lambda c: "Zamkniecie-sekret"),
    ("add closure", lambda c: snippet("closure", "add"), None),
    ("advisors", lambda c: snippet("advisor"), lambda c: "Doradca-sekret"),
    ("add advisor", lambda c: snippet("advisor", "add"), None),
    ("calendar feeds", lambda c: snippet("organizationcalendarfeed"), lambda c: "feed-sekret"),
    ("add calendar feed", lambda c: snippet("organizationcalendarfeed", "add"), None),
    (
        "edit calendar feed",
        lambda c: snippet("organizationcalendarfeed", "edit", c["feed"].pk),
        lambda c: "feed-sekret",
    ),
    (
        "main menu",
        lambda c: reverse(
            "wagtailsettings:edit", args=["pages", "navigationsettings", c["site"].pk]
        ),
        lambda c: "Menu-sekret",
    ),
    ("promoted search results", lambda c: reverse("wagtailsearchpromotions:index"), None),
    ("add promoted result", lambda c: reverse("wagtailsearchpromotions:add"), None),
    (
        "edit promoted result",
        lambda c: reverse("wagtailsearchpromotions:edit", args=[c["promotion"].query_id]),
        lambda c: "Promo-sekret",
    ),
    ("sites", lambda c: reverse("wagtailsites:index"), lambda c: "sekret-witryny.example.org"),
    (
        "edit site",
        lambda c: reverse("wagtailsites:edit", args=[c["site"].pk]),
        lambda c: "sekret-witryny.example.org",
    ),
]
SECTION_IDS = [name for name, _url, _secret in SECTIONS]


def user_in(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "pass")
    user.groups.add(group)
    return user


def make_user(role, content):
    if role == "ngo editor":
        return user_in(content["organization"].editor_group, "alfa")
    group = {
        "city editor": roles.CITY_EDITORS,
        "moderator": roles.CITY_MODERATORS,
        "translator": roles.TRANSLATORS,
        "advisor": roles.ADVISORS,
    }[role]
    return user_in(Group.objects.get(name=group), role.replace(" ", "-"))


@pytest.mark.parametrize(("name", "url", "secret"), SECTIONS, ids=SECTION_IDS)
def test_a_city_editor_runs_the_citys_section(client, content, name, url, secret):
    user = make_user("city editor", content)
    assert not user.is_superuser
    client.force_login(user)
    response = client.get(url(content))
    assert response.status_code == 200, name
    if secret:
        assert secret(content) in response.content.decode()


# Moderators review what NGOs submit, translators translate pages, advisors see their own
# appointments: none of them runs the city's registers or settings (pages/roles.py).
@pytest.mark.parametrize("role", ["ngo editor", "moderator", "translator", "advisor"])
@pytest.mark.parametrize(("name", "url", "secret"), SECTIONS, ids=SECTION_IDS)
def test_other_roles_are_refused_the_citys_section(client, content, role, name, url, secret):
    client.force_login(make_user(role, content))
    address = url(content)
    response = client.get(address)
    assert response.status_code in (302, 403), name
    if response.status_code == 302:
        assert response.url != address
    followed = client.get(address, follow=True)
    assert followed.redirect_chain or followed.status_code == 403
    if secret:
        assert secret(content) not in followed.content.decode()


def test_the_admin_menu_shows_a_city_editor_the_citys_sections(client, content):
    client.force_login(make_user("city editor", content))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for address in (
        snippet("awardedgrant"),
        snippet("organizationcalendarfeed"),
        snippet("eventcategory"),
        snippet("closure"),
        reverse("wagtailsearchpromotions:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailsettings:edit", args=["pages", "navigationsettings"]),
    ):
        assert address in page, address


def test_the_admin_menu_hides_the_citys_sections_from_an_ngo_editor(client, content):
    client.force_login(make_user("ngo editor", content))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for address in (
        snippet("awardedgrant"),
        snippet("organizationcalendarfeed"),
        snippet("closure"),
        reverse("wagtailsearchpromotions:index"),
        reverse("wagtailsites:index"),
        reverse("wagtailsettings:edit", args=["pages", "navigationsettings"]),
    ):
        assert address not in page, address


def test_a_city_editor_adds_a_closure_day(client, content):
    client.force_login(make_user("city editor", content))
    response = client.post(
        snippet("closure", "add"),
        {"starts_on": "2027-01-06", "ends_on": "2027-01-06", "reason": "Trzech Króli"},
    )
    assert response.status_code == 302
    assert Closure.objects.filter(starts_on=datetime.date(2027, 1, 6), reason="Trzech Króli")


def test_a_city_editor_edits_the_main_menu(client, content):
    client.force_login(make_user("city editor", content))
    address = reverse(
        "wagtailsettings:edit", args=["pages", "navigationsettings", content["site"].pk]
    )
    data = form_values(client.get(address), "w-editor-form")
    data["items-0-label_pl"] = ["Nowa etykieta"]
    response = client.post(address, data)
    assert response.status_code == 302
    assert NavigationItem.objects.get(settings=content["navigation"]).label_pl == "Nowa etykieta"


def test_a_city_editor_adds_a_promoted_search_result(client, content):
    client.force_login(make_user("city editor", content))
    response = client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "wolontariat",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": "",
            "editors_picks-0-external_link_url": "https://example.org/wolontariat",
            "editors_picks-0-external_link_text": "Oferty wolontariatu",
            "editors_picks-0-description": "",
            "editors_picks-0-ORDER": "0",
            "editors_picks-0-DELETE": "",
        },
    )
    assert response.status_code == 302
    assert SearchPromotion.objects.filter(
        query__query_string="wolontariat", external_link_text="Oferty wolontariatu"
    ).exists()


def test_an_ngo_editor_cannot_add_a_closure_or_a_promoted_result(client, content):
    client.force_login(make_user("ngo editor", content))
    client.post(
        snippet("closure", "add"),
        {"starts_on": "2027-01-06", "ends_on": "2027-01-06", "reason": "Obce"},
    )
    client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "obce",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-0-external_link_url": "https://example.org/obce",
            "editors_picks-0-external_link_text": "Obce",
            "editors_picks-0-ORDER": "0",
        },
    )
    assert not Closure.objects.filter(reason="Obce").exists()
    assert not SearchPromotion.objects.filter(external_link_text="Obce").exists()


def test_roles_are_kept_after_migrate_without_undoing_an_administrators_choice(content):
    editors = Group.objects.get(name=roles.CITY_EDITORS)
    extra = roles.permission("wagtailcore", "add_site")
    editors.permissions.add(extra)
    editors.permissions.remove(roles.permission("ngo_centre", "add_closure"))
    roles.ensure_roles()
    assert editors.permissions.filter(codename="add_closure").exists()
    assert editors.permissions.filter(pk=extra.pk).exists()


# The city's own screens: (section, its address).
CITY_SCREENS = [
    ("claims", lambda: reverse("ngo_access_claims")),
    ("patronage", lambda: reverse("patronage_requests")),
    ("bookings", lambda: reverse("centre_bookings")),
    ("leaders", lambda: reverse("leaders_admin")),
    ("newsletter", lambda: reverse("newsletter_issues")),
    ("consultations", lambda: reverse("consultation_admin_index")),
    ("advice", lambda: reverse("advice_day")),
    ("surveys", lambda: reverse("survey_results_index")),
]


@pytest.mark.parametrize("role", ["city editor", "moderator", "translator", "ngo editor"])
@pytest.mark.parametrize(("section", "url"), CITY_SCREENS, ids=[s for s, _u in CITY_SCREENS])
def test_the_menu_shows_a_city_screen_exactly_to_those_it_lets_in(
    client, content, role, section, url
):
    client.force_login(make_user(role, content))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    opened = client.get(url()).status_code == 200
    assert (f'"{url()}"' in menu) == opened
    # The city editors run every one; moderators only the consultation comments.
    expected = role == "city editor" or (role == "moderator" and section == "consultations")
    assert opened == expected


@pytest.mark.parametrize(("section", "url"), CITY_SCREENS, ids=[s for s, _u in CITY_SCREENS])
def test_a_city_screen_is_handed_to_someone_by_its_permission_not_a_group(
    client, content, section, url
):
    """An administrator gives a centre employee the bookings (say) without making them a
    city editor: the menu shows it and the screen opens, and nothing else of the city's."""
    employee = User.objects.create_user("pracownik", "pracownik@example.org", "pass")
    employee.user_permissions.add(
        roles.permission("wagtailadmin", "access_admin"),
        roles.permission(*roles.SECTION_PERMISSIONS[section]),
    )
    client.force_login(employee)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'"{url()}"' in menu
    assert client.get(url()).status_code == 200
    for other, other_url in CITY_SCREENS:
        if other != section:
            assert client.get(other_url()).status_code in (302, 403), other
