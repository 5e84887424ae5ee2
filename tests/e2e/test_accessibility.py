"""Every public page type passes axe-core's WCAG 2.1 A/AA rules in pl, en and uk."""

import pytest

from .conftest import run_axe, screenshot

# The test database is set up for them; they share one committed site (site_with_demo).
pytestmark = pytest.mark.django_db

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
        "/pl/wolontariat/",
        "/pl/wolontariat/?mode=online&minors=1&from=2020-01-01",
        "/pl/organizacje/org-00000/oferta-0000/",
        "/pl/wolontariat/oferta-0004/",
        "/pl/szkolenia/",
        "/pl/szkolenia/archiwum/",
        "/pl/szkolenia/szkolenie-000/",
        "/pl/szkolenia/szkolenie-001/",
        "/pl/kalendarz/",
        "/pl/kalendarz/?category=dyzur&access=step-free",
        "/pl/kalendarz/miesiac/",
        "/pl/kalendarz/tydzien/",
        "/pl/kalendarz/dyzur-doradcy-ngo/",
        "/pl/dobre-praktyki/",
        "/pl/dobre-praktyki/?area=seniorzy&year=2024",
        "/pl/dobre-praktyki/sasiedzki-ogrod/",
        "/pl/baza-wiedzy/",
        "/pl/baza-wiedzy/?category=guide&q=organizacja",
        "/pl/baza-wiedzy/ustawa-o-wolontariacie/",
        "/pl/aktualnosci/",
        "/pl/aktualnosci/?area=seniorzy",
        "/pl/aktualnosci/wiadomosc-000/",
        "/pl/konkursy/",
        "/pl/konkursy/seniorzy-aktywni/",
        "/pl/konkursy/edukacja-pozaszkolna/",
        "/pl/konkursy/kultura-lokalna/",
        "/pl/rejestr-dotacji/",
        "/pl/rejestr-dotacji/?year=2026&mode=competition",
        "/pl/konsultacje/",
        "/pl/konsultacje/program-wspolpracy/",
        "/pl/konsultacje/regulamin-malych-grantow/raport/",
        "/pl/ciala-doradcze/",
        "/pl/ciala-doradcze/rada-pozytku/",
        "/pl/ciala-doradcze/kdo-kultura/",
        "/pl/ciala-doradcze/kdo-kultura/?year=2025",
        "/pl/patronat/",
        "/pl/centrum/",
        "/pl/liderzy/",
        "/pl/liderzy/zglos-sie/",
        "/pl/newsletter/",
        "/pl/centrum/doradztwo/",
        "/pl/rady-osiedli/",
        "/pl/rady-osiedli/?q=rada",
    ],
    "en": [
        "/en/",
        "/en/about/",
        "/en/organizations/",
        "/en/organizations/org-00001/",
        "/en/search/?q=organization",
        "/en/accessibility-statement/",
        "/en/volunteering/",
        "/en/organizations/org-00000/oferta-0000/",
        "/en/trainings/",
        "/en/trainings/szkolenie-000/",
        "/en/events/",
        "/en/events/miesiac/",
        "/en/events/dyzur-doradcy-ngo/",
        "/en/good-practices/",
        "/en/good-practices/sasiedzki-ogrod/",
        "/en/knowledge-base/",
        "/en/news/",
        "/en/grants-register/",
        "/en/grant-calls/local-culture/",
        "/en/district-councils/",
        "/en/advisory-bodies/",
        "/en/advisory-bodies/kdo-polityka-spoleczna/",
    ],
    "uk": [
        "/uk/",
        "/uk/pro-portal/",
        "/uk/orhanizatsii/",
        "/uk/orhanizatsii/org-00001/",
        "/uk/poshuk/?q=організація",
        "/uk/deklaratsiia-dostupnosti/",
        "/uk/volonterstvo/",
        "/uk/orhanizatsii/org-00000/oferta-0000/",
        "/uk/navchannia/",
        "/uk/navchannia/szkolenie-000/",
        "/uk/kalendar/",
        "/uk/kalendar/miesiac/",
        "/uk/kalendar/dyzur-doradcy-ngo/",
        "/uk/dobri-praktyky/",
        "/uk/dobri-praktyky/sasiedzki-ogrod/",
        "/uk/baza-znan/",
        "/uk/rady-raioniv/",
        "/uk/konkursy/mistseva-kultura/",
        "/uk/doradchi-organy/kdo-kultura/",
    ],
}


@pytest.mark.parametrize(
    ("language", "path"),
    [(language, path) for language, paths in PAGES.items() for path in paths],
)
def test_pages_have_no_wcag_violations(site_with_demo, reading_page, language, path):
    page = reading_page
    # One test per page, so a failure names its page and the pages spread over the workers.
    response = page.goto(site_with_demo.url + path)
    assert response.status in (200, 404), path
    assert page.locator("html").get_attribute("lang") == language
    violations = run_axe(page)
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_")
    screenshot(page, f"{language}-{name or 'home'}"[:100])
    assert violations == []


def test_axe_reports_what_it_finds(page):
    # The check above would pass on an empty result: prove axe runs and reports violations.
    page.set_content('<html lang="pl"><body><main><img src="x.png"></main></body></html>')
    violations = run_axe(page)
    assert any(line.startswith("image-alt") for line in violations)
