"""NGO representatives in a grant call's evaluation committee (Public Benefit Act, art. 15 sec.
2a-2f): an organization's editor nominates one candidate per call while nominations are open,
the city chooses within the seats and never a candidate whose organization has a grant in the
call, and the call's page names the committee (never its members' contact data). Refused from
every side that must be refused."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from pages.grants.models import CommitteeNomination, GrantCallPage
from tests.factories import OrganizationPageFactory
from tests.grants.factories import (
    AwardedGrantFactory,
    CommitteeNominationFactory,
    call_with_nominations,
)
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()
HOSTILE = "<script>alert(1)</script> Ewa & <b>Kowal</b>"


@pytest.fixture
def call(homes):
    return call_with_nominations(seats=2)


def form_url(call):
    return call.url + "zglos-kandydata/"


def nominate(client, call, organization, **overrides):
    data = {
        "organization": organization.pk,
        "candidate_name": "Ewa Przykładowa",
        "candidate_email": "ewa.kandydatka@example.org",
        "candidate_phone": "000 111 222",
        "experience": "Pięć lat w zarządzie stowarzyszenia, oceniała projekty.",
        "consent_to_sit": "on",
        "consent_to_publish": "on",
        "impartiality": "on",
    }
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(form_url(call), data)


def decide(client, nomination, **data):
    data.setdefault("decision_note", "")
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/admin/grants/nominations/edit/{nomination.pk}/", data)


def test_the_call_page_invites_nominations_while_they_are_open(client, call):
    page = html(client.get(call.url))
    section = page.select_one("#nominations-heading").parent
    assert "Szukamy osób" in section.text
    assert section.select_one("a")["href"] == form_url(call)


def test_an_editor_nominates_and_the_office_and_the_organization_are_mailed(
    client, call, editor_a, org_a, settings
):
    settings.PORTAL_CITY_INBOX = "biuro@example.org"
    org_a.email = "kontakt-alfa@example.org"
    org_a.save_revision().publish()
    client.force_login(editor_a)
    form = html(client.get(form_url(call)))
    assert [o.text for o in form.select("select[name=organization] option")] == [org_a.title]
    response = nominate(client, call, org_a)
    assert response.status_code == 200
    assert "Ewa Przykładowa" in html(response).select_one("[role=status]").text
    nomination = CommitteeNomination.objects.get()
    assert (nomination.call, nomination.organization, nomination.sender, nomination.status) == (
        call,
        org_a,
        editor_a,
        "submitted",
    )
    assert nomination.consent_to_sit and nomination.consent_to_publish and nomination.impartiality
    office = next(m for m in mail.outbox if m.to == ["biuro@example.org"])
    assert "Ewa Przykładowa" in office.body and "Stowarzyszenie Alfa" in office.body
    organization = next(m for m in mail.outbox if m.to != ["biuro@example.org"])
    assert organization.to == ["kontakt-alfa@example.org", "alfa@example.org"]
    assert "Ewa Przykładowa" in organization.body


def test_a_second_nomination_of_the_organization_edits_the_first(client, call, editor_a, org_a):
    client.force_login(editor_a)
    nominate(client, call, org_a)
    # The form opens with the organization's candidate, to change.
    form = html(client.get(form_url(call)))
    assert form.select_one("input[name=candidate_name]")["value"] == "Ewa Przykładowa"
    response = nominate(client, call, org_a, candidate_name="Jan Zastępczy")
    assert response.status_code == 200
    assert "Zgłoszenie zmienione" in html(response).text
    assert list(CommitteeNomination.objects.values_list("candidate_name", flat=True)) == [
        "Jan Zastępczy"
    ]


def test_the_organizations_second_editor_changes_the_same_nomination(client, call, editor_a, org_a):
    CommitteeNominationFactory(call=call, organization=org_a, candidate_name="Ewa Pierwsza")
    colleague = User.objects.create_user("alfa2", "alfa2@example.org", "pass")
    colleague.groups.add(org_a.editor_group)
    client.force_login(colleague)
    assert nominate(client, call, org_a, candidate_name="Ewa Druga").status_code == 200
    assert CommitteeNomination.objects.get().candidate_name == "Ewa Druga"


def test_a_decided_nomination_can_no_longer_be_changed(client, call, editor_a, org_a):
    CommitteeNominationFactory(call=call, organization=org_a, status="chosen")
    client.force_login(editor_a)
    response = nominate(client, call, org_a, candidate_name="Ktoś Inny")
    assert response.status_code == 409
    assert "już zdecydowało" in html(response).select_one(".error-summary").text
    assert CommitteeNomination.objects.get().candidate_name != "Ktoś Inny"


def test_nominating_is_refused_to_the_signed_out_and_to_plain_users(client, call, org_a):
    response = client.get(form_url(call))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    response = client.get(form_url(call))
    assert response.status_code == 403
    assert nominate(client, call, org_a).status_code == 403
    assert not CommitteeNomination.objects.exists()


def test_another_organizations_editor_cannot_nominate_for_org_a_nor_change_its_candidate(
    client, call, editor_b, org_a, org_b
):
    CommitteeNominationFactory(call=call, organization=org_a, candidate_name="Ewa Alfa")
    client.force_login(editor_b)
    # Asking for org_a's form shows beta's own (empty) form, never alfa's candidate.
    page = html(client.get(form_url(call) + f"?organization={org_a.pk}"))
    assert "Ewa Alfa" not in page.text
    assert [o.text for o in page.select("select[name=organization] option")] == ["Fundacja Beta"]
    response = nominate(client, call, org_a, candidate_name="Podmieniony")
    assert response.status_code == 400
    assert "Wybierz poprawną wartość" in html(response).text
    assert CommitteeNomination.objects.get().candidate_name == "Ewa Alfa"


def test_missing_consents_are_named_and_what_was_typed_is_kept(client, call, editor_a, org_a):
    client.force_login(editor_a)
    response = nominate(
        client,
        call,
        org_a,
        candidate_name=HOSTILE,
        consent_to_publish=None,
        impartiality=None,
        candidate_email="nie-adres",
    )
    assert response.status_code == 400
    page = html(response)
    assert page.select_one("input[name=candidate_name]")["value"] == HOSTILE
    assert "Pięć lat w zarządzie" in page.select_one("textarea[name=experience]").text
    assert page.select_one("input[name=consent_to_sit]").has_attr("checked")
    errors = page.select(".field__error")
    assert len(errors) == 3  # the e-mail and the two declarations left out
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not CommitteeNomination.objects.exists()


def test_after_the_deadline_the_form_is_gone_with_a_clear_message(client, homes, editor_a, org_a):
    closed = call_with_nominations(days_left=-1)
    client.force_login(editor_a)
    for response in (client.get(form_url(closed)), nominate(client, closed, org_a)):
        assert response.status_code == 410
        assert "zakończył się" in html(response).select_one("[role=status]").text
    assert not CommitteeNomination.objects.exists()
    assert html(client.get(closed.url)).select_one("#nominations-heading") is None


def test_a_call_without_a_call_for_candidates_has_no_form(client, call, editor_a):
    call.nominations_close_at = None
    call.save_revision().publish()
    client.force_login(editor_a)
    assert client.get(form_url(call)).status_code == 404


def test_the_city_chooses_within_the_seats_and_each_organization_is_mailed(
    client, call, city_editor, ngo_directory
):
    org_c = OrganizationPageFactory(parent=ngo_directory, email="gamma@example.org")
    nominations = [
        CommitteeNominationFactory(
            call=call, organization=OrganizationPageFactory(parent=ngo_directory)
        )
        for _ in range(2)
    ] + [CommitteeNominationFactory(call=call, organization=org_c)]
    client.force_login(city_editor)
    for nomination in nominations[:2]:
        response = decide(client, nomination, status="chosen")
        assert response.status_code == 302
    mail.outbox.clear()
    response = decide(client, nominations[2], status="chosen")
    assert response.status_code == 200
    assert "Wszystkie miejsca (2) są zajęte" in response.content.decode()
    nominations[2].refresh_from_db()
    assert nominations[2].status == "submitted" and not mail.outbox
    response = decide(
        client, nominations[2], status="not_chosen", decision_note="Zapraszamy za rok."
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["gamma@example.org"]
    assert "Kandydatura niewybrana" in message.body and "Zapraszamy za rok." in message.body
    nominations[2].refresh_from_db()
    assert nominations[2].decided_at is not None


def test_a_candidate_of_an_organization_with_a_grant_in_the_call_is_refused(
    client, call, city_editor, org_a
):
    nomination = CommitteeNominationFactory(call=call, organization=org_a)
    AwardedGrantFactory(call=call, organization=org_a)
    client.force_login(city_editor)
    edit = client.get(f"/admin/grants/nominations/edit/{nomination.pk}/")
    assert "ma dotację w wynikach tego konkursu" in edit.content.decode()
    listing = html(client.get("/admin/grants/nominations/"))
    # The list marks the candidate (a tick in the column "organization has a grant").
    assert listing.select_one("tbody td svg.icon-check") is not None
    response = decide(client, nomination, status="chosen")
    assert response.status_code == 200
    assert "nie może zasiadać w komisji" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_the_nominations_screen_is_refused_to_ngo_editors(client, call, editor_a, org_a):
    nomination = CommitteeNominationFactory(call=call, organization=org_a)
    client.force_login(editor_a)
    for url in (
        "/admin/grants/nominations/",
        f"/admin/grants/nominations/edit/{nomination.pk}/",
        "/admin/grants/nominations/?export=csv",
    ):
        assert client.get(url).status_code in (302, 403)
    assert decide(client, nomination, status="chosen").status_code in (302, 403)
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_the_city_exports_the_nominations_with_the_contact_data(client, call, city_editor, org_a):
    nomination = CommitteeNominationFactory(
        call=call, organization=org_a, candidate_phone="000 999 888"
    )
    client.force_login(city_editor)
    inspect = client.get(f"/admin/grants/nominations/inspect/{nomination.pk}/")
    assert inspect.status_code == 200 and "000 999 888" in inspect.content.decode()
    response = client.get("/admin/grants/nominations/?export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2 and "000 999 888" in rows[1]


def test_the_call_page_names_the_committee_and_never_its_contact_data(client, call, homes):
    call.city_members = "Anna Fikcyjna (Biuro)\n\nMarek Umowny"
    call.save_revision().publish()
    chosen = CommitteeNominationFactory(
        call=call,
        candidate_name="Halina Wybrana",
        candidate_email="halina@example.org",
        candidate_phone="000 123 456",
        status="chosen",
    )
    CommitteeNominationFactory(call=call, candidate_name="Olena Niewybrana", status="not_chosen")
    CommitteeNominationFactory(call=call, candidate_name="Piotr Czekający")
    response = client.get(call.url)
    content = response.content.decode()
    members = [li.text for li in html(response).select("ul.committee li")]
    assert members == [
        "Anna Fikcyjna (Biuro)",
        "Marek Umowny",
        f"Halina Wybrana (zgłoszenie: {chosen.organization.title})",
    ]
    for private in ("halina@example.org", "000 123 456", "Olena", "Piotr", "Oceniała"):
        assert private not in content


def test_the_committee_shows_on_the_calls_translation(client, call, homes):
    CommitteeNominationFactory(call=call, candidate_name="Halina Wybrana", status="chosen")
    english = call.copy_for_translation(homes["en"].locale, copy_parents=True)
    english.save_revision().publish()
    english = GrantCallPage.objects.get(pk=english.pk)
    members = [li.text for li in html(client.get(english.url)).select("ul.committee li")]
    assert len(members) == 1 and members[0].startswith("Halina Wybrana")


def test_the_call_page_queries_do_not_grow_with_the_committee(client, homes, ngo_directory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = call_with_nominations(seats=10)

    def queries_with(count):
        for number in range(count - call.nominations.filter(status="chosen").count()):
            CommitteeNominationFactory(
                call=call,
                organization=OrganizationPageFactory(parent=ngo_directory),
                candidate_name=f"Członek {count}-{number}",
                status="chosen",
            )
        client.get(call.url)  # caches warmed alike for both sizes
        with CaptureQueriesContext(connection) as queries:
            assert len(html(client.get(call.url)).select("ul.committee li")) == count
        return len(queries)

    assert queries_with(2) == queries_with(6)


def test_the_demo_has_a_committee_in_three_languages_and_an_open_call_for_candidates(client, demo):
    past = GrantCallPage.objects.get(slug="kultura-lokalna", locale__language_code="pl")
    assert sorted(past.nominations.values_list("status", flat=True)) == [
        "chosen",
        "chosen",
        "not_chosen",
    ]
    # The demo keeps the rule it shows: no chosen member's organization has a grant in the call.
    assert not any(nomination.applied_in_call() for nomination in past.nominations.all())
    translations = past.get_translations(inclusive=True).live()
    assert sorted(translations.values_list("locale__language_code", flat=True)) == [
        "en",
        "pl",
        "uk",
    ]
    for translation in translations:
        members = html(client.get(translation.url)).select("ul.committee li.committee__ngo")
        assert len(members) == 2, translation.locale.language_code
    assert GrantCallPage.objects.get(
        slug="seniorzy-aktywni", locale__language_code="pl"
    ).takes_nominations


def test_the_nominations_list_queries_do_not_grow_with_the_rows(client, call, city_editor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(city_editor)

    def queries_with(count):
        for _ in range(count - CommitteeNomination.objects.count()):
            CommitteeNominationFactory(call=call)
        client.get("/admin/grants/nominations/")
        with CaptureQueriesContext(connection) as queries:
            rows = html(client.get("/admin/grants/nominations/")).select("tbody tr")
        assert len(rows) == count
        return len(queries)

    assert queries_with(2) == queries_with(6)
