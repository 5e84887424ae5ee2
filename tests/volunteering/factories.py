"""Factories of volunteering (wagtail-factories, factory_boy): the offers' listing, an offer,
a volunteer's application."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.volunteering.models import (
    VolunteerApplication,
    VolunteerOfferIndexPage,
    VolunteerOfferPage,
)
from tests.factories import home


class VolunteerOfferIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wolontariat"
    slug = "wolontariat"

    class Meta:
        model = VolunteerOfferIndexPage


class VolunteerOfferPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oferta wolontariatu {n}")
    slug = factory.Sequence(lambda n: f"oferta-{n}")
    lead = "Pomoc przy festynie osiedlowym."
    tasks = "Obsługa stoisk i gier dla dzieci."
    city = "Poznań"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    class Meta:
        model = VolunteerOfferPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()


class VolunteerApplicationFactory(factory.django.DjangoModelFactory):
    """A volunteer's application to an offer (new, as the form saves it)."""

    offer = factory.SubFactory(
        VolunteerOfferPageFactory,
        parent=factory.SubFactory(
            VolunteerOfferIndexPageFactory,
            parent=factory.LazyFunction(home),
            slug=factory.Sequence(lambda n: f"wolontariat-{n}"),
        ),
    )
    full_name = "Wolontariuszka Próbna"
    email = factory.Sequence(lambda n: f"wolontariusz{n}@example.org")
    consent_text = "Zgadzam się na przekazanie moich danych organizatorowi."

    class Meta:
        model = VolunteerApplication
