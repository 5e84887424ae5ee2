"""Factories of the NGO centre (wagtail-factories, factory_boy): its page, a room, a booking of
it, an advisor with weekly hours and an appointment with them."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.centre.models import Advisor, Appointment, Booking, CentrePage, Resource


def _next_monday_at(hour):
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    return datetime.datetime.combine(
        monday, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


class CentrePageFactory(wagtail_factories.PageFactory):
    title = "Centrum"
    slug = "centrum"

    class Meta:
        model = CentrePage


class ResourceFactory(factory.django.DjangoModelFactory):
    """A room for 40 people (``kind`` for equipment or an online room)."""

    name = factory.Sequence(lambda n: f"Sala {n}")
    kind = Resource.Kind.ROOM
    capacity = 40

    class Meta:
        model = Resource


class BookingFactory(factory.django.DjangoModelFactory):
    """A request for a room next Monday from 10 to 12 (``state`` requested unless given)."""

    resource = factory.SubFactory(ResourceFactory)
    starts_at = factory.LazyFunction(lambda: _next_monday_at(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    full_name = "Osoba Próbna"
    email = factory.Sequence(lambda n: f"rezerwacja{n}@example.org")
    purpose = "Spotkanie"

    class Meta:
        model = Booking


class AdvisorFactory(factory.django.DjangoModelFactory):
    """An advisor on Mondays from 11 to 17, in one-hour slots (the model's defaults)."""

    name = factory.Sequence(lambda n: f"Doradczyni {n}")
    topic = "law"

    class Meta:
        model = Advisor


class AppointmentFactory(factory.django.DjangoModelFactory):
    """An appointment in the advisor's first slot next Monday."""

    advisor = factory.SubFactory(AdvisorFactory)
    starts_at = factory.LazyFunction(lambda: _next_monday_at(11))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    full_name = "Jan Próbny"
    email = factory.Sequence(lambda n: f"porada{n}@example.org")
    topic_text = "Jak zmienić statut."

    class Meta:
        model = Appointment
