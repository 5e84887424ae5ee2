"""The cache of anonymous pages: served without the database, and never stale after a change."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from pages.models import NavigationSettings, OfficeSettings
from pages.trainings.models import TrainingPage, register
from tests.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.factories import StandardPageFactory
from tests.trainings.factories import TrainingIndexPageFactory, make_training


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path, site):
    settings.PAGE_CACHE_SECONDS = 300
    settings.VAR_DIR = tmp_path
    # The site's settings rows are created on first read, which is a change of content.
    OfficeSettings.for_site(site)
    NavigationSettings.for_site(site)
    cache.clear()


@pytest.fixture
def page(homes):
    return StandardPageFactory(parent=homes["pl"], title="Godziny otwarcia", slug="godziny")


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, page, django_assert_num_queries
):
    first = client.get(page.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_published_change_shows_at_once(client, page):
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    page.title = "Nowe godziny otwarcia"
    page.save_revision().publish()

    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nowe godziny otwarcia" in response.content.decode()


def test_unpublished_moved_and_deleted_pages_leave_the_cached_listing(client, homes):
    calendar = CalendarPageFactory(parent=homes["pl"])
    kept = EventPageFactory(parent=calendar, title="Piknik sąsiedzki")
    gone = EventPageFactory(parent=calendar, title="Warsztaty rękodzieła")
    assert "Warsztaty rękodzieła" in client.get(calendar.url).content.decode()
    assert client.get(calendar.url)["X-Page-Cache"] == "hit"

    gone.unpublish()
    assert "Warsztaty rękodzieła" not in client.get(calendar.url).content.decode()

    # The Polish calendar lists every event of the Polish tree: move one out of the tree.
    elsewhere = CalendarPageFactory(parent=homes["en"], title="Events", slug="events")
    moved = EventPageFactory(parent=calendar, title="Bieg charytatywny")
    assert "Bieg charytatywny" in client.get(calendar.url).content.decode()
    moved.move(elsewhere, pos="last-child")
    assert "Bieg charytatywny" not in client.get(calendar.url).content.decode()

    kept.delete()
    assert "Piknik sąsiedzki" not in client.get(calendar.url).content.decode()


def test_a_registration_updates_the_places_left_in_a_cached_listing(client, homes):
    index = TrainingIndexPageFactory(parent=homes["pl"])
    training = make_training(index, capacity=2)
    assert "2 miejsca" in client.get(index.url).content.decode()
    assert client.get(index.url)["X-Page-Cache"] == "hit"

    register(
        TrainingPage.objects.get(pk=training.pk),
        full_name="Anna Przykładowa",
        email="anna@example.org",
        consent_text="Zgoda na przetwarzanie danych.",
    )
    assert "1 miejsce" in client.get(index.url).content.decode()


def test_signed_in_visitors_never_get_nor_fill_the_shared_cache(client, page):
    user = get_user_model().objects.create_user("redaktorka", password="x-long-password-1")
    client.force_login(user)
    response = client.get(page.url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_pages_with_a_form_are_not_shared(client, homes):
    index = TrainingIndexPageFactory(parent=homes["pl"])
    training = make_training(index)
    first = client.get(training.url)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert client.get(training.url).get("X-Page-Cache") != "hit"


def test_feeds_answer_a_conditional_request_with_not_modified(client, homes):
    calendar = CalendarPageFactory(parent=homes["pl"])
    EventPageFactory(parent=calendar)
    feed = client.get(calendar.url + "ical/")
    assert feed.status_code == 200 and feed["ETag"]
    again = client.get(calendar.url + "ical/", HTTP_IF_NONE_MATCH=feed["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_cache_is_off_when_its_lifetime_is_zero(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(page.url)
    assert "X-Page-Cache" not in client.get(page.url)


def test_searches_are_counted_so_the_search_page_is_not_shared(client, homes):
    from search.models import ZeroResultQuery

    client.get("/pl/szukaj/", {"q": "nieistniejącesłowo"})
    response = client.get("/pl/szukaj/", {"q": "nieistniejącesłowo"})
    assert "X-Page-Cache" not in response
    assert ZeroResultQuery.objects.get().hits == 2


@pytest.mark.parametrize("page_cache_seconds", [300, 0], ids=["page cache on", "layout only"])
def test_menu_language_links_and_footer_are_read_once_and_follow_every_change(
    client, homes, site, locales, settings, page_cache_seconds
):
    # LAYOUT_CACHE keeps the layout parts by generation even with the page cache off.
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    settings.LAYOUT_CACHE = True
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pages.models import NavigationItem
    from tests.helpers import html

    # A session cookie: past the page cache, so the layout parts' own cache is what is tested.
    client.cookies["sessionid"] = "anonymous-visitor"
    about = StandardPageFactory(parent=homes["pl"], title="Kontakt", slug="kontakt")
    about.show_in_menus = True
    about.save_revision().publish()

    def menu():
        return [a.text.strip() for a in html(client.get("/pl/kontakt/")).select("nav.main-nav a")]

    assert menu() == ["Kontakt"]
    with CaptureQueriesContext(connection) as first:
        client.get("/pl/kontakt/")
    with CaptureQueriesContext(connection) as second:
        client.get("/pl/kontakt/")
    assert len(second) == len(first)

    about.title = "Kontakt z biurem"
    about.save_revision().publish()
    assert menu() == ["Kontakt z biurem"]

    menu_settings = NavigationSettings.for_site(site)
    menu_settings.items = [NavigationItem(url="https://bip.example.org/", label_pl="BIP")]
    menu_settings.save()
    assert menu() == ["BIP"]

    english = about.copy_for_translation(locales["en"])
    english.slug = "contact"
    english.save_revision().publish()
    switcher = html(client.get("/pl/kontakt/")).select_one('a[hreflang="en"], a[lang="en"]')
    assert switcher is not None and switcher["href"] == "/en/contact/"


def test_layout_parts_cost_fewer_queries_with_the_cache_on(client, page, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["sessionid"] = "anonymous-visitor"
    client.get(page.url)
    with CaptureQueriesContext(connection) as cached:
        client.get(page.url)
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        client.get(page.url)
    # The menu, the language links, the home page and the footer's statement link: 5 or more.
    assert len(uncached) - len(cached) >= 5


def _redis_url():
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return None
    return url


BUMP_IN_ANOTHER_PROCESS = """
import sys
import django
from django.conf import settings
django.setup()
settings.VAR_DIR = sys.argv[1]
if sys.argv[2]:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": sys.argv[2], "KEY_PREFIX": "test-page-cache"}}
from portal.cache import new_generation
new_generation()
"""


@pytest.mark.parametrize("store", ["local memory and a file", "redis"])
def test_a_change_made_by_another_process_shows_at_once(client, page, settings, tmp_path, store):
    # A command (publish_scheduled), the task worker or another gunicorn worker changes content
    # in its own process: this process must stop serving what it cached before.
    from django.conf import settings as django_settings

    redis_url = ""
    if store == "redis":
        redis_url = _redis_url()
        if not redis_url:
            pytest.skip("no Redis server on 127.0.0.1:6379")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "test-page-cache",
            }
        }
        cache.clear()
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    subprocess.run(
        [sys.executable, "-c", BUMP_IN_ANOTHER_PROCESS, str(tmp_path), redis_url],
        check=True,
        cwd=django_settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        timeout=120,
    )
    assert client.get(page.url)["X-Page-Cache"] == "miss"
