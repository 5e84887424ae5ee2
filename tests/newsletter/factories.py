"""Factories of the newsletter (wagtail-factories, factory_boy): its page, a subscriber (pending
confirmation unless ``state`` says) and an issue."""

import factory
import wagtail_factories

from pages.newsletter.models import NewsletterIssue, NewsletterPage, NewsletterSubscriber


class NewsletterPageFactory(wagtail_factories.PageFactory):
    title = "Newsletter"
    slug = "newsletter"

    class Meta:
        model = NewsletterPage


class NewsletterSubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"czytelnik{n}@example.org")
    language = "pl"

    class Meta:
        model = NewsletterSubscriber


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    subject = factory.Sequence(lambda n: f"Co słychać {n}")
    language = "pl"
    intro = "Witaj!"

    class Meta:
        model = NewsletterIssue
