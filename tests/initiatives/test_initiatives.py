"""Local initiative: residents apply without an account, the city assesses and decides in the
admin, the public list shows what the city has taken up with its status and reasons; the
contact's address is never shown."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.initiatives.models import LocalInitiative, LocalInitiativePage
from tests.factories import area
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()
CONTACT = "sasiedzi-ukryty@example.org"


@pytest.fixture
def page(homes):
    page = LocalInitiativePage(
        title="Inicjatywa lokalna", slug="inicjatywa-lokalna", criteria="<p>Pożytek, wkład.</p>"
    )
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Zielone podwórko",
        "group_name": "Sąsiedzi z ul. Przykładowej",
        "area": area("ekologia-i-ochrona-zwierzat").pk,
        "description": "Posadzimy krzewy i zrobimy grządki.",
        "starts_on": (today + datetime.timedelta(days=20)).isoformat(),
        "ends_on": (today + datetime.timedelta(days=50)).isoformat(),
        "work_hours": 120,
        "in_kind": "Narzędzia ogrodowe.",
        "money": "500",
        "city_support": "Ziemia i sadzonki.",
        "contact_name": "Osoba Kontaktowa",
        "contact_email": CONTACT,
        "consent": "on",
    }
    data.update(overrides)
    return data


def propose(client, page, **overrides):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "zglos/", form_data(**overrides))


def initiative(**fields):
    today = timezone.localdate()
    values = {
        "title": "Kino plenerowe",
        "group_name": "Osiedlowe Kino",
        "area": area("kultura-i-sztuka"),
        "description": "Seanse w lipcu.",
        "starts_on": today,
        "ends_on": today,
        "city_support": "Ekran.",
        "contact_name": "Ktoś",
        "contact_email": CONTACT,
        **fields,
    }
    return LocalInitiative.objects.create(**values)


def test_a_resident_applies_and_it_waits_for_the_city_before_it_shows(client, page, settings):
    settings.PORTAL_CITY_INBOX = "inicjatywy@example.org"
    response = propose(client, page)
    assert response.status_code == 200
    saved = LocalInitiative.objects.get()
    assert saved.status == "submitted" and saved.consent_text
    assert sorted(m.to[0] for m in mail.outbox) == ["inicjatywy@example.org", CONTACT]
    # Not in the public list, nor at its own address, until the city takes it up.
    assert "Zielone podwórko" not in client.get(page.url).content.decode()
    assert client.get(f"{page.url}{saved.pk}/").status_code == 404
    saved.status = "assessing"
    saved.save()
    listing = client.get(page.url).content.decode()
    assert "Zielone podwórko" in listing and CONTACT not in listing
    detail = client.get(f"{page.url}{saved.pk}/").content.decode()
    assert "Posadzimy krzewy" in detail and CONTACT not in detail


def test_bad_input_is_named_and_nothing_typed_is_lost(client, page):
    today = timezone.localdate()
    response = propose(
        client,
        page,
        starts_on=(today - datetime.timedelta(days=1)).isoformat(),
        ends_on=(today - datetime.timedelta(days=5)).isoformat(),
        consent="",
    )
    assert response.status_code == 400
    errors = html(response).select_one(".error-summary").text
    assert "dziś" in errors or "później" in errors  # the start is in the past
    assert html(response).select_one("textarea[name=description]").text.strip() == (
        "Posadzimy krzewy i zrobimy grządki."
    )
    assert not LocalInitiative.objects.exists() and mail.outbox == []
    response = propose(client, page, ends_on=today.isoformat())  # ends before it starts
    assert response.status_code == 400 and not LocalInitiative.objects.exists()


def test_the_honeypot_and_the_rate_limit_store_nothing(client, page, settings):
    assert propose(client, page, website="http://spam.example").status_code == 200
    assert not LocalInitiative.objects.exists()
    settings.PORTAL_APPLICATION_RATE = "2/h"
    for _ in range(2):
        propose(client, page)
    response = propose(client, page, title="Trzecia")
    assert response.status_code == 429
    assert html(response).select_one("input[name=title]")["value"] == "Trzecia"
    assert LocalInitiative.objects.count() == 2


def test_proposing_needs_the_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    assert client.post(page.url + "zglos/", form_data()).status_code == 403
    assert not LocalInitiative.objects.exists()


def test_the_city_assesses_and_the_decision_is_mailed_and_shown(client, page, city_editor):
    proposed = initiative(status="assessing")
    client.force_login(city_editor)
    url = f"/admin/local-initiatives/edit/{proposed.pk}/"
    data = {
        "score_benefit": 4,
        "score_contribution": 5,
        "score_feasibility": 3,
        "status": "assessing",
        "public_note": "",
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert mail.outbox == []  # scores alone decide nothing
    data.update(status="accepted", public_note="Duży wkład pracy mieszkańców.")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, data)
    proposed.refresh_from_db()
    assert proposed.score == 12 and proposed.decided_at is not None
    assert proposed.description == "Seanse w lipcu."  # the application itself is not edited
    (decision,) = mail.outbox
    assert decision.to == [CONTACT] and "Duży wkład pracy mieszkańców." in decision.body
    client.logout()
    detail = client.get(f"{page.url}{proposed.pk}/").content.decode()
    assert "Duży wkład pracy mieszkańców." in detail
    assert [
        c.text
        for c in html(client.get(page.url, {"status": "accepted"})).select(
            ".initiative .card__title"
        )
    ] == ["Kino plenerowe"]
    assert html(client.get(page.url, {"status": "rejected"})).select(".initiative") == []


def test_ngo_editors_get_nothing_of_the_admin(client, editor_a):
    proposed = initiative()
    client.force_login(editor_a)
    for url in (
        "/admin/local-initiatives/",
        f"/admin/local-initiatives/inspect/{proposed.pk}/",
        f"/admin/local-initiatives/edit/{proposed.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url


def test_the_list_costs_the_same_queries_at_two_sizes(client, page):
    def queries():
        client.get(page.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    for number in range(3):
        initiative(title=f"Inicjatywa {number}", status="accepted")
    small = queries()
    for number in range(3, 25):
        initiative(title=f"Inicjatywa {number}", status="accepted")
    assert queries() == small


def test_page_rules(homes, page):
    from pages.models import HomePage

    assert LocalInitiativePage.allowed_parent_page_models() == [HomePage]
    assert LocalInitiativePage.allowed_subpage_models() == []
    assert not LocalInitiativePage.can_create_at(homes["pl"])


def test_the_demo_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "initiatives"])
    pages = LocalInitiativePage.objects.live()
    assert sorted(p.locale.language_code for p in pages) == ["en", "pl", "uk"]
    assert "feasibility" in pages.get(locale__language_code="en").criteria
    assert LocalInitiative.objects.public().count() == 3
