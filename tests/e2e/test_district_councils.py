"""A resident finds their district council in a real browser: the list, one council, and on its
page an upcoming event and an organization of that district."""

import pytest
from django.utils import timezone

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_a_resident_opens_a_council_and_sees_its_district(site_with_demo, page):
    from pages.calendar.models import CalendarOccurrence
    from pages.district_councils.models import DistrictCouncilIndexPage, DistrictCouncilPage
    from pages.models import OrganizationPage

    index = DistrictCouncilIndexPage.objects.live().get(locale__language_code="pl")
    council = next(
        council
        for council in DistrictCouncilPage.objects.live()
        .filter(locale__language_code="pl")
        .select_related("district")
        if CalendarOccurrence.objects.filter(
            district=council.district, end__gt=timezone.now(), locale=council.locale
        ).exists()
        and OrganizationPage.objects.live().filter(districts=council.district).exists()
    )
    page.goto(site_with_demo.url + index.url)
    assert page.locator(".district-council").count() == (
        DistrictCouncilPage.objects.live().filter(locale__language_code="pl").count()
    )
    assert run_axe(page) == []
    screenshot(page, "district-councils-list")
    page.click(f".district-council a:has-text('{council.title}')")
    page.wait_for_url(f"**{council.url}")
    assert page.locator("h1").inner_text() == council.title
    events = page.locator(".district-section--events li a")
    assert events.count() >= 1
    organizations = page.locator(".district-section--organizations li a")
    organization = organizations.first.inner_text()
    assert OrganizationPage.objects.filter(
        title=organization, districts__slug=council.district.slug
    ).exists()
    assert run_axe(page) == []
    screenshot(page, "district-council")
    events.first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
