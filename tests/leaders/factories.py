"""Factories of local leaders (wagtail-factories, factory_boy): the directory's page and a
leader's profile (waiting for approval unless ``state`` says)."""

import factory
import wagtail_factories

from pages.leaders.models import LeaderProfile, LeadersIndexPage


class LeadersIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lokalni liderzy"
    slug = "liderzy"

    class Meta:
        model = LeadersIndexPage


class LeaderProfileFactory(factory.django.DjangoModelFactory):
    full_name = factory.Sequence(lambda n: f"Lider Sąsiedzki {n}")
    email = factory.Sequence(lambda n: f"lider{n}@example.org")
    can_help_with = "Wolontariat sąsiedzki."

    class Meta:
        model = LeaderProfile
