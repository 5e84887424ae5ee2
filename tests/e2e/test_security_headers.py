"""The Content-Security-Policy at work in a real browser: pages with scripts still work and the
browser reports no violation (a refused script or style would show up here first)."""

import pytest

pytestmark = pytest.mark.django_db

# Collected before any script of the page runs; an init script is the test's, not the page's.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.fixture
def strict_page(browser):
    """A window that obeys the page's policy (no bypass), noting every violation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))
    context.add_init_script(LISTEN)
    page = context.new_page()
    messages = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_messages = messages
    yield page
    context.close()


def violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_messages


def test_pages_with_scripts_work_under_the_policy(site_with_demo, strict_page):
    page = strict_page
    for path in [
        "/pl/organizacje/mapa/",
        "/pl/organizacje/org-00001/",
        "/pl/kalendarz/",
        "/pl/kalendarz/tydzien/",
    ]:
        response = page.goto(site_with_demo.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        found = violations(page)
        assert found == [], (path, found)
    # The map drew itself (Leaflet's script ran and set its styles).
    page.goto(site_with_demo.url + "/pl/organizacje/mapa/")
    page.wait_for_selector("#directory-map.leaflet-container")

    # The search box's suggestions come from a script and a fetch.
    page.goto(site_with_demo.url + "/pl/")
    page.locator("#site-search").fill("fundacja")
    page.wait_for_selector("[role='listbox'] [role='option']")
    found = violations(page)
    assert found == [], "\n".join(found)


def test_the_admin_works_under_its_own_policy(site_with_demo, strict_page):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    get_user_model().objects.create_superuser("csp", "csp@example.org", "csp-pass-123456")
    page = strict_page
    page.goto(site_with_demo.url + "/admin/login/")
    page.fill("#id_username", "csp")
    page.fill("#id_password", "csp-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url("**/admin/")
    page.goto(site_with_demo.url + "/admin/pages/")
    page.wait_for_selector("main")
    # The page editor: Wagtail's most script-heavy screen (panels, rich text, choosers).
    home = Page.objects.get(depth=2, locale__language_code="pl")
    page.goto(f"{site_with_demo.url}/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    found = violations(page)
    assert found == [], "\n".join(found)
