"""Factories of grants (wagtail-factories, factory_boy): the calls' listing, a call (open since
five days, closing in ten, as the tests' default), the grants register, an awarded grant and an
organization's candidate for a call's evaluation committee."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from pages.grants.models import (
    AwardedGrant,
    CommitteeNomination,
    GrantCallIndexPage,
    GrantCallPage,
    GrantMode,
    GrantsRegisterPage,
)
from tests.factories import area, home, home_organization


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


def call_with_nominations(seats=3, days_left=7):
    """A live call under the Polish calls' listing that takes nominations for ``days_left`` more
    days (negative: closed) for ``seats`` seats."""
    index = GrantCallIndexPage.objects.filter(locale__language_code="pl").first()
    if index is None:
        index = GrantCallIndexPageFactory(parent=home("pl"))
    call = GrantCallPageFactory(
        parent=index,
        nominations_close_at=timezone.now() + datetime.timedelta(days=days_left),
        committee_seats=seats,
        nominations_text="Szukamy osób z doświadczeniem w ocenie projektów.",
    )
    return GrantCallPage.objects.get(pk=call.pk)


class CommitteeNominationFactory(factory.django.DjangoModelFactory):
    """An organization's candidate (all three declarations given), not decided yet."""

    call = factory.LazyFunction(call_with_nominations)
    organization = factory.LazyFunction(home_organization)
    candidate_name = factory.Sequence(lambda n: f"Kandydatka Przykładowa {n}")
    candidate_email = factory.Sequence(lambda n: f"kandydat{n}@example.org")
    experience = "Oceniała projekty w dwóch konkursach."
    consent_to_sit = True
    consent_to_publish = True
    impartiality = True

    class Meta:
        model = CommitteeNomination
