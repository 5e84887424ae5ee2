"""Factories of the training-needs survey (wagtail-factories, factory_boy): a year's survey page,
its topics and an organization's answer."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.surveys.models import (
    PreferredTime,
    SurveyResponse,
    SurveyTopic,
    TrainingNeedsSurveyPage,
)
from tests.factories import home, home_organization


class TrainingNeedsSurveyPageFactory(wagtail_factories.PageFactory):
    # One survey a year: each factory-made survey of a test has a year of its own (the model
    # takes 2000-2100; the sequence runs on across the whole session).
    year = factory.Sequence(lambda n: 2000 + n % 100)
    title = factory.LazyAttribute(lambda survey: f"Ankieta potrzeb szkoleniowych {survey.year}")
    slug = factory.LazyAttribute(lambda survey: f"ankieta-{survey.year}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))

    class Meta:
        model = TrainingNeedsSurveyPage


class SurveyTopicFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(TrainingNeedsSurveyPageFactory, parent=factory.LazyFunction(home))
    title = factory.Sequence(lambda n: f"Temat szkolenia {n}")
    locale = factory.SelfAttribute("survey.locale")

    class Meta:
        model = SurveyTopic


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    survey = factory.SubFactory(TrainingNeedsSurveyPageFactory, parent=factory.LazyFunction(home))
    organization = factory.LazyFunction(home_organization)
    preferred_time = PreferredTime.AFTERNOONS

    class Meta:
        model = SurveyResponse
