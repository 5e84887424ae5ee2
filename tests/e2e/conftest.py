"""Browser tests: Debian's headless Chromium driven by Playwright (no downloaded browser).

Skipped, with the reason shown, when Chromium or Playwright is missing; `.ci/run` installs both.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
# Flags for a closed network: no background calls home, no sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    reason = None
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls
    # next to a running loop unless told otherwise; only while the browser is open.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _launch(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser):
    # The tests inject axe-core as an inline script, which the portal's Content-Security-Policy
    # rightly refuses: the test's own script is let through (tests/e2e/test_security_headers.py
    # opens its windows without this, to see the policy at work).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    # Map tiles come from the internet, which these machines cannot reach: answer them empty.
    context.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A fresh browser window: no cookies, no history."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def reading_page(browser):
    """One window for the tests of a module that only read pages (they sign in nowhere and
    send no form): the browser's cache keeps the styles and scripts between them, as a
    resident's does."""
    context, page = _new_page(browser)
    yield page
    context.close()


@pytest.fixture
def site_with_demo(django_db_setup, django_db_blocker, _shared_set):
    """The live server of all browser tests, with a small demo site built once per session.

    The server's thread sees only committed data, so the demo is committed, not rolled back:
    the rows a test adds (an application, a registration, a search query) are deleted after
    it, and after the last browser test the database is emptied and the migrations' site tree
    put back (tests/shared_data.py).
    """
    from django.core.cache import caches

    from tests.shared_data import SHARED_BROWSER_SITE, delete_rows_added_since, row_marks

    with django_db_blocker.unblock():
        marks = row_marks()
        yield SHARED_BROWSER_SITE.server
        delete_rows_added_since(marks)
        # The rate limits count in the database (committed here): each test starts afresh.
        caches["ratelimit"].clear()


def run_axe(page):
    """WCAG 2.1 A and AA violations of the page, as readable lines (empty when none)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        f"{violation['id']}: {violation['help']} -> {', '.join(map(str, node['target']))}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
