"""Factories of trainings (wagtail-factories, factory_boy): the listing, a training with
its sessions (``make_training`` publishes it as an editor would), a registration."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from pages.trainings.models import (
    TrainingIndexPage,
    TrainingPage,
    TrainingRegistration,
    TrainingSession,
)
from tests.factories import home, publish_page


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Szkolenia"
    slug = "szkolenia"

    class Meta:
        model = TrainingIndexPage


def make_training(parent, days_ahead=14, sessions=1, publish=True, **fields):
    """A training with ``sessions`` sessions starting ``days_ahead`` days from today."""
    number = TrainingPage.objects.count()
    fields.setdefault("title", f"Szkolenie {number}")
    fields.setdefault("slug", f"szkolenie-{number}")
    fields.setdefault("lead", "Jak napisać dobry wniosek o dotację.")
    fields.setdefault("trainers", "Trenerka Przykładowa")
    training = TrainingPage(**fields)
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    training.sessions = [
        TrainingSession(
            date=start + datetime.timedelta(days=7 * n),
            start_time=datetime.time(17, 0),
            end_time=datetime.time(19, 0),
            place="Centrum Organizacji, sala 1",
            online_link="https://meet.example.org/szkolenie",
        )
        for n in range(sessions)
    ]
    training.live = publish
    parent.add_child(instance=training)
    if publish:
        return publish_page(training)
    training.refresh_from_db()
    return training


class TrainingPageFactory(wagtail_factories.PageFactory):
    """A training without sessions (``make_training`` gives it dates and publishes it)."""

    title = factory.Sequence(lambda n: f"Szkolenie {n}")
    slug = factory.Sequence(lambda n: f"szkolenie-{n}")
    lead = "Jak napisać dobry wniosek o dotację."
    trainers = "Trenerka Przykładowa"

    class Meta:
        model = TrainingPage


class TrainingRegistrationFactory(factory.django.DjangoModelFactory):
    """A person registered for a training (a seat taken)."""

    training = factory.SubFactory(
        TrainingPageFactory,
        parent=factory.SubFactory(
            TrainingIndexPageFactory,
            parent=factory.LazyFunction(home),
            slug=factory.Sequence(lambda n: f"szkolenia-{n}"),
        ),
    )
    full_name = "Uczestniczka Próbna"
    email = factory.Sequence(lambda n: f"uczestnik{n}@example.org")
    consent_text = "Zgadzam się na przetwarzanie danych w celu zapisu na szkolenie."
    status = TrainingRegistration.Status.REGISTERED

    class Meta:
        model = TrainingRegistration
