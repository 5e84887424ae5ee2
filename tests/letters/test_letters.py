"""Letters for NGOs: an organization's editor asks the city for a letter of recommendation or
intent (or the consent to use the NGO centre's address); the city issues it in the admin with a
yearly number, or refuses it with reasons; the issued letter is a PDF for that organization's
editors alone. Refused from every side that must be refused."""

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, TestCase
from django.utils import timezone

from pages.letters.models import LetterRequest, LetterRequestPage
from pages.models import OfficeSettings
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()
HOSTILE = "<script>alert(1)</script> & <b>Fundusz</b>"


@pytest.fixture
def page(homes):
    form_page = LetterRequestPage(
        title="Listy poparcia",
        slug="listy-poparcia",
        intro="<p>Miasto wydaje listy polecające i intencyjne.</p>",
    )
    homes["pl"].add_child(instance=form_page)
    form_page.save_revision().publish()
    return form_page


def in_days(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def ask(client, page, organization, **overrides):
    data = {
        "kind": "recommendation",
        "organization": organization.pk,
        "funder": "Fundusz Przykładowy, program Aktywni Razem",
        "project_title": "Ogród sąsiedzki",
        "project_summary": "Wspólny ogród na podwórku, warsztaty dla dzieci i seniorów.",
        "amount": "25000",
        "deadline": in_days(30),
        "email": "alfa@example.org",
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "wniosek/", data)


def decide(client, letter, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/admin/letters/edit/{letter.pk}/", data)


def pdf_text(content):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(
        [shutil.which("pdftotext"), "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().split())


@pytest.fixture
def issued(client, page, editor_a, org_a, city_editor):
    client.force_login(editor_a)
    ask(client, page, org_a)
    letter = LetterRequest.objects.get()
    client.force_login(city_editor)
    decide(client, letter, status="issued", letter_text=letter.letter_text, reasons="")
    letter.refresh_from_db()
    mail.outbox.clear()
    client.logout()
    return letter


def test_an_editor_asks_and_the_office_and_the_applicant_are_mailed(
    client, page, editor_a, org_a, settings
):
    settings.PORTAL_CITY_INBOX = "listy@example.org"
    client.force_login(editor_a)
    form = html(client.get(page.url + "wniosek/"))
    # The contact e-mail is the user's own, to start with.
    assert form.select_one("input[name=email]")["value"] == editor_a.email
    assert [o.text for o in form.select("select[name=organization] option")] == [org_a.title]
    response = ask(client, page, org_a)
    assert response.status_code == 200
    assert "Fundusz Przykładowy" in html(response).select_one("[role=status]").text
    letter = LetterRequest.objects.get()
    assert (letter.organization, letter.sender, letter.status, letter.number) == (
        org_a,
        editor_a,
        "submitted",
        None,
    )
    # The city gets a text to start from, naming the organization and the project.
    assert "Stowarzyszenie Alfa" in letter.letter_text and "Ogród sąsiedzki" in letter.letter_text
    assert sorted(m.to[0] for m in mail.outbox) == ["alfa@example.org", "listy@example.org"]
    office = next(m for m in mail.outbox if m.to == ["listy@example.org"])
    assert "Wspólny ogród" in office.body and "Stowarzyszenie Alfa" in office.body
    # The editor follows the request on the page.
    rows = html(client.get(page.url)).select("#my-requests ~ table .letter")
    assert len(rows) == 1 and "Złożony" in rows[0].text


def test_asking_is_refused_to_the_signed_out_and_to_plain_users(client, page):
    response = client.get(page.url + "wniosek/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    assert client.get(page.url + "wniosek/").status_code == 403
    assert client.post(page.url + "wniosek/", {"funder": "x"}).status_code == 403
    assert not LetterRequest.objects.exists()


def test_another_organizations_editor_cannot_ask_for_org_a(client, page, editor_b, org_a, org_b):
    client.force_login(editor_b)
    response = ask(client, page, org_a)
    assert response.status_code == 400
    options = html(response).select("select[name=organization] option")
    assert [o.text for o in options] == ["Fundacja Beta"]
    assert "Wybierz poprawną wartość" in html(response).text
    assert not LetterRequest.objects.exists()
    assert ask(client, page, org_b).status_code == 200
    assert LetterRequest.objects.get().organization == org_b


def test_a_past_deadline_is_named_and_the_text_kept(client, page, editor_a, org_a):
    client.force_login(editor_a)
    for deadline in (in_days(-1), in_days(0)):
        response = ask(client, page, org_a, deadline=deadline, project_title="Ogród na dachu")
        assert response.status_code == 400
        page_text = html(response).text
        assert "Podaj datę w przyszłości" in page_text
        assert html(response).select_one("input[name=project_title]")["value"] == "Ogród na dachu"
        summary = html(response).select_one("textarea[name=project_summary]").text.strip()
        assert summary.startswith("Wspólny ogród")
    assert not LetterRequest.objects.exists()


def test_asking_needs_the_csrf_token(page, editor_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    data = {"kind": "intent", "organization": org_a.pk, "funder": "x", "deadline": in_days(9)}
    assert client.post(page.url + "wniosek/", data).status_code == 403
    assert not LetterRequest.objects.exists()


def test_asking_is_rate_limited_and_keeps_the_text(client, page, editor_a, org_a, settings):
    settings.PORTAL_APPLICATION_RATE = "1/h"
    client.force_login(editor_a)
    assert ask(client, page, org_a).status_code == 200
    response = ask(client, page, org_a, project_title="Drugi projekt")
    assert response.status_code == 429
    assert html(response).select_one("input[name=project_title]")["value"] == "Drugi projekt"
    assert LetterRequest.objects.count() == 1


def test_the_city_issues_a_numbered_letter_and_mails_the_link(
    client, page, editor_a, org_a, city_editor
):
    client.force_login(editor_a)
    ask(client, page, org_a)
    letter = LetterRequest.objects.get()
    mail.outbox.clear()
    client.force_login(city_editor)
    listing = client.get("/admin/letters/").content.decode()
    assert "Stowarzyszenie Alfa" in listing
    assert "Wspólny ogród" in client.get(f"/admin/letters/inspect/{letter.pk}/").content.decode()
    text = "Miasto z przekonaniem rekomenduje Stowarzyszenie Alfa."
    response = decide(client, letter, status="issued", letter_text=text, reasons="")
    assert response.status_code == 302
    letter.refresh_from_db()
    year = timezone.localdate().year
    assert letter.status == "issued" and letter.number == f"BPO.0001.1.{year}"
    assert letter.decided_at is not None and letter.letter_text == text
    # What the organization wrote is not changed by the decision form.
    assert letter.project_title == "Ogród sąsiedzki"
    (decision,) = mail.outbox
    assert decision.to == ["alfa@example.org"]
    assert letter.number in decision.body
    assert f"{page.full_url}pismo/{letter.pk}/pdf/" in decision.body
    # The next letter of the year gets the next number.
    client.force_login(editor_a)
    ask(client, page, org_a, kind="intent")
    second = LetterRequest.objects.exclude(pk=letter.pk).get()
    client.force_login(city_editor)
    decide(client, second, status="issued", letter_text=second.letter_text, reasons="")
    second.refresh_from_db()
    assert second.number == f"BPO.0001.2.{year}"


def test_a_refusal_needs_reasons_and_mails_them(client, page, editor_a, org_a, city_editor):
    client.force_login(editor_a)
    ask(client, page, org_a)
    letter = LetterRequest.objects.get()
    mail.outbox.clear()
    client.force_login(city_editor)
    response = decide(client, letter, status="refused", letter_text=letter.letter_text, reasons="")
    assert response.status_code == 200
    assert "Podaj uzasadnienie odmowy" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == "submitted" and letter.decided_at is None and not mail.outbox
    reasons = "Projekt nie dotyczy zadań miasta."
    response = decide(client, letter, status="refused", letter_text="", reasons=reasons)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "refused" and letter.number is None and letter.decided_at
    (decision,) = mail.outbox
    assert reasons in decision.body and "/pdf/" not in decision.body
    client.force_login(editor_a)
    assert client.get(page.url + letter.pdf_path()).status_code == 404


def test_ngo_editors_and_plain_users_are_refused_in_the_admin(client, page, editor_a, org_a):
    client.force_login(editor_a)
    ask(client, page, org_a)
    letter = LetterRequest.objects.get()
    plain = User.objects.create_user("resident", "r@example.org", "pass")
    for user in (editor_a, plain):
        client.force_login(user)
        for url in (
            "/admin/letters/",
            f"/admin/letters/inspect/{letter.pk}/",
            f"/admin/letters/edit/{letter.pk}/",
            "/admin/letters/?export=csv",
        ):
            assert client.get(url).status_code in (302, 403), (user, url)
        decide(client, letter, status="issued", letter_text="x", reasons="")
    letter.refresh_from_db()
    assert letter.status == "submitted" and letter.number is None


def test_the_pdf_holds_the_letterhead_the_funder_and_the_number(
    client, issued, editor_a, city_editor, site
):
    office = OfficeSettings.for_site(site)
    office.office_name = "Biuro ds. Organizacji Pozarządowych"
    office.street_address, office.postal_code, office.city = "pl. Przykładowy 1", "60-001", "Miasto"
    office.save()
    for user in (editor_a, city_editor):
        client.force_login(user)
        response = client.get(issued.page.url + issued.pdf_path())
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Biuro ds. Organizacji Pozarządowych",
        "pl. Przykładowy 1",
        "Dotyczy: Stowarzyszenie Alfa – projekt „Ogród sąsiedzki”",
        "Fundusz Przykładowy, program Aktywni Razem",
        issued.number,
        "List polecający",
        "Dyrektor Biura",
    ):
        assert expected in text, expected


def test_the_letter_is_only_its_organizations(client, issued, editor_b, page):
    url = page.url + issued.pdf_path()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(editor_b)
    assert client.get(url).status_code == 404
    # Nor is it listed for them.
    assert issued.number not in client.get(page.url).content.decode()
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    assert client.get(url).status_code == 403
    assert "my-requests" not in client.get(page.url).content.decode()


def test_hostile_input_is_escaped_in_the_page_and_the_pdf(
    client, page, editor_a, org_a, city_editor
):
    client.force_login(editor_a)
    ask(client, page, org_a, funder=HOSTILE, project_title="A & <i>B</i>")
    letter = LetterRequest.objects.get()
    client.force_login(city_editor)
    decide(client, letter, status="issued", letter_text="Tekst <b>pogrubiony</b> & ", reasons="")
    client.force_login(editor_a)
    listing = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing
    text = pdf_text(client.get(page.url + letter.pdf_path()).content)
    assert "<script>alert(1)</script> & <b>Fundusz</b>" in text
    assert "Tekst <b>pogrubiony</b> &" in text and "„A & <i>B</i>”" in text


def test_the_csv_export_lists_the_requests(client, issued, city_editor):
    client.force_login(city_editor)
    response = client.get("/admin/letters/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 2
    assert "Stowarzyszenie Alfa" in rows[1] and issued.number in rows[1]
    assert "Fundusz Przykładowy, program Aktywni Razem" in rows[1]


def test_the_admin_filters_by_kind_and_status(client, issued, page, editor_a, org_a, city_editor):
    client.force_login(editor_a)
    ask(client, page, org_a, kind="address", funder="Fundacja Wzorcowa")
    client.force_login(city_editor)
    by_kind = client.get("/admin/letters/", {"kind": "address"}).content.decode()
    assert "Fundacja Wzorcowa" in by_kind and "Aktywni Razem" not in by_kind
    by_status = client.get("/admin/letters/", {"status": "issued"}).content.decode()
    assert "Aktywni Razem" in by_status and "Fundacja Wzorcowa" not in by_status


def test_page_rules(homes, page):
    from pages.models import HomePage

    assert LetterRequestPage.allowed_parent_page_models() == [HomePage]
    assert not LetterRequestPage.can_create_at(homes["pl"])
    assert not page.show_in_menus


def test_the_demo_letters_in_three_languages(client, homes):
    from portal.demo import load

    load(size=5, only=["site", "organizations", "council", "letters"])
    languages = sorted({p.locale.language_code for p in LetterRequestPage.objects.live()})
    assert languages == ["en", "pl", "uk"]
    assert LetterRequest.objects.count() == 2
    issued = LetterRequest.objects.get(status="issued")
    assert issued.number and issued.decided_at
    # The patronage page, which NGOs visit, links to it.
    from pages.models import PatronageRequestPage

    for code in ("pl", "uk"):
        patronage = PatronageRequestPage.objects.get(locale__language_code=code)
        letters = LetterRequestPage.objects.get(locale__language_code=code)
        links = [a["href"] for a in html(client.get(patronage.url)).select("main a")]
        assert letters.url in links, code
