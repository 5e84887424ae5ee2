"""Every public page type passes axe-core's WCAG 2.1 A/AA rules in pl, en and uk."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# Page types and listings, per language; later page families append theirs.
PAGES = {
    "pl": [
        "/pl/",
        "/pl/o-portalu/",
        "/pl/organizacje/",
        "/pl/organizacje/?area=seniorzy&opp=1",
        "/pl/organizacje/mapa/",
        "/pl/organizacje/org-00001/",
        "/pl/organizacje/org-00001/dostep/",
        "/pl/szukaj/?q=organizacja",
        "/pl/nie-ma-takiej-strony/",
        "/pl/deklaracja-dostepnosci/",
    ],
    "en": [
        "/en/",
        "/en/about/",
        "/en/organizations/",
        "/en/organizations/org-00001/",
        "/en/search/?q=organization",
        "/en/accessibility-statement/",
    ],
    "uk": [
        "/uk/",
        "/uk/pro-portal/",
        "/uk/orhanizatsii/",
        "/uk/orhanizatsii/org-00001/",
        "/uk/poshuk/?q=організація",
        "/uk/deklaratsiia-dostupnosti/",
    ],
}


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_pages_have_no_wcag_violations(site_with_demo, page, language):
    failures = {}
    for path in PAGES[language]:
        response = page.goto(site_with_demo.url + path)
        assert response.status in (200, 404), path
        assert page.locator("html").get_attribute("lang") == language
        violations = run_axe(page)
        if violations:
            failures[path] = violations
        name = (
            path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_")
        )
        screenshot(page, f"{language}-{name or 'home'}"[:100])
    assert failures == {}


def test_axe_reports_what_it_finds(page):
    # The check above would pass on an empty result: prove axe runs and reports violations.
    page.set_content('<html lang="pl"><body><main><img src="x.png"></main></body></html>')
    violations = run_axe(page)
    assert any(line.startswith("image-alt") for line in violations)
