"""A grant call's evaluation committee in a real browser: an organization's editor nominates a
candidate from the call's page (a missing declaration is named, what was typed is kept), a city
editor chooses the candidate in the admin, and the call's page names the committee without the
candidate's contact data."""

import pytest

from .conftest import _new_page, run_axe, screenshot

pytestmark = pytest.mark.django_db

PASSWORD = "e2e-pass-123456"


def _sign_in(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type='submit']")


def test_an_editor_nominates_the_city_chooses_and_the_page_names_the_member(
    site_with_demo, page, browser
):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pages import roles
    from pages.grants.models import CommitteeNomination, GrantCallPage
    from pages.models import OrganizationPage

    users = get_user_model().objects
    base = site_with_demo.url
    call = GrantCallPage.objects.live().get(slug="seniorzy-aktywni", locale__language_code="pl")
    assert call.takes_nominations
    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .exclude(committeenominations__call=call)
        .order_by("pk")
        .last()
    )
    users.create_user("komisja-e2e", "komisja-e2e@example.org", PASSWORD).groups.add(
        organization.editor_group
    )
    city = users.create_user("miasto-komisja-e2e", "miasto-k-e2e@example.org", PASSWORD)
    city.groups.add(Group.objects.get(name=roles.CITY_EDITORS))

    page.goto(base + call.url)
    assert run_axe(page) == []
    page.click("a:has-text('Zgłoś kandydata')")
    _sign_in(page, "komisja-e2e")
    page.wait_for_url("**/zglos-kandydata/")
    page.fill("#id_candidate_name", "Zofia Próbna")
    page.fill("#id_candidate_email", "zofia.probna@example.org")
    page.fill("#id_candidate_phone", "000 222 333")
    page.fill("#id_experience", "Oceniała projekty senioralne przez trzy lata.")
    page.check("#id_consent_to_sit")
    page.check("#id_consent_to_publish")
    page.click("form button:has-text('Wyślij zgłoszenie')")
    page.locator(".error-summary").wait_for(state="visible")
    assert "Bez tej zgody kandydata nie można zgłosić" in page.content()
    assert page.input_value("#id_experience") == "Oceniała projekty senioralne przez trzy lata."
    assert page.is_checked("#id_consent_to_publish")
    assert run_axe(page) == []
    screenshot(page, "grant-committee-nomination")
    page.check("#id_impartiality")
    page.click("form button:has-text('Wyślij zgłoszenie')")
    page.wait_for_selector("text=Zgłoszenie wysłane")
    nomination = CommitteeNomination.objects.get(candidate_name="Zofia Próbna")
    assert nomination.organization_id == organization.pk

    context, admin = _new_page(browser)
    try:
        admin.goto(f"{base}/admin/grants/nominations/edit/{nomination.pk}/")
        _sign_in(admin, "miasto-komisja-e2e")
        admin.wait_for_url(f"**/admin/grants/nominations/edit/{nomination.pk}/")
        admin.select_option("#id_status", "chosen")
        admin.click("form button.button-longrunning[type=submit]")
        admin.wait_for_url("**/admin/grants/nominations/")
    finally:
        context.close()
    nomination.refresh_from_db()
    assert nomination.status == "chosen"

    page.goto(base + call.url)
    members = page.locator("ul.committee li").all_inner_texts()
    assert f"Zofia Próbna (zgłoszenie: {organization.title})" in members
    content = page.content()
    assert "zofia.probna@example.org" not in content and "000 222 333" not in content
