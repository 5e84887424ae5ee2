"""Premises for NGOs: the listing with filters and a map, an organization's application, the
city's decision mailed; refused from every side that must be refused."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import District
from pages.premises.models import PremisesApplication, PremisesIndexPage, PremisesPage
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def index(homes):
    page = PremisesIndexPage(title="Lokale dla organizacji", slug="lokale")
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def unit(index, title="Lokal przy ul. Przykładowej", **fields):
    fields = {
        "address": "ul. Przykładowa 5",
        "floor_area": "64.50",
        "rooms": 3,
        "rent": "5 zł/m² miesięcznie",
        **fields,
    }
    page = PremisesPage(title=title, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def premises(index):
    return unit(index, latitude="52.408300", longitude="16.934200")


def apply(client, page, organization, **overrides):
    data = {
        "organization": organization.pk,
        "purpose": "Świetlica dla dzieci z osiedla.",
        "hours_per_week": 20,
        "people_served": 60,
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "zloz-wniosek/", data)


def titles(client, index, **params):
    return [h.text for h in html(client.get(index.url, params)).select(".premises .card__title")]


def test_the_listing_filters_and_maps_the_premises(client, index, premises):
    district = District.objects.filter(locale__language_code="pl").first()
    unit(index, title="Pracownia", floor_area="38.00", status="rented", district=district)
    assert titles(client, index) == ["Lokal przy ul. Przykładowej", "Pracownia"]
    assert titles(client, index, od_m2="50") == ["Lokal przy ul. Przykładowej"]
    assert titles(client, index, dostepne="1") == ["Lokal przy ul. Przykładowej"]
    assert titles(client, index, dzielnica=district.slug) == ["Pracownia"]
    assert len(titles(client, index, od_m2="abc", dzielnica="<x>")) == 2  # ignored
    config = json.loads(html(client.get(index.url)).select_one("#premises-map")["data-config"])
    assert [point["name"] for point in config["POINTS"]] == ["Lokal przy ul. Przykładowej"]


def test_an_editor_applies_and_the_office_and_the_applicant_are_mailed(
    client, premises, editor_a, org_a, settings
):
    settings.PORTAL_CITY_INBOX = "lokale@example.org"
    client.force_login(editor_a)
    assert apply(client, premises, org_a).status_code == 200
    application = PremisesApplication.objects.get()
    assert (application.organization, application.sender, application.status) == (
        org_a,
        editor_a,
        "submitted",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["alfa@example.org", "lokale@example.org"]
    office = next(m for m in mail.outbox if m.to == ["lokale@example.org"])
    assert "Świetlica dla dzieci" in office.body and "Stowarzyszenie Alfa" in office.body


def test_a_second_application_and_bad_input_are_refused_and_the_text_kept(
    client, premises, editor_a, org_a
):
    client.force_login(editor_a)
    response = apply(client, premises, org_a, hours_per_week="")
    assert response.status_code == 400
    assert html(response).select_one("textarea[name=purpose]").text.strip().startswith("Świetlica")
    apply(client, premises, org_a)
    response = apply(client, premises, org_a, purpose="Drugi raz.")
    assert response.status_code == 409
    assert html(response).select_one("textarea[name=purpose]").text.strip() == "Drugi raz."
    assert PremisesApplication.objects.count() == 1


def test_rented_or_past_deadline_premises_take_no_applications(client, index, editor_a, org_a):
    client.force_login(editor_a)
    rented = unit(index, title="Wynajęty", status="rented")
    late = unit(index, title="Po terminie", apply_by=timezone.localdate() - datetime.timedelta(1))
    for page in (rented, late):
        assert apply(client, page, org_a).status_code == 410
        assert "zloz-wniosek" not in client.get(page.url).content.decode()
    assert not PremisesApplication.objects.exists()


def test_applying_is_refused_to_anonymous_others_and_for_another_organization(
    client, premises, editor_a, org_b
):
    response = client.get(premises.url + "zloz-wniosek/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    assert client.get(premises.url + "zloz-wniosek/").status_code == 403
    client.force_login(editor_a)
    assert apply(client, premises, org_b).status_code == 400
    assert not PremisesApplication.objects.exists()


def test_applying_needs_the_csrf_token(premises, editor_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    data = {"organization": org_a.pk, "purpose": "x", "hours_per_week": 2}
    assert client.post(premises.url + "zloz-wniosek/", data).status_code == 403
    assert not PremisesApplication.objects.exists()


def test_the_city_decides_and_the_applicant_gets_the_decision(
    client, premises, editor_a, org_a, city_editor
):
    client.force_login(editor_a)
    apply(client, premises, org_a)
    application = PremisesApplication.objects.get()
    # The NGO's editor gets nothing of the admin screen, not even their own application there.
    for url in (
        "/admin/premises/applications/",
        f"/admin/premises/applications/edit/{application.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
    mail.outbox.clear()
    client.force_login(city_editor)
    assert "Stowarzyszenie Alfa" in client.get("/admin/premises/applications/").content.decode()
    inspect = client.get(f"/admin/premises/applications/inspect/{application.pk}/")
    assert "Świetlica dla dzieci" in inspect.content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            f"/admin/premises/applications/edit/{application.pk}/",
            {"status": "accepted", "decision_note": "Umowa do podpisu w wydziale."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted" and application.decided_at is not None
    # What the organization wrote is not changed by the decision form.
    assert application.purpose == "Świetlica dla dzieci z osiedla."
    (decision,) = mail.outbox
    assert decision.to == ["alfa@example.org"]
    assert "Umowa do podpisu w wydziale." in decision.body


def test_the_listing_costs_the_same_queries_at_two_sizes(client, index):
    district = District.objects.filter(locale__language_code="pl").first()

    def queries():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    for number in range(3):
        unit(index, title=f"Lokal {number}", district=district, latitude="52.4", longitude="16.9")
    small = queries()
    for number in range(3, 20):
        unit(index, title=f"Lokal {number}", district=district, latitude="52.4", longitude="16.9")
    assert queries() == small


def test_page_rules(homes, index):
    from pages.models import HomePage

    assert PremisesIndexPage.allowed_parent_page_models() == [HomePage]
    assert not PremisesIndexPage.can_create_at(homes["pl"])
    assert PremisesPage.allowed_parent_page_models() == [PremisesIndexPage]
    assert PremisesPage.allowed_subpage_models() == []


def test_the_demo_premises_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "premises"])
    languages = sorted({p.locale.language_code for p in PremisesIndexPage.objects.live()})
    assert languages == ["en", "pl", "uk"]
    english = PremisesPage.objects.live().get(locale__language_code="en")
    assert english.rent == "PLN 5/m² a month" and str(english.floor_area) == "64.50"
