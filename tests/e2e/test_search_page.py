"""The search page as a resident sees it on a phone and on a computer."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.django_db

PHONE = {"width": 360, "height": 740}


def _boxes(page):
    first = page.locator(".search-result").first.bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    return first, facets


def test_on_a_phone_the_first_result_comes_before_the_facets(site_with_demo, page):
    """The first result stood about 1,500 px down, under the list of facets."""
    page.set_viewport_size(PHONE)
    page.goto(site_with_demo.url + "/pl/szukaj/?q=wolontariat")
    first, facets = _boxes(page)
    heading = page.locator("h1").bounding_box()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "search-phone")

    assert first["y"] < facets["y"], (first, facets)
    # From the page's heading, the first result is less than half a screen down (the header
    # above the heading is the same on every page).
    assert first["y"] - heading["y"] < PHONE["height"] / 2, (heading, first)
    assert scroll_width <= PHONE["width"]


def test_on_a_computer_the_facets_stand_beside_the_results(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/szukaj/?q=wolontariat")
    first, facets = _boxes(page)

    assert facets["x"] > first["x"] + first["width"] - 1, (first, facets)
    assert facets["y"] < first["y"] + first["height"], (first, facets)


def test_a_facet_chosen_after_the_results_keeps_the_query(site_with_demo, page):
    """The facets follow the results in the page but still belong to the search form."""
    page.set_viewport_size(PHONE)
    page.goto(site_with_demo.url + "/pl/szukaj/?q=wolontariat")
    page.locator('.search-facet[data-facet="type"] input[type=checkbox]').first.check()
    with page.expect_navigation():
        page.locator(".search-facets button[type=submit]").click()

    assert "q=wolontariat" in page.url
    assert "type=" in page.url
    assert page.locator(".search-result").count() > 0
