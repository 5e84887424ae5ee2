"""Factories of the local initiative (wagtail-factories, factory_boy): its page and a
residents' initiative (waiting for the city's decision unless its state says)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.initiatives.models import LocalInitiative, LocalInitiativePage
from tests.factories import area


class LocalInitiativePageFactory(wagtail_factories.PageFactory):
    title = "Inicjatywa lokalna"
    slug = "inicjatywa-lokalna"
    criteria = "<p>Pożytek, wkład.</p>"

    class Meta:
        model = LocalInitiativePage


class LocalInitiativeFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Kino plenerowe {n}")
    group_name = "Osiedlowe Kino"
    area = factory.LazyFunction(lambda: area("kultura-i-sztuka"))
    description = "Seanse w lipcu."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=30))
    city_support = "Ekran."
    contact_name = "Osoba Kontaktowa"
    contact_email = factory.Sequence(lambda n: f"inicjatywa{n}@example.org")

    class Meta:
        model = LocalInitiative
