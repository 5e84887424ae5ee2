"""Premises for NGOs in a real browser: the map marks the listed premises, and an
organization's editor applies (a missing field is named, what was typed is kept)."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_the_map_and_an_application(site_with_demo, page):
    from django.contrib.auth import get_user_model

    from pages.models import OrganizationPage
    from pages.premises.models import PremisesApplication, PremisesIndexPage

    index = PremisesIndexPage.objects.live().get(locale__language_code="pl")
    page.goto(site_with_demo.url + index.url)
    page.wait_for_selector("#premises-map .leaflet-marker-icon")
    cards = page.locator(".premises").count()
    assert page.locator("#premises-map .leaflet-marker-icon").count() == cards
    page.check("input[name=dostepne]")
    page.click("form.filters button")
    page.wait_for_url("**dostepne=1**")
    assert page.locator(".premises").count() == cards - 1  # the rented one is gone
    assert run_axe(page) == []
    screenshot(page, "premises-listing")

    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .order_by("pk")
        .last()
    )
    editor = get_user_model().objects.create_user(
        "lokale-e2e", "lokale-e2e@example.org", "e2e-pass-123456"
    )
    editor.groups.add(organization.editor_group)
    page.locator(".premises .card__title a").first.click()
    page.click("a:has-text('Złóż wniosek o ten lokal')")
    page.fill("#id_username", "lokale-e2e")
    page.fill("#id_password", "e2e-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url("**/zloz-wniosek/")
    page.fill("#id_purpose", "Klub seniora dwa razy w tygodniu.")
    page.click("form button:has-text('Wyślij wniosek')")
    page.locator(".error-summary").wait_for(state="visible")
    assert page.input_value("#id_purpose") == "Klub seniora dwa razy w tygodniu."
    page.fill("#id_hours_per_week", "8")
    page.click("form button:has-text('Wyślij wniosek')")
    page.wait_for_selector("text=Decyzja przyjdzie na Twój e-mail")
    assert PremisesApplication.objects.filter(organization=organization).exists()
