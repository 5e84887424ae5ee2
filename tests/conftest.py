import pytest
from django.core.cache import cache
from wagtail.models import Locale, Site

from pages.models import HomePage


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate-limit counters and cached pages live in the cache: each test starts without them."""
    cache.clear()


@pytest.fixture
def site(db):
    """The default site the data migration creates: root -> a home page per language."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def homes(site):
    root = site.root_page.specific
    return {
        page.locale.language_code: page
        for page in HomePage.objects.filter(translation_key=root.translation_key)
    }


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def demo(db):
    from django.core.management import call_command

    # A small directory is enough for these tests (the default size takes seconds to build).
    call_command("load_demo_data", size=5, verbosity=0)
