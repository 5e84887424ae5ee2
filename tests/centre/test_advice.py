"""Advice appointments at the centre: slots from weekly rules, no double booking, reminders."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from pages.centre.models import Advisor, Appointment, CentrePage, Closure
from tests.centre.factories import AdvisorFactory, AppointmentFactory, CentrePageFactory
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()
ZONE = timezone.get_current_timezone()


@pytest.fixture
def centre(homes):
    page = CentrePageFactory(parent=homes["pl"])
    page.save_revision().publish()
    return page


@pytest.fixture
def advisor(db):
    return AdvisorFactory(
        name="Doradczyni Prawna",
        topic="law",
        rule="FREQ=WEEKLY;BYDAY=MO",
        start_time=datetime.time(11),
        end_time=datetime.time(17),
        slot_minutes=60,
    )


def booking_data(slot_key, **overrides):
    data = {
        "slot": slot_key,
        "full_name": "Ola Próbna",
        "email": "ola@example.org",
        "topic_text": "Statut stowarzyszenia",
        "consent": "on",
    }
    data.update(overrides)
    return data


def next_monday():
    today = timezone.localdate()
    return today + datetime.timedelta(days=(7 - today.weekday()) or 7)


def test_slots_follow_the_weekly_rule_and_skip_closures_and_taken_times(advisor):
    monday = next_monday()
    slots = [s for s in advisor.slots(days=14) if timezone.localtime(s).date() == monday]
    assert [timezone.localtime(s).strftime("%H:%M") for s in slots] == [
        "11:00",
        "12:00",
        "13:00",
        "14:00",
        "15:00",
        "16:00",
    ]
    assert all(timezone.localtime(s).weekday() == 0 for s in advisor.slots(days=28))
    AppointmentFactory(advisor=advisor, starts_at=slots[0], ends_at=slots[1])
    Closure.objects.create(
        starts_on=monday + datetime.timedelta(days=7), ends_on=monday + datetime.timedelta(days=7)
    )
    days = {timezone.localtime(s).date() for s in advisor.slots(days=20)}
    assert monday + datetime.timedelta(days=7) not in days
    assert slots[0] not in advisor.slots(days=14)


def test_a_person_books_a_slot_gets_a_mail_and_can_cancel(client, centre, advisor):
    slot = advisor.slots()[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            centre.url + f"doradztwo/{advisor.pk}/",
            booking_data(slot.isoformat()),
        )
    assert response.status_code == 200
    appointment = Appointment.objects.get()
    assert appointment.starts_at == slot
    message = mail.outbox[-1]
    assert message.to == ["ola@example.org"]
    link = re.search(r"https?://\S+/doradztwo/wizyta/\?klucz=\S+", message.body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path + "x").status_code == 404
    client.post(path)
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.CANCELLED
    assert slot in advisor.slots()  # free again


def test_a_taken_slot_cannot_be_booked_twice(client, centre, advisor):
    slot = advisor.slots()[0]
    AppointmentFactory(
        advisor=advisor,
        starts_at=slot,
        full_name="A",
        email="a@example.org",
        topic_text="x",
    )
    response = client.post(
        centre.url + f"doradztwo/{advisor.pk}/",
        booking_data(slot.isoformat(), full_name="B", email="b@example.org"),
    )
    assert response.status_code == 400  # no longer offered
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentFactory(
            advisor=advisor,
            starts_at=slot,
            full_name="C",
            email="c@example.org",
            topic_text="z",
        )
    assert Appointment.objects.count() == 1


def test_reminders_go_once_the_day_before(advisor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(12), tzinfo=ZONE)
    AppointmentFactory(
        advisor=advisor,
        starts_at=start,
        full_name="Jan",
        email="jan@example.org",
        topic_text="x",
    )
    later = start + datetime.timedelta(days=3)
    AppointmentFactory(
        advisor=advisor,
        starts_at=later,
        full_name="Ewa",
        email="ewa@example.org",
        topic_text="x",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_appointment_reminders", verbosity=0)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_appointment_reminders", verbosity=0)
    assert [m.to for m in mail.outbox] == [["jan@example.org"]]
    assert "jutro" in mail.outbox[0].subject


def test_an_advisor_sees_their_day_and_nobody_elses(client, advisor):
    other = Advisor.objects.create(name="Inny Doradca", topic="accounting", rule="FREQ=DAILY")
    from django.contrib.auth.models import Group

    from pages import roles

    own_user = User.objects.create_user("prawniczka", "p@example.org", "x-pass-123456")
    own_user.groups.add(Group.objects.get(name=roles.ADVISORS))
    advisor.user = own_user
    advisor.save()
    day = next_monday()
    for who, name in ((advisor, "Klient Własny"), (other, "Klient Cudzy")):
        start = datetime.datetime.combine(day, datetime.time(12), tzinfo=ZONE)
        AppointmentFactory(
            advisor=who,
            starts_at=start,
            full_name=name,
            email="k@example.org",
            topic_text="x",
        )
    client.force_login(own_user)
    page = client.get("/admin/centre/advice/", {"dzien": day.isoformat()}).content.decode()
    assert "Klient Własny" in page and "Klient Cudzy" not in page

    stranger = User.objects.create_user("obcy", "o@example.org", "x-pass-123456")
    stranger.groups.add(Group.objects.get(name=roles.ADVISORS))  # an advisor of nobody
    client.force_login(stranger)
    response = client.get("/admin/centre/advice/", {"dzien": day.isoformat()})
    assert response.status_code in (302, 403)
    assert "Klient" not in response.content.decode()


def test_an_invalid_rule_is_refused_in_the_admin_form(advisor):
    from django.core.exceptions import ValidationError

    advisor.rule = "co drugi poniedziałek"
    with pytest.raises(ValidationError):
        advisor.full_clean()


def test_demo_has_advisors_with_free_times(client, demo):
    centre = CentrePage.objects.get(locale__language_code="pl")
    doc = html(client.get(centre.url + "doradztwo/"))
    assert len(doc.select(".card")) == 5


def test_a_ten_year_old_appointment_link_cancels_nothing(client, centre, advisor, monkeypatch):
    import time

    from django.core import signing

    from pages.centre.models import appointment_token

    starts_at = advisor.slots()[0]
    appointment = AppointmentFactory(
        advisor=advisor,
        starts_at=starts_at,
        full_name="Ola Próbna",
        email="ola@example.org",
        topic_text="Statut",
    )
    then = int(time.time()) - 10 * 365 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        old = appointment_token(appointment)
    url = centre.url + "doradztwo/wizyta/?klucz=" + old
    response = client.post(url)
    assert response.status_code == 410
    assert "Ten link wygasł" in html(response).select_one("h1").text
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.BOOKED


def test_a_resident_reads_the_times_as_days_and_hours_not_iso(client, centre, advisor):
    slot = advisor.slots()[0]
    local = timezone.localtime(slot)
    response = client.get(centre.url + f"doradztwo/{advisor.pk}/")
    text = response.content.decode()
    shown = re.sub(r'value="[^"]*"', "", text)  # what a person reads, not the values sent
    assert slot.isoformat() not in shown
    assert local.strftime("%Y-%m-%d") not in shown
    assert f"poniedziałek, {local.day} " in text
    assert f", {local:%H:%M}</option>" in text


def test_a_time_taken_a_moment_earlier_names_the_nearest_free_ones_and_keeps_the_form(
    client, centre, advisor
):
    slot = advisor.slots()[1]
    # Somebody else books it between the page being shown and this resident sending the form.
    AppointmentFactory(
        advisor=advisor,
        starts_at=slot,
        full_name="A",
        email="a@example.org",
        topic_text="x",
    )
    response = client.post(centre.url + f"doradztwo/{advisor.pk}/", booking_data(slot.isoformat()))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Ten termin został właśnie zajęty. Najbliższe wolne terminy: poniedziałek" in text
    assert "nie jest żadną z dostępnych opcji" not in text
    assert slot.isoformat() not in text
    nearest = advisor.slots()[0]
    assert f"{timezone.localtime(nearest):%H:%M}" in text
    # What was typed is kept.
    assert "Statut stowarzyszenia" in text
    assert 'value="ola@example.org"' in text
    assert Appointment.objects.count() == 1


def test_the_race_lost_at_the_database_names_the_nearest_free_ones(
    client, centre, advisor, monkeypatch
):
    slot = advisor.slots()[0]
    real_create = Appointment.objects.create

    def taken_meanwhile(**fields):
        # The other booking lands between this form's check and its insert (the database
        # refuses the second one; the rollback takes both away here).
        real_create(**{**fields, "full_name": "A", "email": "a@example.org"})
        return real_create(**fields)

    monkeypatch.setattr(Appointment.objects, "create", taken_meanwhile)
    response = client.post(centre.url + f"doradztwo/{advisor.pk}/", booking_data(slot.isoformat()))
    assert response.status_code == 409
    text = response.content.decode()
    assert "Ten termin został właśnie zajęty. Najbliższe wolne terminy:" in text
    assert "Statut stowarzyszenia" in text
    assert "Ten termin został właśnie zajęty. Wybierz inny." not in text
    assert not Appointment.objects.filter(full_name="Ola Próbna").exists()


def test_a_bot_filling_the_hidden_field_books_nothing(client, centre, advisor):
    page = client.get(centre.url + f"doradztwo/{advisor.pk}/").content.decode()
    # People never meet the field: it is a hidden input, neither focusable nor read out.
    assert re.search(r'<input type="hidden" name="website"', page)
    slots = advisor.slots()
    for slot in slots[:7]:
        response = client.post(
            centre.url + f"doradztwo/{advisor.pk}/",
            booking_data(slot.isoformat(), website="https://spam.example.org"),
        )
        assert response.status_code == 200
    assert Appointment.objects.count() == 0
    assert len(mail.outbox) == 0
