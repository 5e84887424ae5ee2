"""The opt-in directory of local leaders: approval first, the person's own link, hidden e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import TestCase

from pages import roles
from pages.leaders.models import LeaderProfile, LeadersIndexPage, manage_token
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory, area, district
from tests.helpers import html
from tests.leaders.factories import LeaderProfileFactory, LeadersIndexPageFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def directory(homes):
    page = LeadersIndexPageFactory(parent=homes["pl"])
    page.save_revision().publish()
    return page


def propose(client, directory, **overrides):
    data = {
        "full_name": "Katarzyna Sąsiedzka",
        "email": "kasia@example.org",
        "areas": [area("wspolnoty-lokalne").pk],
        "district": district(_first_district_slug()).pk,
        "can_help_with": "Rada osiedla, pikniki sąsiedzkie.",
        "bio": "",
        "consent": "on",
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(directory.url + "zglos-sie/", data)


def _first_district_slug():
    from pages.models import District

    return District.objects.filter(locale__language_code="pl").first().slug


def names(client, directory, **params):
    return [h.text for h in html(client.get(directory.url, params)).select(".leader .card__title")]


def city_editor():
    user = User.objects.create_user("miasto", "miasto@example.org", "x-pass-123456")
    user.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    return user


def test_a_profile_waits_for_approval_before_it_shows(client, directory):
    assert propose(client, directory).status_code == 200
    leader = LeaderProfile.objects.get()
    assert leader.state == LeaderProfile.State.PENDING
    assert names(client, directory) == []

    client.force_login(city_editor())
    client.post("/admin/leaders/", {"leader": leader.pk, "action": "approve"})
    client.logout()
    assert names(client, directory) == ["Katarzyna Sąsiedzka"]
    assert names(client, directory, area="wspolnoty-lokalne") == ["Katarzyna Sąsiedzka"]
    assert names(client, directory, area="seniorzy") == []


def test_the_manage_link_edits_and_removes_and_a_forged_one_is_refused(client, directory):
    propose(client, directory)
    leader = LeaderProfile.objects.get()
    leader.state = LeaderProfile.State.APPROVED
    leader.save()
    link = re.search(r"https?://\S+/profil/\?klucz=\S+", mail.outbox[-1].body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path.replace("klucz=", "klucz=zly")).status_code == 404

    form = html(client.get(path))
    assert form.select_one("#id_full_name")["value"] == "Katarzyna Sąsiedzka"
    client.post(
        path,
        {
            "action": "save",
            "full_name": "Katarzyna Sąsiedzka",
            "email": "kasia@example.org",
            "areas": [area("seniorzy").pk],
            "can_help_with": "Klub seniora.",
        },
    )
    leader.refresh_from_db()
    assert leader.can_help_with == "Klub seniora."
    assert leader.state == LeaderProfile.State.PENDING  # read again before it shows

    client.post(path, {"action": "delete"})
    assert not LeaderProfile.objects.exists()
    assert client.get(path).status_code == 404


def test_contact_form_forwards_the_message_and_never_shows_the_address(client, directory):
    leader = LeaderProfileFactory(
        full_name="Marek Pomocny",
        email="marek.ukryty@example.org",
        state=LeaderProfile.State.APPROVED,
    )
    assert "marek.ukryty" not in client.get(directory.url).content.decode()
    contact_url = f"{directory.url}{leader.pk}/kontakt/"
    assert "marek.ukryty" not in client.get(contact_url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            contact_url, {"name": "Jan", "email": "jan@example.org", "message": "Pomożesz?"}
        )
    assert "marek.ukryty" not in response.content.decode()
    forwarded = mail.outbox[-1]
    assert forwarded.to == ["marek.ukryty@example.org"]
    assert forwarded.reply_to == ["jan@example.org"]
    assert "Pomożesz?" in forwarded.body


def test_pending_profiles_cannot_be_contacted(client, directory):
    leader = LeaderProfile.objects.create(
        full_name="Adam", email="adam@example.org", can_help_with="x"
    )
    assert client.get(f"{directory.url}{leader.pk}/kontakt/").status_code == 404


def test_approval_is_refused_to_anonymous_and_ngo_editors(client, directory, homes):
    leader = LeaderProfile.objects.create(
        full_name="Adam", email="adam@example.org", can_help_with="x"
    )
    assert (
        client.post("/admin/leaders/", {"leader": leader.pk, "action": "approve"}).status_code
        == 302
    )
    organization = OrganizationPageFactory(parent=OrganizationIndexPageFactory(parent=homes["pl"]))
    organization.refresh_from_db()
    editor = User.objects.create_user("ngo", "ngo@example.org", "x-pass-123456")
    editor.groups.add(organization.editor_group)
    client.force_login(editor)
    response = client.post("/admin/leaders/", {"leader": leader.pk, "action": "approve"})
    assert response.status_code in (302, 403)
    assert "adam@example.org" not in client.get("/admin/leaders/").content.decode()
    leader.refresh_from_db()
    assert leader.state == LeaderProfile.State.PENDING


def test_the_form_keeps_what_was_typed_without_consent(client, directory):
    response = propose(client, directory, consent="")
    assert response.status_code == 400
    assert html(response).select_one("#id_full_name")["value"] == "Katarzyna Sąsiedzka"
    assert not LeaderProfile.objects.exists()


def test_demo_has_approved_leaders_and_one_waiting(client, demo):
    directory = LeadersIndexPage.objects.get(locale__language_code="pl")
    shown = names(client, directory)
    assert len(shown) == 3 and "Adam Nowicjusz" not in shown


def signed_years_ago(monkeypatch, years, make):
    """A token made as if the mail had been sent `years` ago."""
    import time

    from django.core import signing

    then = int(time.time()) - years * 365 * 24 * 3600
    with monkeypatch.context() as patched:
        patched.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return make()


def test_a_ten_year_old_manage_link_is_refused_with_a_page_that_says_so(
    client, directory, monkeypatch
):
    propose(client, directory)
    leader = LeaderProfile.objects.get()
    old = signed_years_ago(monkeypatch, 10, lambda: manage_token(leader))
    response = client.get(directory.url + "profil/", {"klucz": old})
    assert response.status_code == 410
    assert "Ten link wygasł" in html(response).select_one("h1").text
    response = client.post(directory.url + "profil/?klucz=" + old, {"action": "delete"})
    assert response.status_code == 410
    assert LeaderProfile.objects.exists()
    # A fresh link still works.
    assert client.get(directory.url + "profil/", {"klucz": manage_token(leader)}).status_code == 200
