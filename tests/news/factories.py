"""Factories of news: the listing and a news item (wagtail-factories, factory_boy)."""

import factory
import wagtail_factories
from django.utils import timezone

from pages.news.models import NewsIndexPage, NewsPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualności"
    slug = "aktualnosci"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wiadomość {n}")
    slug = factory.Sequence(lambda n: f"wiadomosc-{n}")
    lead = "Krótko o tym, co się wydarzyło."
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()
