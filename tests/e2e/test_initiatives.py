"""A resident proposes a local initiative in a real browser: a missing consent is named and
what was typed is kept; the list shows the initiatives the city took up."""

import datetime

import pytest
from django.utils import timezone

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_a_resident_proposes_an_initiative(site_with_demo, page):
    from pages.initiatives.models import LocalInitiative, LocalInitiativePage

    target = LocalInitiativePage.objects.live().get(locale__language_code="pl")
    page.goto(site_with_demo.url + target.url)
    assert page.locator(".initiative").count() == LocalInitiative.objects.public().count()
    assert run_axe(page) == []
    screenshot(page, "initiatives-list")
    page.click("a:has-text('Zgłoś inicjatywę')")
    start = timezone.localdate() + datetime.timedelta(days=14)
    page.fill("#id_title", "Sąsiedzka biblioteczka")
    page.fill("#id_group_name", "Mieszkańcy bloku przy ul. Testowej")
    page.select_option("#id_area", index=1)
    page.fill("#id_description", "Półka z książkami na klatce schodowej.")
    page.fill("#id_starts_on", start.isoformat())
    page.fill("#id_ends_on", (start + datetime.timedelta(days=30)).isoformat())
    page.fill("#id_city_support", "Zgoda zarządcy budynku.")
    page.fill("#id_contact_name", "Osoba Testowa")
    page.fill("#id_contact_email", "biblioteczka-e2e@example.org")
    page.click("form button:has-text('Wyślij')")
    page.locator(".error-summary").wait_for(state="visible")
    assert page.input_value("#id_description") == "Półka z książkami na klatce schodowej."
    page.check("#id_consent")
    page.click("form button:has-text('Wyślij')")
    page.wait_for_selector("text=Wniosek dotarł do miasta")
    assert LocalInitiative.objects.get(title="Sąsiedzka biblioteczka").status == "submitted"
