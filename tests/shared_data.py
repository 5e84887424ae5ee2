"""Data built once per test session and shared by the tests that only read it.

Loading the demo content takes seconds, and two dozen tests only read it. It is loaded once (per
xdist worker) inside an outer transaction that stays open while those tests run, one after the
other: each of them runs in a savepoint inside it (pytest-django's ordinary ``db`` set-up nests
inside an open transaction), so what a test writes is rolled back and the next test finds the
demo as it was loaded. After the last of them, the outer transaction is rolled back too, and the
tests that follow find the database as the migrations left it.

The browser tests share one live server and one demo site. The server's thread must see
committed data (on PostgreSQL it has a connection of its own), so that demo is committed; after
each browser test the rows it added are deleted, and after the last one the database is emptied
and the migrations' site tree put back (``tests/e2e/conftest.py``).

``pytest_collection_modifyitems`` in ``tests/conftest.py`` runs the tests of each shared set
next to each other, so each set is built once, and ``pytest_runtest_teardown`` leaves a set as
soon as the next test does not use it.
"""

from django.apps import apps
from django.core.management import call_command
from django.db import connections, models, transaction
from django.db.models import Max

DEMO_SIZE = 5
# The size the browser tests were written against (the pages they visit are its pages).
BROWSER_DEMO_SIZE = 6


class SharedSet:
    """Something built on first use by the tests that share it and undone when they are done."""

    def __init__(self):
        self.active = False
        self.blocker = None

    def enter(self, django_db_blocker):
        if self.active:
            return
        for other in SHARED_SETS:
            if other is not self:
                other.leave()
        self.blocker = django_db_blocker
        with django_db_blocker.unblock():
            self.build()
        self.active = True

    def leave(self):
        if not self.active:
            return
        with self.blocker.unblock():
            self.undo()
        self.active = False

    def build(self):
        raise NotImplementedError

    def undo(self):
        raise NotImplementedError


class SharedDemo(SharedSet):
    """The demo content in an outer transaction that the tests using it run inside."""

    def __init__(self, size=DEMO_SIZE):
        super().__init__()
        self.size = size
        self.atomics = {}

    def build(self):
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            # Marked as Django's TestCase marks its own class-wide blocks, so that code under
            # test may still open `atomic(durable=True)` inside it.
            atomic._from_testcase = True
            atomic.__enter__()
            self.atomics[alias] = atomic
        try:
            call_command("load_demo_data", size=self.size, verbosity=0)
        except BaseException:
            self.undo()
            raise

    def undo(self):
        for alias, atomic in reversed(list(self.atomics.items())):
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)
        self.atomics = {}


class SharedBrowserSite(SharedSet):
    """A live server with a committed demo site, shared by the browser tests."""

    def __init__(self, size=BROWSER_DEMO_SIZE, address="localhost"):
        super().__init__()
        self.size = size
        self.address = address
        self.server = None

    def build(self):
        from pytest_django.live_server_helper import LiveServer

        from tests.helpers import restore_site_tree

        # It empties the database when done: never the one `make run` uses.
        assert_test_database()
        restore_site_tree()
        call_command("load_demo_data", size=self.size, verbosity=0)
        self.server = LiveServer(self.address)
        self.server._live_server_modified_settings.enable()

    def undo(self):
        from tests.helpers import restore_site_tree

        self.server._live_server_modified_settings.disable()
        self.server.stop()
        self.server = None
        assert_test_database()
        call_command("flush", interactive=False, verbosity=0)
        restore_site_tree()


SHARED_DEMO = SharedDemo()
SHARED_BROWSER_SITE = SharedBrowserSite()
SHARED_SETS = (SHARED_DEMO, SHARED_BROWSER_SITE)


def assert_test_database():
    """Refuse to go on unless pytest-django has set up the test database (the test, or another
    in the session, asks for the database): else the connection is the developer's own."""
    from django.conf import settings
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    configured = str(settings.DATABASES["default"].get("NAME"))
    if connection.vendor == "sqlite":
        assert connection.is_in_memory_db() or name != configured, name
    else:
        assert name.startswith("test_"), name


def shared_set_of(item):
    """The shared set a test runs in, or None."""
    names = getattr(item, "fixturenames", ())
    if "site_with_demo" in names:
        return SHARED_BROWSER_SITE
    if "demo" in names and not is_transactional(item):
        return SHARED_DEMO
    return None


def manages_its_database(item):
    """Tests that run outside a transaction of their own although marked `django_db`."""
    names = getattr(item, "fixturenames", ())
    return "site_with_demo" in names or "migrated_database_file" in names


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _auto_pk_models():
    for model in apps.get_models():
        pk = model._meta.pk
        # Pages live in a tree: a browser test adds none, and a row deleted from under the
        # tree would break it. Other rows have a growing integer key.
        if model._meta.proxy or not isinstance(pk, models.AutoField):
            continue
        if model._meta.parents:
            continue
        yield model


def row_marks():
    """The highest key of every table, to tell the rows a test adds from the shared ones."""
    return {
        model: model._base_manager.aggregate(top=Max("pk"))["top"] or 0
        for model in _auto_pk_models()
    }


def delete_rows_added_since(marks):
    from wagtail.models import Page

    for model, top in row_marks().items():
        if top > marks[model] and not issubclass(model, Page):
            model._base_manager.filter(pk__gt=marks[model]).delete()
