"""The Public Benefit Council page and the requests for the Mayor's patronage."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from pages import roles
from pages.council.models import AdvisoryBodyMeeting, AdvisoryBodyMember, AdvisoryBodyPage
from pages.models import PatronageRequest, PatronageRequestPage
from tests.calendar.factories import CalendarPageFactory
from tests.council.factories import AdvisoryBodyPageFactory
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def council(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    organization = OrganizationPageFactory(parent=directory, title="Fundacja Rada")
    page = AdvisoryBodyPageFactory(
        parent=homes["pl"],
        members=[
            AdvisoryBodyMember(
                name="Anna Przykładowa",
                role="chair",
                organization=organization,
            ),
            AdvisoryBodyMember(name="Jan Testowy", side="city"),
        ],
        meetings=[
            AdvisoryBodyMeeting(
                starts_at=timezone.now() + datetime.timedelta(days=3),
                place="Sala sesyjna",
                agenda="Opinia o programie współpracy.",
            )
        ],
    )
    page.save_revision().publish()
    return page


def test_council_page_shows_members_with_their_organizations_and_meetings(client, council):
    doc = html(client.get(council.url))
    rows = [
        " ".join(row.get_text(" ").split())
        for row in doc.select("#members-heading ~ table tbody tr")
    ]
    assert rows == [
        "Anna Przykładowa przewodniczący Fundacja Rada",
        "Jan Testowy członek Miasto",
    ]
    organization = AdvisoryBodyMember.objects.get(name="Anna Przykładowa").organization
    assert doc.select_one("#members-heading ~ table a")["href"] == organization.url
    assert "Sala sesyjna" in doc.select_one("#meetings-heading").parent.text


def test_council_meetings_appear_in_the_calendar(client, homes, council):
    calendar = CalendarPageFactory(parent=homes["pl"])
    listing = client.get(calendar.url).content.decode()
    assert "Rada Pożytku" in listing and "Sala sesyjna" in listing
    # A filter meetings do not have keeps them out.
    filtered = client.get(calendar.url, {"area": "seniorzy"}).content.decode()
    assert "Sala sesyjna" not in filtered


@pytest.fixture
def patronage_page(homes):
    page = PatronageRequestPage(title="Patronat", slug="patronat")
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def request_data(**overrides):
    data = {
        "organization_name": "Stowarzyszenie Festyn",
        "contact_name": "Ewa Próbna",
        "email": "ewa@example.org",
        "event_title": "Festyn sąsiedzki",
        "event_date": (timezone.localdate() + datetime.timedelta(days=40)).isoformat(),
        "event_place": "Park Miejski",
        "expected_participants": "300",
        "description": "Gry, muzyka i stoiska organizacji.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_a_request_is_saved_and_the_decision_is_mailed_to_the_applicant(client, patronage_page):
    editor = User.objects.create_user("miasto", "miasto@example.org", "x-pass-123456")
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(patronage_page.url, request_data())
    assert "Dziękujemy" in response.content.decode()
    patronage = PatronageRequest.objects.get()
    assert patronage.status == PatronageRequest.Status.PENDING
    assert [m.to for m in mail.outbox] == [["miasto@example.org"]]

    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            f"/admin/patronage/{patronage.pk}/",
            {"status": "refused", "decision_reason": "Wydarzenie ma charakter komercyjny."},
        )
    patronage.refresh_from_db()
    assert patronage.status == PatronageRequest.Status.REFUSED
    assert patronage.decided_by == editor
    decision = mail.outbox[-1]
    assert decision.to == ["ewa@example.org"]
    assert "Festyn sąsiedzki" in decision.subject
    assert "komercyjny" in decision.body


def test_a_refusal_needs_reasons_and_a_decision_cannot_be_changed_by_post(client, patronage_page):
    patronage = PatronageRequest.objects.create(
        organization_name="X",
        contact_name="Y",
        email="y@example.org",
        event_title="Z",
        event_date=timezone.localdate(),
        event_place="P",
        description="D",
        expected_participants=10,
    )
    editor = User.objects.create_user("miasto", "miasto@example.org", "x-pass-123456")
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(editor)
    client.post(f"/admin/patronage/{patronage.pk}/", {"status": "refused"})
    patronage.refresh_from_db()
    assert patronage.status == PatronageRequest.Status.PENDING


def test_the_form_keeps_what_was_typed_and_refuses_past_events(client, patronage_page):
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(patronage_page.url, request_data(event_date=past, consent=""))
    assert response.status_code == 400
    doc = html(response)
    assert doc.select_one("#id_event_title")["value"] == "Festyn sąsiedzki"
    errors = doc.select_one(".error-summary").text
    assert "przeszłości" in errors
    assert PatronageRequest.objects.count() == 0


def test_decisions_are_refused_to_anonymous_ngo_editors_and_moderators(client, patronage_page):
    patronage = PatronageRequest.objects.create(
        organization_name="X",
        contact_name="Y",
        email="y@example.org",
        event_title="Z",
        event_date=timezone.localdate(),
        event_place="P",
        description="D",
        expected_participants=10,
    )
    url = f"/admin/patronage/{patronage.pk}/"
    assert client.post(url, {"status": "granted"}).status_code == 302  # to the login
    moderator = User.objects.create_user("moderator", "m@example.org", "x-pass-123456")
    moderator.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(moderator)
    assert client.post(url, {"status": "granted"}).status_code in (302, 403)
    assert "y@example.org" not in client.get("/admin/patronage/").content.decode()
    patronage.refresh_from_db()
    assert patronage.status == PatronageRequest.Status.PENDING


def test_demo_has_the_council_page(client, demo):
    page = AdvisoryBodyPage.objects.get(locale__language_code="pl", kind="council")
    doc = html(client.get(page.url))
    assert len(doc.select("#members-heading ~ table tbody tr")) >= 5
    assert PatronageRequestPage.objects.exists()


def test_a_request_less_than_thirty_days_ahead_is_refused_with_the_earliest_date(
    client, patronage_page, settings
):
    # The page promises a decision only for requests at least 30 days before the event.
    soon = timezone.localdate() + datetime.timedelta(days=9)
    response = client.post(patronage_page.url, request_data(event_date=soon.isoformat()))
    assert response.status_code == 400
    errors = html(response).select_one(".error-summary").text
    assert "co najmniej 30 dni" in errors
    assert html(response).select_one("#id_event_date")["value"] == soon.isoformat()
    assert PatronageRequest.objects.count() == 0

    settings.PATRONAGE_LEAD_DAYS = 5
    assert (
        client.post(patronage_page.url, request_data(event_date=soon.isoformat())).status_code
        == 200
    )
    assert PatronageRequest.objects.count() == 1
