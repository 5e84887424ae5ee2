"""Letters for NGOs in a real browser: an organization's editor asks for a letter of
recommendation (a past deadline is named and what was typed kept), a city editor issues it in the
admin, and the editor downloads the PDF from the page."""

import datetime

import pytest
from django.utils import timezone

from .conftest import _new_page, run_axe, screenshot

pytestmark = pytest.mark.django_db


def _sign_in(page, username, password):
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type='submit']")


def test_an_editor_asks_the_city_issues_and_the_editor_downloads(site_with_demo, page, browser):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pages import roles
    from pages.letters.models import LetterRequest, LetterRequestPage
    from pages.models import OrganizationPage

    users = get_user_model().objects
    target = LetterRequestPage.objects.live().get(locale__language_code="pl")
    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .order_by("pk")
        .last()
    )
    editor = users.create_user("listy-e2e", "listy-e2e@example.org", "e2e-pass-123456")
    editor.groups.add(organization.editor_group)
    city = users.create_user("miasto-listy-e2e", "miasto-e2e@example.org", "e2e-pass-123456")
    city.groups.add(Group.objects.get(name=roles.CITY_EDITORS))

    page.goto(site_with_demo.url + target.url)
    assert run_axe(page) == []
    page.click("a:has-text('Poproś o list')")
    _sign_in(page, "listy-e2e", "e2e-pass-123456")
    page.wait_for_url("**/wniosek/")
    assert page.input_value("#id_email") == "listy-e2e@example.org"
    page.check("input[name=kind][value=recommendation]")
    page.select_option("#id_organization", str(organization.pk))
    page.fill("#id_funder", "Fundusz Próbny, program Sąsiedzi")
    page.fill("#id_project_title", "Warsztaty w Centrum")
    page.fill("#id_project_summary", "Cykl warsztatów dla seniorów.")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("#id_deadline", yesterday.isoformat())
    page.click("form button:has-text('Wyślij prośbę')")
    page.locator(".error-summary").wait_for(state="visible")
    assert "Podaj datę w przyszłości" in page.content()
    assert page.input_value("#id_project_summary") == "Cykl warsztatów dla seniorów."
    assert run_axe(page) == []
    screenshot(page, "letters-request")
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    page.fill("#id_deadline", deadline.isoformat())
    page.click("form button:has-text('Wyślij prośbę')")
    page.wait_for_selector("text=Prośba wysłana")
    letter = LetterRequest.objects.get(funder="Fundusz Próbny, program Sąsiedzi")

    context, admin = _new_page(browser)
    try:
        admin.goto(f"{site_with_demo.url}/admin/letters/edit/{letter.pk}/")
        _sign_in(admin, "miasto-listy-e2e", "e2e-pass-123456")
        admin.wait_for_url(f"**/admin/letters/edit/{letter.pk}/")
        # The proposed text names the organization; the city may edit it before issuing.
        assert organization.title in admin.input_value("#id_letter_text")
        admin.select_option("#id_status", "issued")
        admin.click("form button.button-longrunning[type=submit]")
        admin.wait_for_url("**/admin/letters/")
    finally:
        context.close()
    letter.refresh_from_db()
    assert letter.status == "issued" and letter.number

    page.goto(site_with_demo.url + target.url)
    link = page.locator(f"a:has-text('{letter.number}')")
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
