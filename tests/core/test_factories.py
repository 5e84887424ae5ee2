"""Every factory of tests/ builds a valid, saved object: a page passes `full_clean` and is live
or not as its factory says, a model's row passes `full_clean` too. Parametrized over the
factories found in tests/factories.py and every tests/<app>/factories.py, so a new factory is
checked without being listed here."""

import importlib
import inspect
from pathlib import Path

import factory
import pytest
from wagtail.models import Page

TESTS = Path(__file__).resolve().parents[1]
MODULES = ["tests.factories"] + sorted(
    f"tests.{path.parent.name}.factories" for path in TESTS.glob("*/factories.py")
)


def factories():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, factory.django.DjangoModelFactory)
                and value.__module__ == name
                and not value._meta.abstract
            ):
                yield pytest.param(value, id=f"{name.split('.')[-2]}.{value.__name__}")


def test_every_feature_app_with_models_has_factories():
    apps = {path.parent.name for path in TESTS.glob("*/factories.py")}
    families = {
        path.parent.name
        for path in (TESTS.parent / "pages").glob("*/models.py")
        if (path.parent / "migrations").is_dir()
    }
    assert families and families <= apps, sorted(families - apps)


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", list(factories()))
def test_the_factory_builds_a_valid_saved_object(factory_class, homes):
    model = factory_class._meta.model
    if issubclass(model, Page):
        made = factory_class(parent=homes["pl"])
        stored = Page.objects.get(pk=made.pk).specific
        assert type(stored) is model
        declared = factory_class._meta.declarations.get("live", True)
        assert stored.live is declared
        assert stored.get_parent().specific == homes["pl"]
    else:
        made = factory_class()
        stored = model._base_manager.get(pk=made.pk)
    stored.full_clean()
