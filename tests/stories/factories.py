"""Factories of good-practice stories: the listing and a story (wagtail-factories, factory_boy)."""

import factory
import wagtail_factories

from pages.stories.models import StoryIndexPage, StoryPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Dobre praktyki"
    slug = "dobre-praktyki"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Historia {n}")
    slug = factory.Sequence(lambda n: f"historia-{n}")
    lead = "Sąsiedzi wspólnie odnowili podwórko."
    year = 2025

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)
            self.save()
