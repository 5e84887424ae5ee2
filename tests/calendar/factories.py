"""Factories of the calendar (wagtail-factories, factory_boy): its page, an event, an
organization's calendar feed, and the categories' lookup."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.calendar.models import (
    CalendarPage,
    EventCategory,
    EventPage,
    OrganizationCalendarFeed,
)
from tests.factories import home_organization


class CalendarPageFactory(wagtail_factories.PageFactory):
    title = "Kalendarz wydarzeń"
    slug = "kalendarz"

    class Meta:
        model = CalendarPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An event starting at the given ``start`` (aware), lasting two hours unless ``end``."""

    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    slug = factory.Sequence(lambda n: f"wydarzenie-{n}")
    start = factory.LazyFunction(timezone.now)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage


def category(slug, language="pl"):
    return EventCategory.objects.get(slug=slug, locale__language_code=language)


class OrganizationCalendarFeedFactory(factory.django.DjangoModelFactory):
    """An organization's iCal feed the calendar imports (``import_ical``)."""

    organization = factory.LazyFunction(home_organization)
    url = factory.Sequence(lambda n: f"https://kalendarz.example.org/{n}.ics")

    class Meta:
        model = OrganizationCalendarFeed
