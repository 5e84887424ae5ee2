"""An organization's editor reserves a book from the NGO library in a real browser, sees it on
the catalogue page and cancels it; the catalogue passes axe."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_an_editor_reserves_and_cancels_a_book(site_with_demo, page):
    from django.contrib.auth import get_user_model

    from pages.library.models import LibraryPage, Loan
    from pages.models import OrganizationPage

    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .order_by("pk")
        .last()
    )
    editor = get_user_model().objects.create_user(
        "biblioteka-e2e", "biblioteka-e2e@example.org", "e2e-pass-123456"
    )
    editor.groups.add(organization.editor_group)
    library = LibraryPage.objects.live().get(locale__language_code="pl")

    page.goto(f"{site_with_demo.url}/admin/login/?next={library.url}")
    page.fill("#id_username", "biblioteka-e2e")
    page.fill("#id_password", "e2e-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url(f"**{library.url}")
    assert run_axe(page) == []
    screenshot(page, "library-catalogue")

    card = page.locator(".library-item", has=page.locator("a:has-text('Zarezerwuj')")).first
    title = card.locator(".card__title").inner_text()
    card.locator("a:has-text('Zarezerwuj')").click()
    page.wait_for_selector("form button:has-text('Zarezerwuj')")
    page.click("form button:has-text('Zarezerwuj')")
    page.wait_for_selector("text=Odbierz ją w centrum")
    assert organization.title in page.locator("main").inner_text()
    assert Loan.objects.filter(organization=organization, item__title=title).exists()

    page.goto(site_with_demo.url + library.url)
    loans = page.locator(".library-loans")
    assert title in loans.inner_text()
    loans.locator("button:has-text('Anuluj rezerwację')").first.click()
    page.wait_for_selector("text=Rezerwacja anulowana")
    assert Loan.objects.get(organization=organization, item__title=title).status == "cancelled"
