"""Factories of caretakers and incubation (wagtail-factories, factory_boy): a member of the
centre's staff, a caretaker assignment, an advice note, the incubation page with its steps, an
incubated group and one of its steps."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pages import roles
from pages.caretakers.models import (
    AdviceNote,
    Caretaking,
    IncubatedGroup,
    IncubationPage,
    IncubationStepRecord,
)
from tests.factories import home, home_organization

STEP_IDS = [
    "8a1c1b7e-0000-4000-8000-000000000001",
    "8a1c1b7e-0000-4000-8000-000000000002",
    "8a1c1b7e-0000-4000-8000-000000000003",
]


def centre_staff(username="opiekun", first_name="Olga", last_name="Opiekuńska"):
    """A user in the centre's staff group (password "pass")."""
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pass", first_name=first_name, last_name=last_name
    )
    user.groups.add(Group.objects.get_or_create(name=roles.ADVISORS)[0])
    return user


def steps(titles=("Rozmowa z opiekunem", "Statut", "Wniosek do KRS"), guide=None):
    return [
        {
            "type": "step",
            "id": step_id,
            "value": {"title": title, "text": f"Opis: {title}.", "guide": guide},
        }
        for step_id, title in zip(STEP_IDS, titles, strict=False)
    ]


class IncubationPageFactory(wagtail_factories.PageFactory):
    title = "Inkubator organizacji"
    slug = "inkubator"
    intro = "<p>Od grupy nieformalnej do stowarzyszenia.</p>"
    steps = factory.LazyFunction(steps)

    class Meta:
        model = IncubationPage


class CaretakingFactory(factory.django.DjangoModelFactory):
    organization = factory.LazyFunction(home_organization)
    caretaker = factory.Sequence(lambda n: centre_staff(f"opiekun-f{n}"))

    class Meta:
        model = Caretaking


class AdviceNoteFactory(factory.django.DjangoModelFactory):
    organization = factory.LazyFunction(home_organization)
    topic = "Rozliczenie dotacji"
    notes = "Omówione sprawozdanie końcowe."

    class Meta:
        model = AdviceNote


class IncubatedGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Grupa Sąsiedzka {n}")
    legal_form = IncubatedGroup.LegalForm.ASSOCIATION
    activity = "Sprzątamy park."
    contact_name = "Osoba Kontaktowa"
    contact_email = factory.Sequence(lambda n: f"grupa{n}@example.org")
    page = factory.SubFactory(IncubationPageFactory, parent=factory.LazyFunction(home))

    class Meta:
        model = IncubatedGroup


class IncubationStepRecordFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(IncubatedGroupFactory)
    step_id = STEP_IDS[0]
    done = False

    class Meta:
        model = IncubationStepRecord
