"""Factories of the district councils (wagtail-factories, factory_boy): the councils' listing
and a council's page (each factory-made council takes a district of its own)."""

import factory
import wagtail_factories

from pages.district_councils.models import DistrictCouncilIndexPage, DistrictCouncilPage
from pages.models import District


def free_district(page):
    """A Polish district no council page holds yet: one council per district and language."""
    taken = DistrictCouncilPage.objects.values("district__slug")
    return District.objects.filter(locale__language_code="pl").exclude(slug__in=taken).first()


class DistrictCouncilIndexPageFactory(wagtail_factories.PageFactory):
    title = "Rady osiedli"
    slug = factory.Sequence(lambda n: f"rady-osiedli-{n}")

    class Meta:
        model = DistrictCouncilIndexPage


class DistrictCouncilPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: f"Rada Osiedla {page.district.name}")
    slug = factory.Sequence(lambda n: f"rada-osiedla-{n}")
    district = factory.LazyAttribute(free_district)
    seat = "ul. Przykładowa 1"
    email = "rada@example.org"

    class Meta:
        model = DistrictCouncilPage
