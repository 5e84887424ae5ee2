"""Factories of consultations (wagtail-factories, factory_boy): the listing, a draft act open
for comments (since three days, for ten more) and an organization's comment on it."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.consultations.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from tests.factories import home, home_organization


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Konsultacje"
    slug = "konsultacje"

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """A draft act with two paragraphs, open to organizations' comments now."""

    title = "Projekt programu współpracy"
    slug = factory.Sequence(lambda n: f"projekt-{n}")
    lead = "Zapraszamy do uwag."
    consulted = "Organizacje pozarządowe"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    paragraphs = factory.LazyFunction(
        lambda: [
            ("paragraph", {"number": "§ 1", "text": "Program określa cele współpracy."}),
            ("paragraph", {"number": "§ 2", "text": "Celem jest aktywność obywatelska."}),
        ]
    )

    class Meta:
        model = ConsultationPage


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """An organization's comment on the first paragraph (a draft unless ``state`` says)."""

    consultation = factory.SubFactory(
        ConsultationPageFactory,
        parent=factory.SubFactory(
            ConsultationIndexPageFactory,
            parent=factory.LazyFunction(home),
            slug=factory.Sequence(lambda n: f"konsultacje-{n}"),
        ),
    )
    paragraph_label = "§ 1"
    proposed_wording = "Dodać zasadę partnerstwa."
    justification = "Uzasadnienie."
    organization = factory.LazyFunction(home_organization)

    class Meta:
        model = ConsultationComment
