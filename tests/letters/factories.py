"""Factories of the letters the city issues for NGOs (wagtail-factories, factory_boy): the
request form's page and an organization's request (submitted unless ``status`` says)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.letters.models import LetterRequest, LetterRequestPage
from tests.factories import home_organization


class LetterRequestPageFactory(wagtail_factories.PageFactory):
    title = "Listy poparcia"
    slug = factory.Sequence(lambda n: f"listy-poparcia-{n}")

    class Meta:
        model = LetterRequestPage


class LetterRequestFactory(factory.django.DjangoModelFactory):
    kind = LetterRequest.Kind.RECOMMENDATION
    organization = factory.LazyFunction(home_organization)
    funder = "Fundusz Przykładowy, program Aktywni Razem"
    project_title = factory.Sequence(lambda n: f"Projekt sąsiedzki {n}")
    project_summary = "Zajęcia dla seniorów w świetlicy osiedlowej."
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    email = factory.Sequence(lambda n: f"wniosek{n}@example.org")

    class Meta:
        model = LetterRequest
