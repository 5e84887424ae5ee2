"""An NGO fair in a real browser: an organization's editor registers a stand (a missing field is
named, what was typed is kept), the office accepts it in the admin with a number and a place on
the map, and the stand shows on the fair's page, in the list and on the map."""

import pytest

from .conftest import _new_page, run_axe, screenshot

pytestmark = pytest.mark.django_db

PASSWORD = "e2e-pass-123456"


def sign_in(page, base, username, next_url):
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type='submit']")


def test_a_stand_is_registered_accepted_and_shown(site_with_demo, page, browser):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pages import roles
    from pages.fairs.models import FairPage, StandRegistration
    from pages.models import OrganizationPage

    users = get_user_model().objects
    base = site_with_demo.url
    fair = FairPage.objects.live().get(locale__language_code="pl")
    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .exclude(standregistrations__fair=fair)
        .order_by("pk")
        .last()
    )
    editor = users.create_user("targi-e2e", "targi-e2e@example.org", PASSWORD)
    editor.groups.add(organization.editor_group)

    # The organization's editor: the fair's page, then signing in to register.
    page.goto(base + fair.url)
    page.wait_for_selector("#fair-map .leaflet-marker-icon")
    accepted = page.locator(".fair-stand").count()
    assert page.locator("#fair-map .leaflet-marker-icon").count() == accepted
    assert run_axe(page) == []
    page.click("a:has-text('Zgłoś stoisko')")
    page.fill("#id_username", "targi-e2e")
    page.fill("#id_password", PASSWORD)
    page.click("button[type='submit']")
    page.wait_for_url("**/zglos-stoisko/")
    page.fill("#id_exhibit", "Pokaz robotów zbudowanych przez młodzież.")
    page.check("#id_needs_power")
    page.fill("#id_contact_name", "Osoba Testowa")
    page.click("form button:has-text('Wyślij zgłoszenie')")
    page.locator(".error-summary").wait_for(state="visible")
    assert page.input_value("#id_exhibit") == "Pokaz robotów zbudowanych przez młodzież."
    assert page.is_checked("#id_needs_power")
    assert run_axe(page) == []
    page.fill("#id_contact_email", "robotyka-e2e@example.org")
    page.click("form button:has-text('Wyślij zgłoszenie')")
    page.wait_for_selector("text=Stoisko zgłoszone")
    registration = StandRegistration.objects.get(fair=fair, organization=organization)
    assert registration.status == "submitted" and registration.needs_power

    # The office, in a window of its own, accepts it and places it on the map.
    office = users.create_user("biuro-e2e", "biuro-e2e@example.org", PASSWORD)
    office.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    context, admin = _new_page(browser)
    try:
        edit = f"/admin/fairs/stands/edit/{registration.pk}/"
        sign_in(admin, base, "biuro-e2e", edit)
        admin.wait_for_url(f"**{edit}")
        admin.select_option("#id_status", "accepted")
        admin.fill("#id_stand_number", "99")
        admin.fill("#id_latitude", "52.408900")
        admin.fill("#id_longitude", "16.934300")
        admin.click("form button.button-longrunning[type='submit']")
        admin.wait_for_url("**/admin/fairs/stands/")
    finally:
        context.close()
    registration.refresh_from_db()
    assert (registration.status, registration.stand_number) == ("accepted", "99")

    # A resident sees the stand in the list and on the map.
    context, resident = _new_page(browser)
    try:
        resident.goto(base + fair.url)
        stand = resident.locator(".fair-stand", has_text=organization.title)
        assert "Stoisko 99" in stand.inner_text()
        assert "Pokaz robotów" in stand.inner_text()
        assert "robotyka-e2e@example.org" not in resident.content()
        resident.wait_for_selector("#fair-map .leaflet-marker-icon")
        assert resident.locator("#fair-map .leaflet-marker-icon").count() == accepted + 1
        assert resident.locator("#fair-map .leaflet-marker-icon[title^='99: ']").count() == 1
        screenshot(resident, "fair-page")
    finally:
        context.close()
