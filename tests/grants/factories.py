"""Factories of grants (wagtail-factories, factory_boy): the calls' listing, a call (open since
five days, closing in ten, as the tests' default), the grants register and an awarded grant."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from pages.grants.models import (
    AwardedGrant,
    GrantCallIndexPage,
    GrantCallPage,
    GrantMode,
    GrantsRegisterPage,
)
from tests.factories import area, home_organization


class GrantCallIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konkursy"
    slug = "konkursy"

    class Meta:
        model = GrantCallIndexPage


class GrantCallPageFactory(wagtail_factories.PageFactory):
    """A call open from ``opens_at`` to ``closes_at`` (by default open now, for ten more days)."""

    title = factory.Sequence(lambda n: f"Konkurs {n}")
    slug = factory.Sequence(lambda n: f"konkurs-{n}")
    mode = GrantMode.OPEN_COMPETITION
    lead = "Wsparcie zadań publicznych."
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))

    class Meta:
        model = GrantCallPage


class GrantsRegisterPageFactory(wagtail_factories.PageFactory):
    title = "Rejestr dotacji"
    slug = "rejestr-dotacji"

    class Meta:
        model = GrantsRegisterPage


class AwardedGrantFactory(factory.django.DjangoModelFactory):
    """A grant in the register: an organization's public task, its amount, year and area."""

    organization = factory.LazyFunction(home_organization)
    task_title = "Zadanie publiczne"
    amount = Decimal("10000.00")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    area = factory.LazyFunction(lambda: area("seniorzy"))
    mode = GrantMode.OPEN_COMPETITION

    class Meta:
        model = AwardedGrant
