"""Factories of the city-wide fairs (wagtail-factories, factory_boy): the fairs' listing, a fair
and an organization's stand registration."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.fairs.models import FairIndexPage, FairPage, StandRegistration
from tests.factories import home, home_organization


class FairIndexPageFactory(wagtail_factories.PageFactory):
    title = "Targi organizacji"
    slug = factory.Sequence(lambda n: f"targi-{n}")

    class Meta:
        model = FairIndexPage


class FairPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Święto organizacji {n}")
    slug = factory.Sequence(lambda n: f"swieto-{n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda fair: fair.starts_at + datetime.timedelta(hours=6))
    place = "Stary Rynek"
    capacity = 20
    registration_until = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=20)
    )

    class Meta:
        model = FairPage


class StandRegistrationFactory(factory.django.DjangoModelFactory):
    fair = factory.SubFactory(
        FairPageFactory,
        parent=factory.SubFactory(FairIndexPageFactory, parent=factory.LazyFunction(home)),
    )
    organization = factory.LazyFunction(home_organization)
    exhibit = "Warsztaty dla dzieci i rozmowy o wolontariacie."
    contact_name = "Osoba Kontaktowa"
    contact_email = factory.Sequence(lambda n: f"stoisko{n}@example.org")

    class Meta:
        model = StandRegistration
