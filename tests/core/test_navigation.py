"""The main menu city editors arrange in the settings, in the reader's language."""

import pytest
from wagtail.models import Site

from pages.models import NavigationItem, NavigationSettings
from tests.factories import StandardPageFactory
from tests.helpers import html


def menu(client, path):
    return [(a.text.strip(), a["href"]) for a in html(client.get(path)).select("nav.main-nav a")]


@pytest.fixture
def pages(homes, locales):
    about = StandardPageFactory(parent=homes["pl"], title="Kontakt", slug="kontakt")
    about.save_revision().publish()
    english = about.copy_for_translation(locales["en"])
    english.title = "Contact"
    english.slug = "contact"
    english.save_revision().publish()
    hidden = StandardPageFactory(parent=homes["pl"], title="W menu", slug="w-menu")
    hidden.show_in_menus = True
    hidden.save_revision().publish()
    return about, hidden


@pytest.mark.django_db
def test_without_items_the_menu_shows_the_pages_marked_for_menus(client, pages):
    assert ("W menu", "/pl/w-menu/") in menu(client, "/pl/")
    assert all(label != "Kontakt" for label, _ in menu(client, "/pl/"))


@pytest.mark.django_db
def test_city_editors_order_the_menu_and_it_follows_the_language(client, pages):
    about, _hidden = pages
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.items = [
        NavigationItem(url="https://bip.example.org/", label_pl="BIP", label_uk="BIP (укр.)"),
        NavigationItem(page=about),
    ]
    settings.save()
    assert menu(client, "/pl/") == [
        ("BIP", "https://bip.example.org/"),
        ("Kontakt", "/pl/kontakt/"),
    ]
    assert menu(client, "/en/") == [
        ("BIP", "https://bip.example.org/"),
        ("Contact", "/en/contact/"),
    ]
    # No Ukrainian translation of the page yet: the source page, rather than nothing.
    assert menu(client, "/uk/") == [
        ("BIP (укр.)", "https://bip.example.org/"),
        ("Kontakt", "/pl/kontakt/"),
    ]


@pytest.mark.django_db
def test_a_long_menu_keeps_seven_links_in_the_row_and_the_rest_under_more(client, pages):
    about, _hidden = pages
    settings = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.items = [
        NavigationItem(url=f"https://example.org/{n}/", label_pl=f"Pozycja {n}") for n in range(11)
    ] + [NavigationItem(page=about)]
    settings.save()
    nav = html(client.get("/pl/kontakt/")).select_one("nav.main-nav")
    row = [a.text for a in nav.select("#main-nav-links > li > a")]
    assert row == [f"Pozycja {n}" for n in range(7)]
    more = nav.select_one("li.main-nav__more details")
    assert more.select_one("summary").text == "Więcej"
    assert [a.text for a in more.select("a")] == [
        "Pozycja 7",
        "Pozycja 8",
        "Pozycja 9",
        "Pozycja 10",
        "Kontakt",
    ]
    # The reader's page is marked where it is, also under "More".
    assert more.select_one("a[aria-current=page]").text == "Kontakt"
    # Seven links or fewer: no "More".
    settings.items = [
        NavigationItem(url=f"https://example.org/{n}/", label_pl=f"Pozycja {n}") for n in range(7)
    ]
    settings.save()
    assert not html(client.get("/pl/")).select_one("nav.main-nav details")


@pytest.mark.django_db
def test_an_item_needs_a_page_or_an_address(pages):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        NavigationItem().clean()
    with pytest.raises(ValidationError):
        NavigationItem(url="https://example.org/").clean()  # no label


@pytest.mark.django_db
def test_the_menu_setting_opens_in_the_admin(client, pages):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("a", "a@example.org", "x" * 12))
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/pages/navigationsettings/{site.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_a_resident_reaches_the_centre_advice_and_patronage_from_the_home_page(
    client, demo, language
):
    from pages.centre.models import CentrePage
    from pages.models import PatronageRequestPage

    def visit(path):
        response = client.get(path)
        assert response.status_code == 200, path
        return response, html(response)

    _home, doc = visit(f"/{language}/")
    found = {}
    # The links a resident sees on every page: the main menu and the footer.
    for link in doc.select("nav.main-nav a, footer a"):
        href = link["href"]
        if not href.startswith(f"/{language}/"):
            continue
        response, page_doc = visit(href)
        page = response.context.get("page")  # none on a view that is not a page (open data)
        if page is not None and isinstance(page.specific, (CentrePage, PatronageRequestPage)):
            page = page.specific
            assert page.locale.language_code == language
            assert page_doc.html["lang"].startswith(language)
            found[type(page).__name__] = (href, page_doc)
    assert set(found) == {"CentrePage", "PatronageRequestPage"}
    centre_href, centre_doc = found["CentrePage"]
    advice = [a["href"] for a in centre_doc.select("a") if a["href"].endswith("doradztwo/")]
    assert advice and advice[0].startswith(centre_href)
    _response, advice_doc = visit(advice[0])
    assert advice_doc.html["lang"].startswith(language)
    assert advice_doc.select("h1")
