"""Factories of premises for NGOs (wagtail-factories, factory_boy): the listing, premises on
offer and an organization's application for them."""

import factory
import wagtail_factories

from pages.premises.models import PremisesApplication, PremisesIndexPage, PremisesPage
from tests.factories import home, home_organization


class PremisesIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lokale dla organizacji"
    slug = "lokale"

    class Meta:
        model = PremisesIndexPage


class PremisesPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lokal przy ul. Przykładowej {n}")
    slug = factory.Sequence(lambda n: f"lokal-{n}")
    address = factory.Sequence(lambda n: f"ul. Przykładowa {n + 1}")
    floor_area = "64.50"
    rooms = 3
    rent = "5 zł/m² miesięcznie"

    class Meta:
        model = PremisesPage


class PremisesApplicationFactory(factory.django.DjangoModelFactory):
    premises = factory.SubFactory(
        PremisesPageFactory,
        parent=factory.SubFactory(
            PremisesIndexPageFactory,
            parent=factory.LazyFunction(home),
            slug=factory.Sequence(lambda n: f"lokale-{n}"),
        ),
    )
    organization = factory.LazyFunction(home_organization)
    purpose = "Spotkania grupy wsparcia."
    hours_per_week = 10

    class Meta:
        model = PremisesApplication
