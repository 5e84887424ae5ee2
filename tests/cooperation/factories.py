"""Factories of the programme of cooperation and its report (wagtail-factories): a year's
programme and the report on it (a draft, as an editor starts it, under its programme)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from pages.cooperation.models import CooperationProgrammePage, CooperationReportPage


class CooperationProgrammePageFactory(wagtail_factories.PageFactory):
    """The programme for ``year`` (one per year and language)."""

    year = factory.Sequence(lambda n: 2000 + n % 100)
    title = factory.LazyAttribute(lambda o: f"Program współpracy na {o.year} rok")
    slug = factory.LazyAttribute(lambda o: f"program-{o.year}")
    resolution_number = "XII/345/IX/2024"
    resolution_date = factory.LazyAttribute(lambda o: datetime.date(o.year - 1, 11, 19))
    planned_amount = Decimal("10000.00")

    class Meta:
        model = CooperationProgrammePage


class CooperationReportPageFactory(wagtail_factories.PageFactory):
    """The report on ``year``'s programme, not live (its figures freeze when published)."""

    year = factory.Sequence(lambda n: 2000 + n % 100)
    title = factory.LazyAttribute(lambda o: f"Sprawozdanie z realizacji programu za {o.year} rok")
    slug = factory.LazyAttribute(lambda o: f"sprawozdanie-{o.year}")
    live = False
    narrative = factory.LazyFunction(
        lambda: [("goal", {"goal": "Cel 1", "text": "<p>Ogłoszono konkursy.</p>"})]
    )

    class Meta:
        model = CooperationReportPage
