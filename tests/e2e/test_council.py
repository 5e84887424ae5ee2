"""The city's advisory bodies in a real browser: from the main menu to the bodies' list (the
council first), to a Civic Dialogue Commission (its members, resolutions by year), and from its
coming meeting to that day in the calendar."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_a_resident_goes_from_the_list_to_a_commission_and_its_meeting_in_the_calendar(
    site_with_demo, page
):
    from pages.council.models import AdvisoryBodyIndexPage, AdvisoryBodyPage

    base = site_with_demo.url
    index = AdvisoryBodyIndexPage.objects.live().get(locale__language_code="pl")
    commission = (
        AdvisoryBodyPage.objects.live()
        .child_of(index)
        .filter(kind="commission")
        .order_by("title")
        .first()
    )

    page.goto(base + "/pl/")
    page.locator(f"nav.main-nav a:has-text('{index.title}')").first.evaluate("a => a.click()")
    page.wait_for_url(f"**{index.url}")
    titles = page.locator(".advisory-body .card__title a").all_inner_texts()
    assert titles[0] == "Rada Działalności Pożytku Publicznego"
    assert commission.title in titles[1:]
    assert run_axe(page) == []
    screenshot(page, "advisory-bodies")

    page.click(f".advisory-body a:has-text('{commission.title}')")
    page.wait_for_url(f"**{commission.url}")
    assert page.locator("h1").inner_text() == commission.title
    assert "Komisja Dialogu Obywatelskiego" in page.locator("h1 + .card__meta").inner_text()
    assert page.locator("#members-heading + table tbody tr").count() >= 5
    everything = page.locator("li.resolution").count()
    page.locator(".year-filter a").nth(1).click()
    page.wait_for_url("**?year=*")
    assert 1 <= page.locator("li.resolution").count() < everything
    assert run_axe(page) == []
    screenshot(page, "advisory-body")

    page.locator(".meeting__calendar").first.click()
    page.wait_for_url("**?from=*")
    results = page.locator("main").inner_text()
    assert commission.title in results
    assert run_axe(page) == []
