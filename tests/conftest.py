import sqlite3

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Site

from pages.models import HomePage

from .helpers import user_in
from .shared_data import (
    SHARED_DEMO,
    SHARED_SETS,
    assert_test_database,
    is_transactional,
    manages_its_database,
    shared_set_of,
)


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
    """The demo content (size 5), loaded once per session and shared: see tests/shared_data.py.

    What a test writes is rolled back after it, as in any `db` test. A test that needs the demo
    built in its own way (another size, a bulk load, a transactional test) calls
    `load_demo_data` itself instead.
    """


@pytest.fixture
def migrated_database_file(django_db_setup, django_db_blocker, _shared_set):
    """Copies of this process's migrated SQLite test database into files, for tests that start
    other processes on one SQLite file: a copy takes milliseconds where `migrate` takes half a
    minute. The test database holds what the migrations made (the shared sets are left first);
    the test opens no transaction of its own (SQLite's backup waits for it), so mark it
    `django_db` only for the test database to be set up.
    """
    from django.db import connection

    def copy_to(path):
        assert connection.vendor == "sqlite", "a copy of the SQLite test database only"
        assert_test_database()
        with django_db_blocker.unblock():
            connection.ensure_connection()
            target = sqlite3.connect(path)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        return path

    return copy_to


@pytest.fixture(scope="session")
def _shared_sets_left_at_the_end(django_db_setup):
    """Leaves the shared sets before the test databases are destroyed (it depends on them)."""
    yield
    for shared in SHARED_SETS:
        shared.leave()


@pytest.fixture
def _shared_set(request, django_db_setup, django_db_blocker, _shared_sets_left_at_the_end):
    """Enter the shared set the test uses before its own transaction opens; leave any other."""
    shared = shared_set_of(request.node)
    if shared is not None:
        shared.enter(django_db_blocker)
    else:
        for other in SHARED_SETS:
            other.leave()


@pytest.fixture
def _django_db_helper(_shared_set, _django_db_helper):
    """pytest-django's per-test database set-up, after the shared set is in place."""
    yield


@pytest.fixture(autouse=True)
def _django_db_marker(request):
    """pytest-django's own (a `django_db` mark opens the test's transaction), except for tests
    that are marked only so that the test database is set up for them: the browser tests share
    one committed site (`site_with_demo`), others copy the database (`migrated_database_file`)."""
    marker = request.node.get_closest_marker("django_db")
    if marker and not manages_its_database(request.node):
        request.getfixturevalue("_django_db_helper")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests of one shared set next to each other (after pytest-django's own ordering), so each
    set is built once: the demo's readers first, then the other database tests, the
    transactional ones, those without a database, and the browser tests last."""

    def group(item):
        shared = shared_set_of(item)
        if shared is SHARED_DEMO:
            return 0
        if shared is not None:
            return 4
        if is_transactional(item):
            return 2
        if item.get_closest_marker("django_db") or "db" in getattr(item, "fixturenames", ()):
            return 1
        return 3

    items.sort(key=group)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Leave a shared set as soon as the next test does not use it (after the last test, the
    session fixture above does, before the test databases go)."""
    result = yield
    shared = shared_set_of(item)
    if shared is not None and nextitem is not None and shared_set_of(nextitem) is not shared:
        shared.leave()
    return result


# Two organizations and their editors, for the features an NGO's editor uses (reserving,
# applying, writing to a partner) and the refusals: another organization's editor, a resident.
@pytest.fixture
def ngo_directory(homes):
    from .factories import OrganizationIndexPageFactory

    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


@pytest.fixture
def org_a(ngo_directory):
    from .factories import OrganizationPageFactory

    page = OrganizationPageFactory(parent=ngo_directory, title="Stowarzyszenie Alfa")
    page.refresh_from_db()  # its editor group is made when it is saved
    return page


@pytest.fixture
def org_b(ngo_directory):
    from .factories import OrganizationPageFactory

    page = OrganizationPageFactory(parent=ngo_directory, title="Fundacja Beta")
    page.refresh_from_db()
    return page


@pytest.fixture
def editor_a(org_a):
    return user_in(org_a.editor_group, "alfa")


@pytest.fixture
def editor_b(org_b):
    return user_in(org_b.editor_group, "beta")


@pytest.fixture
def city_editor(db):
    from django.contrib.auth.models import Group

    from pages import roles

    return user_in(Group.objects.get(name=roles.CITY_EDITORS), "miasto")


@pytest.fixture
def before_the_move(request, transactional_db):
    """The historical models of the database taken back to the module's ``BEFORE`` (the last
    migration before a family moved out of pages; ``BEFORE_STATE`` when the models are read at
    another state), forward again and flushed afterwards: see tests/migrations.py."""
    from .migrations import migrated_back

    module = request.module
    yield from migrated_back(module.BEFORE, getattr(module, "BEFORE_STATE", None))
