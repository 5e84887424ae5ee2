"""Factories of business partners (wagtail-factories, factory_boy): the listing, a partner's
profile and an organization's request for a partnership."""

import factory
import wagtail_factories

from pages.partners.models import PartnerPage, PartnershipRequest, PartnersIndexPage
from tests.factories import home, home_organization


class PartnersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Partnerzy biznesowi"
    slug = "partnerzy"

    class Meta:
        model = PartnersIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Drukarnia Przykładowa {n}")
    slug = factory.Sequence(lambda n: f"drukarnia-{n}")
    lead = "Drukujemy ulotki."
    contact_email = factory.Sequence(lambda n: f"partner{n}@example.org")

    class Meta:
        model = PartnerPage


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    partner = factory.SubFactory(
        PartnerPageFactory,
        parent=factory.SubFactory(
            PartnersIndexPageFactory,
            parent=factory.LazyFunction(home),
            slug=factory.Sequence(lambda n: f"partnerzy-{n}"),
        ),
    )
    organization = factory.LazyFunction(home_organization)
    help_kind = "pro_bono"
    message = "Prosimy o wydruk plakatów na festyn."

    class Meta:
        model = PartnershipRequest
