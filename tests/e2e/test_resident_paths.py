"""What residents do, in a real browser, some of it with the keyboard alone."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_skip_link_moves_focus_to_the_content(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_filtering_the_directory_with_the_keyboard_only(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/organizacje/")
    total = page.locator("#results-heading").inner_text()
    # Reach the "takes volunteers" checkbox by tabbing, tick it with Space, submit with Enter.
    target = page.locator('input[name="volunteers"]')
    for _ in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the checkbox is not reachable with Tab")
    page.keyboard.press("Space")
    assert target.is_checked()
    page.keyboard.press("Enter")
    page.wait_for_url("**volunteers=1**")
    assert page.locator("#results-heading").inner_text() != total
    cards = page.locator(".cards .card")
    assert cards.count() > 0
    for index in range(cards.count()):
        assert "Przyjmuje wolontariuszy" in cards.nth(index).inner_text()
    screenshot(page, "path-directory-filtered")


def test_switching_language_keeps_the_page(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/organizacje/org-00001/")
    page.locator('nav.language-switcher a[hreflang="uk"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/uk/orhanizatsii/org-00001/")
    assert page.locator("html").get_attribute("lang") == "uk"
    assert "Про організацію" in page.content()


def test_searching_from_the_header_with_the_keyboard(site_with_demo, page):
    page.goto(site_with_demo.url + "/en/")
    page.locator("#site-search").focus()
    page.keyboard.type("organization")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=organization**")
    assert page.locator("h1").inner_text()
    assert page.locator("input#site-search").input_value() == "organization"


def test_the_map_shows_the_filtered_organizations(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/organizacje/mapa/?volunteers=1")
    page.wait_for_selector("#directory-map .leaflet-marker-icon")
    markers = page.locator("#directory-map .leaflet-marker-icon").count()
    listed = page.locator(".cards .card").count()
    assert markers == listed > 0


def test_a_claim_with_errors_keeps_what_was_typed(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/organizacje/org-00001/dostep/")
    page.fill("#id_full_name", "Anna Przykładowa")
    page.fill("#id_email", "to-nie-jest-email")
    page.click("form.form button[type=submit]")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.locator("#id_full_name").input_value() == "Anna Przykładowa"
    summary.locator('a[href="#id_email"]').click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_autocomplete_suggests_titles_in_the_header_search(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/")
    page.locator("#site-search").focus()
    page.keyboard.type("Organiz")
    option = page.locator('[role="listbox"] [role="option"]').first
    option.wait_for(timeout=5000)
    assert page.locator("#site-search").get_attribute("aria-expanded") == "true"
    assert "Organizacje" in option.inner_text()
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != site_with_demo.url + "/pl/"  # the chosen page opened
