"""What residents do, in a real browser, some of it with the keyboard alone."""

from urllib.parse import urlsplit

import pytest

from .conftest import screenshot

# The test database is set up for them; they share one committed site (site_with_demo).
pytestmark = pytest.mark.django_db


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
    summary.wait_for(state="visible")  # the answer to the POST is a new page: wait for it
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
    options = page.locator('[role="listbox"] [role="option"]').all_inner_texts()
    assert any("Organizacje" in text for text in options)
    # The list opens right under the box (it was drawn at the bottom left of the page).
    box = page.locator("#site-search").bounding_box()
    suggestions = page.locator('[role="listbox"]').bounding_box()
    assert abs(suggestions["y"] - (box["y"] + box["height"])) <= 16, (box, suggestions)
    assert abs(suggestions["x"] - box["x"]) <= 16, (box, suggestions)
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url != site_with_demo.url + "/pl/"  # the chosen page opened


def test_applying_to_an_offer(site_with_demo, page):
    from django.core import mail

    from pages.volunteering.models import VolunteerApplication

    page.goto(site_with_demo.url + "/pl/wolontariat/?schedule=regular")
    page.locator(".card--offer .card__title a", has_text="Korepetycje").first.click()
    page.wait_for_selector("#apply-heading")
    # A first try without the consent: the error is named and nothing typed is lost.
    page.fill("#id_full_name", "Ola Przykładowa")
    page.fill("#id_email", "ola.przykladowa@example.org")
    page.fill("#id_message", "Uczę matematyki.")
    page.check("#id_is_adult")
    page.click("button:has-text('Wyślij zgłoszenie')")
    summary = page.locator(".error-summary")
    summary.wait_for(state="visible")
    assert "zgody" in summary.inner_text()
    assert page.input_value("#id_message") == "Uczę matematyki."
    screenshot(page, "path-apply-errors")
    # The error links to its field; tick it with the keyboard and send.
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_consent"
    page.keyboard.press("Space")
    page.locator("button:has-text('Wyślij zgłoszenie')").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Dziękujemy")
    assert "ola.przykladowa@example.org" in page.locator("main").inner_text()
    assert VolunteerApplication.objects.filter(email="ola.przykladowa@example.org").exists()
    assert any("ola.przykladowa@example.org" in message.to for message in mail.outbox)
    screenshot(page, "path-apply-sent")


def test_the_last_place_then_the_waiting_list(site_with_demo, page):
    """The demo's first training has three places, all taken: the next person waits."""
    from pages.trainings.models import TrainingRegistration

    page.goto(site_with_demo.url + "/pl/szkolenia/szkolenie-000/")
    assert "Zapisz się na listę rezerwową" in page.locator("#zapisy button").inner_text()
    page.fill("#id_full_name", "Ewa Próbna")
    page.fill("#id_email", "ewa.probna@example.org")
    page.check("#id_consent")
    page.click("#zapisy button")
    page.wait_for_selector("h1:has-text('liście rezerwowej')")
    registration = TrainingRegistration.objects.get(email="ewa.probna@example.org")
    assert registration.status == "waiting"
    screenshot(page, "path-training-waiting")


def test_filtering_the_calendar_gives_a_feed_with_the_same_filter(site_with_demo, page):
    page.goto(site_with_demo.url + "/pl/kalendarz/")
    page.locator("summary", has_text="Kategoria").click()
    page.get_by_label("Dyżur i konsultacje", exact=False).check()
    page.get_by_role("button", name="Pokaż wydarzenia").click()
    page.wait_for_url("**category=dyzur**")
    titles = page.locator(".event-item__title a").all_inner_texts()
    assert titles and all("Dyżur" in title for title in titles)
    # The subscription links carry the filter, in the page's head and in its content.
    feed = page.locator('link[rel="alternate"][type="text/calendar"]').get_attribute("href")
    assert feed.endswith("/pl/kalendarz/ical/?category=dyzur")
    webcal = page.locator("#subscribe-webcal").get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.endswith("/pl/kalendarz/ical/?category=dyzur")
    # The feed's address names the public address (BASE_URL); this browser reads the live server.
    public = urlsplit(feed)
    body = page.request.get(f"{site_with_demo.url}{public.path}?{public.query}").text()
    assert "BEGIN:VCALENDAR" in body and "Dyżur doradcy" in body and "Festyn" not in body
    # The month grid keeps the filter and is reachable without JavaScript.
    page.get_by_role("link", name="Miesiąc").click()
    page.wait_for_url("**/miesiac/?category=dyzur")
    assert page.locator("table.month-grid caption").inner_text()
    screenshot(page, "path-calendar-filtered")


@pytest.mark.parametrize("width", [1280, 360])
def test_the_month_grid_fits_the_window(site_with_demo, page, width):
    # Every style after an unclosed `@media print {` applied on paper only: the grid was 1,612 px
    # wide in a 1,280 px window and the view tabs showed as a bulleted list.
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_with_demo.url + "/pl/kalendarz/miesiac/")
    assert page.locator("table.month-grid").is_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: {scroll_width} px in {width} px"
    tabs = page.locator(".calendar-views ul").first
    assert tabs.evaluate("element => getComputedStyle(element).listStyleType") == "none"


def test_the_menu_folds_on_a_phone_and_opens_on_request(site_with_demo, page):
    # Fifteen menu links took 600 px of a 360 px-wide phone before any content.
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_with_demo.url + "/pl/")
    calendar_link = page.locator(".main-nav").get_by_role("link", name="Kalendarz wydarzeń")
    assert not calendar_link.is_visible()
    assert page.locator("header").first.bounding_box()["height"] < 260
    toggle = page.get_by_role("button", name="Menu")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    calendar_link.click()
    page.wait_for_url("**/pl/kalendarz/")
    # A wide window shows the whole menu and no button.
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.locator(".main-nav").get_by_role("link", name="Wolontariat").is_visible()


def test_the_menu_keeps_one_row_and_opens_the_rest_under_more(site_with_demo, page):
    # The demo's nineteen sections wrapped into four rows of links before "Więcej".
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_with_demo.url + "/pl/")
    row = page.locator("#main-nav-links")
    assert row.bounding_box()["height"] < 60
    library = page.locator(".main-nav").get_by_role("link", name="Biblioteka dla organizacji")
    assert not library.is_visible()
    page.locator(".main-nav summary").focus()
    page.keyboard.press("Enter")
    assert library.is_visible()
    # Opened over the page, not pushing it down.
    assert row.bounding_box()["height"] < 60
    library.click()
    page.wait_for_url("**/pl/biblioteka/")
