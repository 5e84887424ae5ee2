"""City-wide events with NGO stands: an organization's editor registers a stand (one per
organization, within the fair's places, before the deadline), withdraws it; the office decides
in the admin; the fair's page lists the accepted stands and never the contact data; the fair is
in the calendar. Refused from every side that must be refused."""

import datetime
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection, connections
from django.test import Client, TestCase
from django.utils import timezone

from pages.fairs.models import FairIndexPage, FairPage, StandRegistration
from tests.calendar.factories import CalendarPageFactory
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()


def make_fair(parent, capacity=10, deadline_days=10, **fields):
    starts_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    fair = FairPage(
        title=fields.pop("title", "Jarmark Organizacji"),
        slug=fields.pop("slug", "jarmark"),
        place="Plac Przykładowy",
        address="Plac Przykładowy 1",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        latitude="52.408500",
        longitude="16.933800",
        capacity=capacity,
        registration_until=timezone.localdate() + datetime.timedelta(days=deadline_days),
        **fields,
    )
    parent.add_child(instance=fair)
    fair.save_revision().publish()
    return fair


@pytest.fixture
def fairs(homes):
    index = FairIndexPage(title="Targi organizacji", slug="targi")
    homes["pl"].add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def fair(fairs):
    return make_fair(fairs)


def stand_data(organization, **overrides):
    data = {
        "organization": organization.pk,
        "exhibit": "Gry planszowe dla rodzin.",
        "needs_power": "on",
        "needs_table": "on",
        "chairs": "2",
        "shelter": "needed",
        "other_needs": "Dostęp do wody.",
        "contact_name": "Ewa Kontaktowa",
        "contact_email": "ewa.kontakt@example.org",
        "contact_phone": "+48 600 000 000",
    }
    data.update(overrides)
    return data


def register(client, fair, organization, **overrides):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"{fair.url}zglos-stoisko/", stand_data(organization, **overrides))


def accept(registration, number="", lat=None, lon=None):
    registration.status = StandRegistration.Status.ACCEPTED
    registration.stand_number = number
    registration.latitude, registration.longitude = lat, lon
    registration.save()


def test_an_editor_registers_a_stand_and_the_office_is_mailed(
    client, fair, editor_a, org_a, settings
):
    settings.PORTAL_CITY_INBOX = "biuro@example.org"
    client.force_login(editor_a)
    form = html(client.get(f"{fair.url}zglos-stoisko/"))
    assert form.select_one("select[name=organization]") is not None
    response = register(client, fair, org_a)
    assert response.status_code == 200
    assert "Stowarzyszenie Alfa" in html(response).select_one("[role=status]").text
    registration = StandRegistration.objects.get()
    assert (registration.fair, registration.organization, registration.sender) == (
        fair,
        org_a,
        editor_a,
    )
    assert registration.status == "submitted"
    assert (registration.needs_power, registration.chairs, registration.shelter) == (
        True,
        2,
        "needed",
    )
    (office,) = mail.outbox
    assert office.to == ["biuro@example.org"]
    assert "Stowarzyszenie Alfa" in office.body and "Gry planszowe" in office.body
    # The organization's editor sees the registration, with its contact, on the fair's page.
    own = html(client.get(fair.url)).select_one(".fair-own")
    assert "Stowarzyszenie Alfa" in own.text and "ewa.kontakt@example.org" in own.text
    assert "złożone" in own.text


def test_an_editor_of_two_organizations_chooses_which_registers(
    client, fair, editor_a, org_a, org_b
):
    editor_a.groups.add(org_b.editor_group)
    client.force_login(editor_a)
    options = html(client.get(f"{fair.url}zglos-stoisko/")).select(
        "select[name=organization] option"
    )
    assert sorted(o.text for o in options) == ["Fundacja Beta", "Stowarzyszenie Alfa"]
    assert register(client, fair, org_b).status_code == 200
    assert StandRegistration.objects.get().organization == org_b


def test_a_second_registration_of_an_organization_is_refused_with_a_message(
    client, fair, editor_a, org_a
):
    client.force_login(editor_a)
    assert register(client, fair, org_a).status_code == 200
    response = register(client, fair, org_a, exhibit="Drugie stoisko tej samej organizacji.")
    assert response.status_code == 409
    page = html(response)
    assert "już zgłosiła stoisko" in page.select_one(".error-summary").text
    assert "Drugie stoisko tej samej organizacji." in page.select_one("#id_exhibit").text
    assert StandRegistration.objects.count() == 1


