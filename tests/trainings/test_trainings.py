"""Trainings: the listing and archive, registration with a waiting list, cancelling, organizers."""

import datetime
import json
import re
import threading
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache
from django.db import connection, connections
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages import roles
from pages.trainings.models import TrainingPage, TrainingRegistration, register
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory, pages_in_bulk
from tests.helpers import html
from tests.trainings.factories import TrainingIndexPageFactory, make_training


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


@pytest.fixture
def index(homes):
    return TrainingIndexPageFactory(parent=homes["pl"])


@pytest.fixture
def organizations(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    return (
        OrganizationPageFactory(parent=directory, title="Fundacja Wiedzy"),
        OrganizationPageFactory(parent=directory, title="Stowarzyszenie Inne"),
    )


def titles(response):
    return [a.text.strip() for a in html(response).select(".card__title a")]


def sign_up(client, training, email="ola@example.org", **overrides):
    data = {
        "full_name": "Ola Próbna",
        "email": email,
        "organization_name": "",
        "accessibility_needs": "",
        "consent": "on",
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(training.url, {k: v for k, v in data.items() if v is not None})


def link_in(message):
    url = re.search(r"https?://\S+/rezerwacja/\?klucz=\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db
def test_upcoming_first_and_past_in_the_archive(client, index):
    make_training(index, title="Za miesiąc", days_ahead=30)
    make_training(index, title="Za tydzień", days_ahead=7)
    make_training(index, title="Było", days_ahead=-10)
    make_training(index, title="Szkic", publish=False)
    assert titles(client.get(index.url)) == ["Za tydzień", "Za miesiąc"]
    assert titles(client.get(index.url + "archiwum/")) == ["Było"]


@pytest.mark.django_db
def test_filters_by_topic_audience_mode_and_free_places(client, index):
    full = make_training(index, title="Pełne", capacity=1, audience="volunteers")
    full.tags.set(["fundraising"])
    full.save_revision().publish()
    online = make_training(index, title="Online", is_online=True, audience="seniors")
    online.tags.set(["fundraising", "prawo"])
    online.save_revision().publish()
    register(full, full_name="X", email="x@example.org", consent_text="x")

    assert set(titles(client.get(index.url + "?topic=fundraising"))) == {"Pełne", "Online"}
    assert titles(client.get(index.url + "?topic=prawo")) == ["Online"]
    assert titles(client.get(index.url + "?audience=seniors")) == ["Online"]
    assert titles(client.get(index.url + "?mode=on_site")) == ["Pełne"]
    response = client.get(index.url + "?places=1")
    assert titles(response) == ["Online"]
    # The count beside "only with free places" tells what ticking it gives.
    label = html(client.get(index.url)).find("input", {"name": "places"}).parent.text
    assert "(1)" in label


@pytest.mark.django_db
def test_a_training_with_two_ticked_topics_counts_once(client, index):
    training = make_training(index, title="Oba tematy", audience="seniors")
    training.tags.set(["fundraising", "prawo"])
    training.save_revision().publish()

    page = html(client.get(index.url + "?topic=fundraising&topic=prawo"))
    audience = page.find("input", {"name": "audience", "value": "seniors"}).parent.text
    mode = page.find("input", {"name": "mode", "value": "on_site"}).parent.text
    assert "(1)" in audience
    assert "(1)" in mode


@pytest.mark.django_db
def test_listing_queries_do_not_grow(client, index):
    def queries():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url + "?mode=on_site").status_code == 200
        return len(captured.captured_queries)

    with pages_in_bulk():
        for _ in range(10):
            make_training(index)
    at_10 = queries()
    with pages_in_bulk():
        for _ in range(190):
            make_training(index)
    at_200 = queries()
    assert at_10 == at_200


@pytest.mark.django_db
def test_the_page_describes_a_course_and_hides_the_online_link(client, index):
    training = make_training(index, title="Księgowość NGO", sessions=2, is_online=True)
    response = client.get(training.url)
    page = response.content.decode()
    assert "meet.example.org" not in page  # registered people only
    data = json.loads(html(response).find("script", type="application/ld+json").string)
    assert data["@type"] == "Course"
    assert len(data["hasCourseInstance"]) == 2
    assert data["hasCourseInstance"][0]["startDate"].endswith("+01:00") or data[
        "hasCourseInstance"
    ][0]["startDate"].endswith("+02:00")
    assert data["offers"]["price"] == "0.00"


@pytest.mark.django_db
def test_last_place_then_waiting_list_then_promotion(client, index):
    training = make_training(index, capacity=1)
    response = sign_up(client, training, email="pierwsza@example.org")
    assert "Jesteś zapisany" in html(response).find("h1").text
    first = TrainingRegistration.objects.get(email="pierwsza@example.org")
    assert first.status == "registered"

    page = client.get(training.url)
    assert "Zapisz się na listę rezerwową" in html(page).select_one("#zapisy button").text
    response = sign_up(client, training, email="druga@example.org")
    second = TrainingRegistration.objects.get(email="druga@example.org")
    assert second.status == "waiting"
    assert "rezerwow" in html(response).find("h1").text

    # The first person cancels through the link in their e-mail.
    confirmation = next(m for m in mail.outbox if m.to == ["pierwsza@example.org"])
    assert "meet.example.org" in confirmation.body  # the online link goes to registered people
    link = link_in(confirmation)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link, {"action": "cancel"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "cancelled"
    assert second.status == "registered"
    promoted = next(m for m in mail.outbox if m.to == ["druga@example.org"])
    assert "meet.example.org" in promoted.body
    # The used link no longer works.
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_bad_input_twice_and_after_the_deadline(client, index):
    training = make_training(index)
    response = sign_up(client, training, email="zly-adres", consent=None)
    assert response.status_code == 400
    doc = html(response)
    assert doc.find("input", {"name": "full_name"})["value"] == "Ola Próbna"
    assert len(doc.select(".error-summary li")) == 2

    assert sign_up(client, training).status_code == 200
    response = sign_up(client, training, email="OLA@example.org")
    assert response.status_code == 400
    assert "już" in html(response).select_one(".error-summary").text.lower()
    assert TrainingRegistration.objects.count() == 1

    closed = make_training(index, registration_closes=timezone.now() - datetime.timedelta(hours=1))
    response = sign_up(client, closed, email="spozniona@example.org")
    assert response.status_code == 409
    assert not TrainingRegistration.objects.filter(email="spozniona@example.org").exists()


@pytest.mark.django_db
def test_a_flood_of_registrations_is_refused_and_keeps_the_input(client, index, settings):
    settings.PORTAL_APPLICATION_RATE = "1/h"
    training = make_training(index)
    assert sign_up(client, training).status_code == 200
    response = sign_up(client, training, email="druga@example.org")
    assert response.status_code == 429
    doc = html(response)
    assert "Zbyt wiele zapisów" in doc.select_one(".error-summary").text
    assert doc.find("input", {"name": "email"})["value"] == "druga@example.org"
    assert not TrainingRegistration.objects.filter(email="druga@example.org").exists()


@pytest.mark.django_db
def test_forged_links_change_nothing(client, index):
    training = make_training(index)
    sign_up(client, training)
    link = link_in(mail.outbox[0])
    forged = link[:-2] + ("A" if link[-2] != "A" else "B") + link[-1]
    assert client.post(forged, {"action": "cancel"}).status_code == 404
    assert TrainingRegistration.objects.get().status == "registered"


@pytest.mark.django_db
def test_organization_in_the_directory_is_linked(client, index, organizations):
    training = make_training(index)
    sign_up(client, training, organization_name="fundacja wiedzy")
    assert TrainingRegistration.objects.get().organization == organizations[0]


@pytest.mark.django_db
def test_organizers_see_their_own_trainings_only(client, index, organizations):
    own = make_training(index, title="Nasze", organization=organizations[0])
    other = make_training(index, title="Cudze", organization=organizations[1])
    sign_up(client, own, email="u-nas@example.org")
    sign_up(client, other, email="u-nich@example.org")

    editor = User.objects.create_user("ed", "ed@example.org", "x" * 12)
    editor.groups.add(organizations[0].editor_group)
    client.force_login(editor)
    listing = client.get("/admin/trainings/").content.decode()
    assert "Nasze" in listing and "Cudze" not in listing
    own_page = client.get(f"/admin/trainings/{own.pk}/registrations/")
    assert "u-nas@example.org" in own_page.content.decode()
    for url in [
        f"/admin/trainings/{other.pk}/registrations/",
        f"/admin/trainings/{other.pk}/registrations/?export=csv",
        f"/admin/trainings/{other.pk}/message/",
    ]:
        response = client.get(url, follow=True)
        assert response.status_code == 404
        assert "u-nich" not in response.content.decode()

    # Attendance and the CSV export.
    registration = TrainingRegistration.objects.get(email="u-nas@example.org")
    client.post(f"/admin/trainings/{own.pk}/registrations/", {"attended": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended
    export = client.get(f"/admin/trainings/{own.pk}/registrations/?export=csv").content.decode()
    assert "u-nas@example.org" in export and "tak" in export

    # A message to everyone registered, one e-mail each.
    mail.outbox.clear()
    client.post(
        f"/admin/trainings/{own.pk}/message/",
        {"subject": "Zmiana sali", "body": "Spotykamy się w sali 2."},
    )
    assert [m.to for m in mail.outbox] == [["u-nas@example.org"]]
    assert mail.outbox[0].subject == "Zmiana sali"


@pytest.mark.django_db
def test_a_message_subject_with_a_line_break_is_refused_in_the_form(client, index, organizations):
    own = make_training(index, title="Nasze", organization=organizations[0])
    sign_up(client, own, email="u-nas@example.org")
    editor = User.objects.create_user("ed", "ed@example.org", "x" * 12)
    editor.groups.add(organizations[0].editor_group)
    client.force_login(editor)
    mail.outbox.clear()
    response = client.post(
        f"/admin/trainings/{own.pk}/message/",
        {"subject": "Zmiana sali\r\nBcc: ktos@example.org", "body": "Sala 2."},
    )
    assert response.status_code == 200  # the form again, not "the message is being sent"
    assert "Temat musi mieścić się w jednym wierszu." in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_people_without_trainings_are_refused(client, index):
    make_training(index)
    user = User.objects.create_user("mod", "mod@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(user)
    response = client.get("/admin/trainings/")
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_for_the_last_place_at_once(monkeypatch):
    """The capacity holds under concurrent registrations (PostgreSQL: real row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every write anyway")
    from wagtail.models import Site

    from tests.helpers import restore_site_tree

    restore_site_tree()  # an earlier transactional test may have emptied the database
    home = Site.objects.get(is_default_site=True).root_page
    index = TrainingIndexPageFactory(parent=home)
    training = make_training(index, capacity=1)
    # Widen the window between counting the seats and taking one, so that without the lock
    # both requests would count a free seat (checked: the test fails without it).
    real_create = TrainingRegistration.objects.create

    def slow_create(**kwargs):
        time.sleep(0.5)
        return real_create(**kwargs)

    monkeypatch.setattr(TrainingRegistration.objects, "create", slow_create)
    barrier = threading.Barrier(2)
    results = []

    def attempt(email):
        try:
            barrier.wait()
            registration = register(
                TrainingPage.objects.get(pk=training.pk),
                full_name="Osoba",
                email=email,
                consent_text="x",
            )
            results.append(registration.status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(f"p{n}@example.org",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["registered", "waiting"]
    assert TrainingRegistration.objects.filter(status="registered").count() == 1


@pytest.mark.django_db
def test_demo_has_upcoming_and_past_trainings_and_a_full_one(client, demo):
    upcoming = client.get("/pl/szkolenia/")
    assert len(titles(upcoming)) >= 5
    assert titles(client.get("/pl/szkolenia/archiwum/"))
    full = TrainingPage.objects.get(slug="szkolenie-000", locale__language_code="pl")
    assert full.places_left == 0
    assert client.get("/en/trainings/").status_code == 200


@pytest.mark.django_db
def test_editors_can_open_the_forms_of_new_pages(client, index, organizations):
    from tests.volunteering.factories import VolunteerOfferIndexPageFactory

    admin = User.objects.create_superuser("admin", "admin@example.org", "x" * 12)
    client.force_login(admin)
    offers = VolunteerOfferIndexPageFactory(parent=index.get_parent())
    training = make_training(index)
    for url in [
        f"/admin/pages/add/ngo_trainings/trainingpage/{index.pk}/",
        f"/admin/pages/{training.pk}/edit/",
        f"/admin/pages/add/ngo_volunteering/volunteerofferpage/{offers.pk}/",
        f"/admin/pages/add/ngo_volunteering/volunteerofferpage/{organizations[0].pk}/",
    ]:
        assert client.get(url).status_code == 200, url
