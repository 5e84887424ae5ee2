"""Factories of the knowledge base: the listing and an article (wagtail-factories, factory_boy)."""

import factory
import wagtail_factories

from pages.knowledge.models import KnowledgeArticlePage, KnowledgeIndexPage


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Baza wiedzy"
    slug = "baza-wiedzy"

    class Meta:
        model = KnowledgeIndexPage


class KnowledgeArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Poradnik {n}")
    slug = factory.Sequence(lambda n: f"poradnik-{n}")
    lead = "Jak założyć stowarzyszenie krok po kroku."

    class Meta:
        model = KnowledgeArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()
