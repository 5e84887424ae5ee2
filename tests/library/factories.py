"""Factories of the NGO library (wagtail-factories, factory_boy): its page, an item of the
catalogue and an organization's loan of it (reserved unless ``status`` says)."""

import factory
import wagtail_factories

from pages.library.models import LibraryItem, LibraryPage, Loan
from tests.factories import home_organization


class LibraryPageFactory(wagtail_factories.PageFactory):
    title = "Biblioteka"
    slug = "biblioteka"

    class Meta:
        model = LibraryPage


class LibraryItemFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Wolontariat krok po kroku, tom {n}")
    copies = 1

    class Meta:
        model = LibraryItem


class LoanFactory(factory.django.DjangoModelFactory):
    item = factory.SubFactory(LibraryItemFactory)
    organization = factory.LazyFunction(home_organization)

    class Meta:
        model = Loan
