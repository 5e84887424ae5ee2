"""A resident filters the business partners; an organization's editor asks one for a
partnership in a real browser: an empty message is named and the choice kept, then it is sent."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_an_editor_asks_a_partner_for_a_partnership(site_with_demo, page):
    from django.contrib.auth import get_user_model

    from pages.models import OrganizationPage
    from pages.partners.models import PartnershipRequest, PartnersIndexPage

    index = PartnersIndexPage.objects.live().get(locale__language_code="pl")
    page.goto(site_with_demo.url + index.url)
    page.select_option("#partners-offer", "volunteering")
    page.click("form.filters button")
    page.wait_for_url("**oferuje=volunteering**")
    titles = page.locator(".partner .card__title").all_inner_texts()
    assert titles and all("Drukarnia" not in title for title in titles)
    assert run_axe(page) == []
    screenshot(page, "partners-listing")

    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .order_by("pk")
        .last()
    )
    editor = get_user_model().objects.create_user(
        "partnerzy-e2e", "partnerzy-e2e@example.org", "e2e-pass-123456"
    )
    editor.groups.add(organization.editor_group)
    page.locator(".partner .card__title a").first.click()
    page.click("a:has-text('Poproś o partnerstwo')")
    page.fill("#id_username", "partnerzy-e2e")
    page.fill("#id_password", "e2e-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url("**/napisz/")
    page.select_option("#id_help_kind", "volunteering")
    page.click("form button:has-text('Wyślij')")
    page.locator(".error-summary").wait_for(state="visible")
    assert page.input_value("#id_help_kind") == "volunteering"
    page.fill("#id_message", "Szukamy wolontariuszy do remontu świetlicy.")
    page.click("form button:has-text('Wyślij')")
    page.wait_for_selector("text=Odpowiedź przyjdzie na Twój e-mail")
    sent = PartnershipRequest.objects.get(organization=organization)
    assert sent.help_kind == "volunteering"