def test_the_database_refuses_a_second_registration_too(fair, org_a):
    from django.db import IntegrityError, transaction

    fields = {"exhibit": "x", "contact_name": "x", "contact_email": "x@example.org"}
    StandRegistration.objects.create(fair=fair, organization=org_a, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        StandRegistration.objects.create(fair=fair, organization=org_a, **fields)


def test_the_last_place_goes_to_one_organization_and_the_next_is_told_why(
    client, fairs, editor_a, editor_b, org_a, org_b
):
    fair = make_fair(fairs, capacity=1)
    client.force_login(editor_a)
    assert register(client, fair, org_a).status_code == 200
    assert "Wszystkie stoiska są zajęte" in html(client.get(fair.url)).text
    client.force_login(editor_b)
    response = register(client, fair, org_b, exhibit="Pokaz pierwszej pomocy.")
    assert response.status_code == 409
    page = html(response)
    assert "Wszystkie stoiska na tych targach" in page.select_one(".error-summary").text
    # What was typed is kept.
    assert "Pokaz pierwszej pomocy." in page.select_one("#id_exhibit").text
    assert page.select_one("#id_contact_email")["value"] == "ewa.kontakt@example.org"
    assert StandRegistration.objects.count() == 1
    # A declined stand frees its place.
    StandRegistration.objects.update(status="declined")
    assert register(client, fair, org_b).status_code == 200


def test_after_the_deadline_or_when_closed_no_registration_is_taken(client, fairs, editor_a, org_a):
    late = make_fair(fairs, deadline_days=-1, slug="po-terminie")
    closed = make_fair(fairs, slug="zamkniete", registration_open=False)
    client.force_login(editor_a)
    for fair in (late, closed):
        assert "Zgłoś stoisko" not in html(client.get(fair.url)).text
        assert client.get(f"{fair.url}zglos-stoisko/").status_code == 410
        assert register(client, fair, org_a).status_code == 410
    assert not StandRegistration.objects.exists()
    # The last day itself still takes registrations.
    today = make_fair(fairs, deadline_days=0, slug="dzisiaj")
    assert register(client, today, org_a).status_code == 200


def test_an_organization_withdraws_its_registration_and_its_place_frees_up(
    client, fairs, editor_a, editor_b, org_a, org_b
):
    fair = make_fair(fairs, capacity=1)
    client.force_login(editor_a)
    register(client, fair, org_a)
    registration = StandRegistration.objects.get()
    accept(registration, "4")
    # Another organization's editor cannot withdraw it.
    client.force_login(editor_b)
    assert client.post(f"{fair.url}stoiska/{registration.pk}/wycofaj/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == "accepted"
    client.force_login(editor_a)
    page = html(client.get(fair.url))
    form = page.select_one(".fair-own form")
    assert client.get(form["action"]).status_code == 404  # a link cannot withdraw it
    response = client.post(form["action"])
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "withdrawn"
    assert "Stowarzyszenie Alfa" not in html(client.get(fair.url)).select_one(".fair-stands").text
    # Withdrawn twice: nothing to withdraw.
    assert client.post(form["action"]).status_code == 404
    client.force_login(editor_b)
    assert register(client, fair, org_b).status_code == 200
    # A withdrawn registration does not stop the organization from registering again later.
    StandRegistration.objects.filter(organization=org_b).update(status="declined")
    client.force_login(editor_a)
    assert register(client, fair, org_a).status_code == 200


def test_registering_is_refused_to_anonymous_residents_and_for_another_organization(
    client, fair, editor_a, org_b
):
    url = f"{fair.url}zglos-stoisko/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert register(client, fair, org_b).status_code == 302
    client.force_login(User.objects.create_user("resident", "r@example.org", "x" * 12))
    assert client.get(url).status_code == 403
    assert register(client, fair, org_b).status_code == 403
    # An editor of one organization cannot register for another.
    client.force_login(editor_a)
    response = register(client, fair, org_b)
    assert response.status_code == 400
    assert not StandRegistration.objects.exists()


def test_withdrawing_is_refused_to_anonymous_and_to_residents(client, fair, org_a):
    registration = StandRegistration.objects.create(
        fair=fair, organization=org_a, exhibit="x", contact_name="x", contact_email="x@example.org"
    )
    url = f"{fair.url}stoiska/{registration.pk}/wycofaj/"
    assert client.post(url).status_code == 302
    client.force_login(User.objects.create_user("resident", "r@example.org", "x" * 12))
    assert client.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "submitted"


def test_registering_needs_the_csrf_token(fair, editor_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post(f"{fair.url}zglos-stoisko/", stand_data(org_a))
    assert response.status_code == 403
    assert not StandRegistration.objects.exists()


def test_the_public_page_lists_accepted_stands_only_and_never_contact_data(
    client, fair, org_a, org_b, ngo_directory
):
    from tests.factories import OrganizationPageFactory

    org_c = OrganizationPageFactory(parent=ngo_directory, title="Klub Gamma")
    fields = {
        "contact_name": "Ewa Kontaktowa",
        "contact_email": "ewa.kontakt@example.org",
        "contact_phone": "+48 600 111 222",
        "other_needs": "Przedłużacz 20 m",
    }
    accepted = StandRegistration.objects.create(
        fair=fair, organization=org_a, exhibit="Gry <b>planszowe</b>", **fields
    )
    accept(accepted, "2", "52.408600", "16.933900")
    second = StandRegistration.objects.create(
        fair=fair, organization=org_c, exhibit="Warsztaty", **fields
    )
    accept(second, "10")
    StandRegistration.objects.create(fair=fair, organization=org_b, exhibit="Czeka", **fields)

    response = client.get(fair.url)
    page = html(response)
    stands = page.select(".fair-stand")
    assert [s.select_one("a").text for s in stands] == ["Stowarzyszenie Alfa", "Klub Gamma"]
    assert stands[0].select_one("a")["href"] == org_a.url
    assert "Stoisko 2" in stands[0].text
    # What the organization wrote is text, not markup.
    assert stands[0].select_one("b") is None and "<b>planszowe</b>" in stands[0].text
    body = response.content.decode()
    for private in ("Ewa Kontaktowa", "ewa.kontakt", "600 111 222", "Przedłużacz", "Czeka"):
        assert private not in body, private
    assert "Fundacja Beta" not in body
    # The map holds the placed stand; the list above is its text alternative.
    config = page.select_one("#fair-map")["data-config"]
    assert "Stowarzyszenie Alfa" in config and "Klub Gamma" not in config
    assert "leaflet.js" in body and "ngo_fairs/fair-map.js" in body


def test_the_public_page_costs_the_same_queries_with_two_and_with_six_stands(
    client, fair, ngo_directory
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganizationPageFactory

    def queries_with(count):
        for n in range(count - fair.stands.filter(status="accepted").count()):
            organization = OrganizationPageFactory(parent=ngo_directory, title=f"Klub {count}-{n}")
            stand = StandRegistration.objects.create(
                fair=fair,
                organization=organization,
                exhibit="Warsztaty",
                contact_name="Osoba",
                contact_email="o@example.org",
            )
            accept(stand, str(count * 10 + n), "52.40", "16.93")
        client.get(fair.url)  # caches warmed alike for both sizes
        with CaptureQueriesContext(connection) as queries:
            assert len(html(client.get(fair.url)).select(".fair-stand")) == count
        return len(queries)

    assert queries_with(2) == queries_with(6)


def test_the_fair_is_in_the_calendar_list_and_the_ical_feed(client, homes, fair):
    calendar = CalendarPageFactory(parent=homes["pl"])
    listing = client.get(calendar.url).content.decode()
    assert "Jarmark Organizacji" in listing and fair.url in listing
    feed = client.get(f"{calendar.url}ical/")
    body = (b"".join(feed.streaming_content) if feed.streaming else feed.content).decode()
    assert "Jarmark Organizacji" in body and "Plac Przykładowy" in body
    fair.unpublish()
    assert "Jarmark Organizacji" not in client.get(calendar.url).content.decode()


def test_the_office_decides_exports_and_the_contact_gets_the_decision(
    client, fair, editor_a, org_a, city_editor
):
    client.force_login(editor_a)
    register(client, fair, org_a)
    registration = StandRegistration.objects.get()
    mail.outbox.clear()
    client.force_login(city_editor)
    listing = client.get("/admin/fairs/stands/", {"fair": fair.pk, "status": "submitted"})
    assert "Stowarzyszenie Alfa" in listing.content.decode()
    assert (
        "Stowarzyszenie Alfa"
        not in client.get("/admin/fairs/stands/", {"status": "accepted"}).content.decode()
    )
    # Stands are registered by organizations on the fair's page, never made up in the admin.
    assert client.get("/admin/fairs/stands/new/").status_code in (302, 403)
    inspect = client.get(f"/admin/fairs/stands/inspect/{registration.pk}/").content.decode()
    assert "Gry planszowe dla rodzin." in inspect and "ewa.kontakt@example.org" in inspect
    export = client.get("/admin/fairs/stands/?export=csv")
    rows = b"".join(export.streaming_content).decode()
    assert export.status_code == 200
    assert "Stowarzyszenie Alfa" in rows and "ewa.kontakt@example.org" in rows
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/admin/fairs/stands/edit/{registration.pk}/",
            {
                "status": "accepted",
                "stand_number": "7",
                "latitude": "52.408700",
                "longitude": "16.934000",
                "decision_note": "Prosimy o przyjazd do 10:00.",
            },
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.status, registration.stand_number) == ("accepted", "7")
    assert registration.decided_at is not None
    assert registration.exhibit == "Gry planszowe dla rodzin."  # not rewritten by the decision
    (decision,) = mail.outbox
    assert decision.to == ["ewa.kontakt@example.org"]
    assert "przyjęte" in decision.body
    assert "7" in decision.body and "Prosimy o przyjazd do 10:00." in decision.body
    client.logout()
    assert "Stoisko 7" in html(client.get(fair.url)).select_one(".fair-stands").text


def test_an_ngo_editor_gets_nothing_of_the_stands_admin(client, fair, editor_a, org_a):
    registration = StandRegistration.objects.create(
        fair=fair, organization=org_a, exhibit="x", contact_name="x", contact_email="x@example.org"
    )
    client.force_login(editor_a)
    for url in (
        "/admin/fairs/stands/",
        "/admin/fairs/stands/?export=csv",
        f"/admin/fairs/stands/inspect/{registration.pk}/",
        f"/admin/fairs/stands/edit/{registration.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
    response = client.post(f"/admin/fairs/stands/edit/{registration.pk}/", {"status": "accepted"})
    assert response.status_code in (302, 403)
    registration.refresh_from_db()
    assert registration.status == "submitted"
    assert "/admin/fairs/" not in client.get("/admin/").content.decode()


def test_the_english_page_shows_and_counts_the_polish_pages_stands(
    client, homes, locales, fairs, editor_a, org_a
):
    fair = make_fair(fairs, capacity=1)
    english = fair.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "Fair of Organizations"
    english.save_revision().publish()
    client.force_login(editor_a)
    assert register(client, english, org_a).status_code == 200
    assert StandRegistration.objects.get().fair_id == fair.pk
    accept(StandRegistration.objects.get(), "1")
    client.logout()
    assert "Stowarzyszenie Alfa" in html(client.get(english.url)).select_one(".fair-stands").text


def test_page_rules(client, homes, fairs, fair):
    from pages.models import HomePage

    assert FairIndexPage.allowed_parent_page_models() == [HomePage]
    assert not FairIndexPage.can_create_at(homes["pl"])  # one per home
    assert FairPage.allowed_parent_page_models() == [FairIndexPage]
    assert not FairPage.can_create_at(homes["pl"])
    assert FairPage.allowed_subpage_models() == []
    listing = html(client.get(fairs.url))
    assert "Jarmark Organizacji" in listing.select_one(".fair").text


def test_the_demo_fair_in_three_languages_with_accepted_stands(client, homes):
    from portal.demo import load

    load(size=5, only=["site", "organizations", "fairs"])
    fairs = FairPage.objects.live()
    assert sorted(f.locale.language_code for f in fairs) == ["en", "pl", "uk"]
    polish = fairs.get(locale__language_code="pl")
    assert StandRegistration.objects.filter(fair=polish, status="accepted").count() == 3
    # Not in the main menu: reached through the calendar.
    assert not FairIndexPage.objects.filter(show_in_menus=True).exists()
    for fair in fairs:
        page = html(client.get(fair.url))
        assert len(page.select(".fair-stand")) == 3
        assert "stoisko1@example.org" not in str(page)  # the contact's address


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_organizations_for_the_last_place_at_once(monkeypatch):
    """The capacity holds under concurrent registrations (PostgreSQL: real row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every write anyway")
    from wagtail.models import Site

    from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
    from tests.helpers import restore_site_tree, user_in

    restore_site_tree()  # an earlier transactional test may have emptied the database
    home = Site.objects.get(is_default_site=True).root_page
    directory = OrganizationIndexPageFactory(parent=home, slug="organizacje")
    index = FairIndexPage(title="Targi", slug="targi")
    home.add_child(instance=index)
    fair = make_fair(index, capacity=1)
    editors = []
    for number, title in enumerate(("Stowarzyszenie Alfa", "Fundacja Beta")):
        organization = OrganizationPageFactory(parent=directory, title=title)
        organization.refresh_from_db()
        editors.append((user_in(organization.editor_group, f"e{number}"), organization))
    # Widen the window between counting the places and taking one, so that without the lock
    # both requests would count a free place (checked: the test fails without it).
    real_save = StandRegistration.save

    def slow_save(self, *args, **kwargs):
        time.sleep(0.5)
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(StandRegistration, "save", slow_save)
    barrier = threading.Barrier(2)
    statuses = []

    def attempt(editor, organization):
        try:
            client = Client()
            client.force_login(editor)
            barrier.wait()
            response = client.post(f"{fair.url}zglos-stoisko/", stand_data(organization))
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=pair) for pair in editors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 409]
    assert StandRegistration.objects.count() == 1
