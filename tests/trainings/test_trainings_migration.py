"""A database made before the trainings had an app of their own keeps them after migrate.

The models moved from ``pages`` to ``ngo_trainings`` (pages 0030, ngo_trainings 0001) without
touching their tables: the listing, the training with its session, tag and area, a person's
registration and the signed link of their e-mail, a permission handed out by model and the portal
search's entry must all be there, under the new app, after migrating forward.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Page

from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before the trainings moved (the coordinator re-chains it at merge).
BEFORE = ("pages", "0034_calendar_moved_to_ngo_calendar")


def test_the_trainings_made_before_the_move_are_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    day = timezone.localdate() + datetime.timedelta(days=10)
    index = old_page(old, home, "TrainingIndexPage", "Szkolenia", "szkolenia-stare")
    training = old_page(
        old,
        index,
        "TrainingPage",
        "Księgowość stowarzyszenia",
        "ksiegowosc",
        lead="Od podstaw.",
        trainers="Anna Liczna",
        capacity=10,
        first_day=day,
        last_day=day,
    )
    old.get_model("pages", "TrainingSession").objects.create(
        training_id=training.pk,
        date=day,
        start_time=datetime.time(10),
        end_time=datetime.time(12),
        place="Centrum NGO",
        sort_order=0,
    )
    area = old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug="seniorzy", locale__language_code="pl"
    )
    type(training).areas.through.objects.create(
        trainingpage_id=training.pk, areaofpublicbenefit_id=area.pk
    )
    tag = old.get_model("taggit", "Tag").objects.create(name="finanse", slug="finanse")
    old.get_model("pages", "TrainingTag").objects.create(content_object_id=training.pk, tag=tag)
    registration = old.get_model("pages", "TrainingRegistration").objects.create(
        training_id=training.pk,
        full_name="Ola Zapisana",
        email="ola@example.org",
        consent_text="Zgoda.",
        status="registered",
        token="stary-token",
    )
    # A permission handed out by model, to a group outside the city editors.
    change = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename="change_trainingpage"
    )
    old.get_model("auth", "Group").objects.create(name="Szkolenia: autorzy").permissions.add(change)
    entry = SearchEntry.objects.create(
        page_id=training.pk, language="pl", content_type="pages.trainingpage", title=training.title
    )
    entry.facets.create(facet="type", value="pages.trainingpage")

    migrate_to_the_end()

    from pages.trainings.models import TrainingPage, TrainingRegistration, registration_token

    moved = TrainingPage.objects.get(pk=training.pk)
    for page in (index, training):
        assert Page.objects.get(pk=page.pk).specific.content_type.app_label == "ngo_trainings"
    assert [s.place for s in moved.sessions.all()] == ["Centrum NGO"]
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    assert [t.slug for t in moved.tags.all()] == ["finanse"]
    assert moved.places_left == 9

    listing = Page.objects.get(pk=index.pk).specific.url
    doc = html(client.get(listing + "?topic=finanse"))
    assert [a.get_text(strip=True) for a in doc.select(".card__title a")] == [
        "Księgowość stowarzyszenia"
    ]
    assert client.get(moved.url).status_code == 200
    # The person's link (its salt unchanged) still opens their registration.
    mine = TrainingRegistration.objects.get(pk=registration.pk)
    assert mine.token == "stary-token"
    response = client.get(f"{moved.url}rezerwacja/?klucz={registration_token(mine)}")
    assert response.status_code == 200
    assert "Ola Zapisana" in response.content.decode()

    group = Group.objects.get(name="Szkolenia: autorzy")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("ngo_trainings", "change_trainingpage")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_trainingpage"
    ).exists()
    entry = SearchEntry.objects.get(page_id=training.pk)
    assert entry.content_type == "ngo_trainings.trainingpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_trainings.trainingpage"
    ]
