"""NGOs edit their own profile, and nothing else; the city reviews what they change."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, GroupPagePermission, Workflow

from pages import roles
from pages.models import OrganizationPage, ProfileClaim
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
from tests.helpers import form_values, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(homes):
    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


@pytest.fixture
def org_a(directory):
    return OrganizationPageFactory(parent=directory, title="Stowarzyszenie Alfa")


@pytest.fixture
def org_b(directory):
    return OrganizationPageFactory(parent=directory, title="Fundacja Beta")


def user_in(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "pass")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_a(org_a):
    org_a.refresh_from_db()
    return user_in(org_a.editor_group, "alfa")


@pytest.fixture
def city_editor(db):
    return user_in(Group.objects.get(name=roles.CITY_EDITORS), "miasto")


@pytest.fixture
def moderator(db):
    return user_in(Group.objects.get(name=roles.CITY_MODERATORS), "moderator")


def test_a_new_organization_gets_its_own_editor_group(org_a):
    org_a.refresh_from_db()
    group = org_a.editor_group
    assert group is not None and "Stowarzyszenie Alfa" in group.name
    permissions = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    assert permissions == {(org_a.pk, "add_page"), (org_a.pk, "change_page")}  # no publish
    collection = Collection.objects.get(name__contains="Stowarzyszenie Alfa")
    assert collection.get_parent().name == roles.NGO_COLLECTIONS


def test_a_translation_does_not_get_a_second_group(homes, org_a):
    english_directory = org_a.get_parent().copy_for_translation(homes["en"].locale)
    english = org_a.copy_for_translation(homes["en"].locale)
    assert english_directory.pk and english.editor_group_id is None
    assert Group.objects.filter(name__startswith=roles.NGO_GROUP_PREFIX).count() == 1


def admin_urls(page):
    pk = page.pk
    revision = page.latest_revision_id or page.save_revision().pk
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[pk]),
        "history": reverse("wagtailadmin_pages:history", args=[pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[pk]),
        "view_draft": reverse("wagtailadmin_pages:view_draft", args=[pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[pk]),
        "move": reverse("wagtailadmin_pages:move", args=[pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[pk]),
        "add_subpage": reverse("wagtailadmin_pages:add_subpage", args=[pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[pk]),
        "revision_view": reverse("wagtailadmin_pages:revisions_view", args=[pk, revision]),
        "compare": reverse("wagtailadmin_pages:revisions_compare", args=[pk, "earliest", "latest"]),
        "lock": reverse("wagtailadmin_pages:lock", args=[pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[pk]),
        "invite": reverse("ngo_access_invite", args=[pk]),
    }


def test_an_ngo_editor_is_refused_every_admin_url_of_another_organization(client, editor_a, org_b):
    client.force_login(editor_a)
    before = (org_b.title, org_b.live, org_b.get_parent().pk)
    for name, url in admin_urls(org_b).items():
        for method in ("get", "post"):
            response = getattr(client, method)(url, follow=True)
            # Refused: a 403, or sent to the dashboard (with a "no permission" message).
            chain = [location for location, _status in response.redirect_chain]
            refused = response.status_code in (403, 405) or (chain and chain[-1] == "/admin/")
            assert refused, (name, method, response.status_code, chain)
    org_b.refresh_from_db()
    assert (org_b.title, org_b.live, org_b.get_parent().pk) == before
    assert OrganizationPage.objects.filter(pk=org_b.pk).exists()


def test_an_ngo_editor_edits_their_profile_but_changes_wait_for_approval(
    client, editor_a, moderator, city_editor, org_a
):
    client.force_login(editor_a)
    edit_url = reverse("wagtailadmin_pages:edit", args=[org_a.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    assert "action-publish" not in form.content.decode()  # no publish button for NGOs

    data = form_values(form, "page-edit-form")
    data["title"] = ["Stowarzyszenie Alfa Plus"]
    data.setdefault("description-count", ["0"])  # the StreamField's inputs are made by JavaScript
    data["action-submit"] = ["Submit"]
    response = client.post(edit_url, data)
    assert response.status_code == 302, html(response).select(".error-message")

    org_a.refresh_from_db()
    assert org_a.title == "Stowarzyszenie Alfa"  # the public page has not changed
    workflow_state = org_a.current_workflow_state
    assert workflow_state.workflow.name == roles.NGO_REVIEW_WORKFLOW
    assert client.get(f"/pl/organizacje/{org_a.slug}/").status_code == 200
    assert "Alfa Plus" not in client.get(f"/pl/organizacje/{org_a.slug}/").content.decode()

    # The moderator sees what changed, then approves: now the profile is live.
    client.force_login(moderator)
    compare = reverse("wagtailadmin_pages:revisions_compare", args=[org_a.pk, "live", "latest"])
    assert "Alfa Plus" in client.get(compare).content.decode()
    workflow_state.current_task_state.approve(user=moderator)
    org_a.refresh_from_db()
    # The organization's first submission also needs a city editor's second review.
    assert org_a.title == "Stowarzyszenie Alfa"
    workflow_state.refresh_from_db()
    assert workflow_state.current_task_state.task.name == roles.FIRST_TIME_TASK
    workflow_state.current_task_state.approve(user=city_editor)
    org_a.refresh_from_db()
    assert org_a.title == "Stowarzyszenie Alfa Plus"


def test_every_directory_uses_the_ngo_review_workflow(homes, directory):
    english = OrganizationIndexPageFactory(parent=homes["en"], title="Organizations", slug="orgs")
    for index in (directory, english):
        assert index.get_workflow() == Workflow.objects.get(name=roles.NGO_REVIEW_WORKFLOW)


def test_a_resident_claims_a_profile_and_a_city_editor_approves(client, org_a, city_editor):
    url = f"/pl/organizacje/{org_a.slug}/dostep/"
    data = {
        "full_name": "Anna Przykładowa",
        "email": "anna@example.org",
        "role": "prezeska zarządu",
        "message": "Prowadzę stowarzyszenie od 2020 roku.",
    }
    refused = client.post(url, data)  # no consent
    doc = html(refused)
    assert doc.select_one(".error-summary a")["href"] == "#id_consent"
    assert doc.select_one("#id_full_name")["value"] == "Anna Przykładowa"  # nothing lost
    assert not ProfileClaim.objects.exists()

    assert client.post(url, {**data, "consent": "on"}).status_code == 200
    claim = ProfileClaim.objects.get()
    assert [m.to for m in mail.outbox] == [[city_editor.email]]
    again = client.post(url, {**data, "consent": "on"})
    assert "already waiting" in again.content.decode() or "już czeka" in again.content.decode()
    assert ProfileClaim.objects.count() == 1

    client.force_login(city_editor)
    listing = client.get(reverse("ngo_access_claims"))
    assert "Anna Przykładowa" in listing.content.decode()
    client.post(reverse("ngo_access_decide", args=[claim.pk, "approve"]))
    claim.refresh_from_db()
    org_a.refresh_from_db()
    assert claim.status == ProfileClaim.Status.APPROVED
    # The approval grants nothing yet: no account, until the link mailed to the address is used.
    assert not User.objects.filter(email="anna@example.org").exists()
    invitation = mail.outbox[-1]
    assert invitation.to == ["anna@example.org"]

    client.logout()
    link = invitation_link(invitation)
    assert "anna@example.org" in client.get(link).content.decode()  # the account's address
    response = client.post(link, new_account("Anna", "Przykładowa"))
    assert response.status_code == 302
    invited = User.objects.get(email="anna@example.org")
    assert org_a.editor_group in invited.groups.all()
    assert invited.check_password(PASSWORD)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[org_a.pk])).status_code == 200


PASSWORD = "Zaproszenie-2026-przyklad"


def invitation_link(message):
    """The path of the link in an invitation (or confirmation) mail."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def new_account(first_name, last_name):
    return {
        "first_name": first_name,
        "last_name": last_name,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def test_honeypot_stores_nothing(client, org_a):
    client.post(
        f"/pl/organizacje/{org_a.slug}/dostep/",
        {
            "full_name": "Bot",
            "email": "bot@example.org",
            "role": "x",
            "consent": "on",
            "website": "x",
        },
    )
    assert not ProfileClaim.objects.exists()


def test_claims_and_invitations_are_for_city_editors_only(client, editor_a, org_a, org_b):
    claim = ProfileClaim.objects.create(
        organization=org_b, full_name="Ktoś", email="ktos@example.org", role="członek"
    )
    for user in (None, editor_a):
        client.logout()
        if user:
            client.force_login(user)
        for url in (
            reverse("ngo_access_claims"),
            reverse("ngo_access_invite", args=[org_a.pk]),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403)
            assert "ktos@example.org" not in response.content.decode()
        response = client.post(reverse("ngo_access_decide", args=[claim.pk, "approve"]))
        assert response.status_code in (302, 403)
        claim.refresh_from_db()
        assert claim.status == ProfileClaim.Status.PENDING


def test_a_city_editor_invites_an_ngo_user_by_email(client, city_editor, org_a):
    client.force_login(city_editor)
    url = reverse("ngo_access_invite", args=[org_a.pk])
    assert client.post(url, {"email": "not-an-email"}).status_code == 200
    assert not User.objects.filter(username="not-an-email").exists()
    client.post(url, {"email": "nowa@example.org", "full_name": "Nowa Osoba"})
    org_a.refresh_from_db()
    assert mail.outbox[-1].to == ["nowa@example.org"]
    assert "Stowarzyszenie Alfa" in mail.outbox[-1].subject
    assert not User.objects.filter(email="nowa@example.org").exists()  # nothing before the link
    assert "nowa@example.org" in client.get(url).content.decode()  # waiting for the link

    client.logout()
    link = invitation_link(mail.outbox[-1])
    form = html(client.get(link))
    assert form.select_one("#id_first_name")["value"] == "Nowa"  # the invited name, filled in
    refused = client.post(link, {**new_account("Nowa", "Osoba"), "password2": "something-else"})
    assert refused.status_code == 200
    assert not User.objects.filter(email="nowa@example.org").exists()
    client.post(link, new_account("Nowa", "Osoba"))
    assert User.objects.get(email="nowa@example.org").groups.filter(pk=org_a.editor_group_id)


def test_stale_profiles_are_flagged_to_their_editors_and_the_city(
    client, editor_a, city_editor, org_a, org_b
):
    import datetime

    from django.utils import timezone

    old = timezone.localdate() - datetime.timedelta(days=400)
    OrganizationPage.objects.filter(pk__in=[org_a.pk, org_b.pk]).update(data_confirmed_at=old)

    client.force_login(editor_a)
    dashboard = client.get("/admin/").content.decode()
    assert "Stowarzyszenie Alfa" in dashboard and "Fundacja Beta" not in dashboard
    client.force_login(city_editor)
    dashboard = client.get("/admin/").content.decode()
    assert "Stowarzyszenie Alfa" in dashboard and "Fundacja Beta" in dashboard

    call_command("notify_stale_organizations", verbosity=0)
    assert [m.to for m in mail.outbox] == [[editor_a.email]]  # B has no editors yet
    call_command("notify_stale_organizations", verbosity=0)
    assert len(mail.outbox) == 1  # not again within 30 days


def test_decided_claims_are_purged_after_90_days(org_a):
    import datetime

    from django.utils import timezone

    old = ProfileClaim.objects.create(
        organization=org_a,
        full_name="A",
        email="a@example.org",
        role="r",
        status="rejected",
        decided_at=timezone.now() - datetime.timedelta(days=91),
    )
    recent = ProfileClaim.objects.create(
        organization=org_a,
        full_name="B",
        email="b@example.org",
        role="r",
        status="rejected",
        decided_at=timezone.now() - datetime.timedelta(days=10),
    )
    call_command("purge_decided_claims", verbosity=0)
    assert list(ProfileClaim.objects.all()) == [recent]
    assert not ProfileClaim.objects.filter(pk=old.pk).exists()


def test_uploads_are_limited_in_size_and_type(client, editor_a):
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    client.force_login(editor_a)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "program", "file": SimpleUploadedFile("program.exe", b"MZ\x90\x00")},
    )
    assert response.status_code == 200  # the form again, with the refusal
    from wagtail.documents.models import Document

    assert not Document.objects.exists()


def test_a_flood_of_claims_is_refused_with_429_and_the_form_kept(client, org_a, settings):
    settings.PORTAL_APPLICATION_RATE = "2/h"
    url = f"/pl/organizacje/{org_a.slug}/dostep/"
    data = {"full_name": "Ewa Próbna", "role": "członkini", "consent": "on"}
    for number in range(2):
        client.post(url, {**data, "email": f"ewa{number}@example.org"})
    refused = client.post(url, {**data, "email": "ewa9@example.org"})
    assert refused.status_code == 429
    doc = html(refused)
    assert "Zbyt wiele" in doc.select_one(".error-summary").text
    assert doc.select_one("#id_email")["value"] == "ewa9@example.org"
    assert ProfileClaim.objects.count() == 2


# Taking over another organization (issue 18): an address is trusted only once its mail is read.

B_CONTACT = "kontakt@fundacja-beta.example.org"


@pytest.fixture
def b_application(org_b):
    """A volunteer's application to B's offer: what A's editor must not read."""
    from pages.volunteering.models import VolunteerApplication
    from tests.volunteering.factories import VolunteerOfferPageFactory

    offer = VolunteerOfferPageFactory(parent=org_b, title="Oferta Bety")
    return VolunteerApplication.objects.create(
        offer=offer, full_name="Wolontariuszka Betowa", email="w@example.org", consent_text="x"
    )


def reads_b(client, org_b):
    """Whether the signed-in account edits B's profile or reads B's applications."""
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[org_b.pk]))
    listing = client.get(reverse("volunteer_applications"))
    return edit.status_code == 200 or "Wolontariuszka Betowa" in listing.content.decode()


def invite(client, city_editor, organization, email):
    """A city editor invites the address, clicking "send anyway" when it has an account."""
    client.force_login(city_editor)
    url = reverse("ngo_access_invite", args=[organization.pk])
    first = client.post(url, {"email": email})
    if first.status_code == 200 and "confirm_existing" in first.content.decode():
        client.post(url, {"email": email, "confirm_existing": email})
    client.logout()
    return invitation_link(mail.outbox[-1])


def test_inviting_the_address_of_another_organizations_editor_grants_nothing_until_confirmed(
    client, editor_a, city_editor, org_a, org_b, b_application
):
    # A's editor holds B's public address (set before e-mail changes needed a confirmation).
    User.objects.filter(pk=editor_a.pk).update(email=B_CONTACT)
    editor_a.refresh_from_db()
    client.force_login(city_editor)
    url = reverse("ngo_access_invite", args=[org_b.pk])
    warned = html(client.post(url, {"email": B_CONTACT}))
    warning = warned.select_one(".existing-account").text
    assert "alfa" in warning and "Stowarzyszenie Alfa" in warning  # whose, and what it edits
    assert not mail.outbox  # the first click only warns
    link = invite(client, city_editor, org_b, B_CONTACT)
    assert mail.outbox[-1].to == [B_CONTACT]

    client.force_login(editor_a)
    assert not reads_b(client, org_b)  # invited, not yet an editor of B
    confirm = client.get(link)
    assert "Fundacja Beta" in confirm.content.decode()  # says which organization it will edit
    assert not reads_b(client, org_b)  # opening the link is not confirming it
    client.post(link)
    assert reads_b(client, org_b)


def test_an_existing_account_signed_out_is_asked_to_sign_in_and_never_added_silently(
    client, editor_a, city_editor, org_b
):
    link = invite(client, city_editor, org_b, editor_a.email)
    assert "already exists" in mail.outbox[-1].body or "już istnieje" in mail.outbox[-1].body
    page = client.get(link)
    assert reverse("wagtailadmin_login") in page.content.decode()
    client.post(link, new_account("Ktoś", "Inny"))  # no second account for the address
    assert User.objects.filter(email=editor_a.email).count() == 1
    assert not editor_a.groups.filter(pk=org_b.editor_group_id).exists()
    # Signed in, the owner of the address confirms: only then is the account an editor of B.
    signed_in = client.post(
        reverse("wagtailadmin_login"), {"username": "alfa", "password": "pass", "next": link}
    )
    assert signed_in.url == link  # back to the invitation after signing in
    assert "Fundacja Beta" in client.get(link).content.decode()
    assert not editor_a.groups.filter(pk=org_b.editor_group_id).exists()
    client.post(link)
    assert editor_a.groups.filter(pk=org_b.editor_group_id).exists()


def test_a_signed_in_account_with_another_address_cannot_take_the_invitation(
    client, editor_a, city_editor, org_b, b_application
):
    link = invite(client, city_editor, org_b, B_CONTACT)
    client.force_login(editor_a)  # alfa@example.org, not B's address
    assert client.get(link).status_code == 403
    assert client.post(link).status_code == 403
    assert not reads_b(client, org_b)
    # The invitation is still there for the person who reads B's mail.
    client.logout()
    client.post(link, new_account("Beata", "Betowa"))
    assert User.objects.get(email=B_CONTACT).groups.filter(pk=org_b.editor_group_id).exists()


def test_a_used_an_expired_a_replaced_and_a_tampered_link_grant_nothing(
    client, city_editor, org_b, settings
):
    from pages.models import EditorInvitation

    used = invite(client, city_editor, org_b, "pierwsza@example.org")
    client.post(used, new_account("Pierwsza", "Osoba"))
    client.logout()
    second_use = client.post(used, new_account("Druga", "Osoba"))
    assert second_use.status_code == 410
    assert "już" in second_use.content.decode()  # "already used", in Polish

    expired = invite(client, city_editor, org_b, "spozniona@example.org")
    EditorInvitation.objects.filter(email="spozniona@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert client.post(expired, new_account("Spóźniona", "Osoba")).status_code == 410
    settings.PORTAL_INVITATION_MAX_AGE_DAYS = 30  # the limit is a setting
    assert client.get(expired).status_code == 200

    replaced = invite(client, city_editor, org_b, "dwa-razy@example.org")
    invite(client, city_editor, org_b, "dwa-razy@example.org")
    assert client.post(replaced, new_account("Dwa", "Razy")).status_code == 410

    tampered = invite(client, city_editor, org_b, "zmieniona@example.org")
    tampered = tampered[:-3] + ("A" if tampered[-3] != "A" else "B") + tampered[-2:]
    assert client.post(tampered, new_account("Zmieniona", "Osoba")).status_code == 400

    # Only the first person, once, got an account.
    assert set(User.objects.values_list("email", flat=True)) == {
        city_editor.email,
        "pierwsza@example.org",
    }


def test_the_claims_screen_says_the_address_belongs_to_an_account_and_what_it_edits(
    client, editor_a, city_editor, org_b
):
    ProfileClaim.objects.create(
        organization=org_b, full_name="Alfa udaje Betę", email=editor_a.email.upper(), role="x"
    )
    ProfileClaim.objects.create(
        organization=org_b, full_name="Nowa osoba", email="nikt@example.org", role="x"
    )
    client.force_login(city_editor)
    rows = html(client.get(reverse("ngo_access_claims"))).select("tbody tr")
    first = next(row for row in rows if "Alfa udaje Betę" in row.text)
    second = next(row for row in rows if "Nowa osoba" in row.text)
    assert "Stowarzyszenie Alfa" in first.select_one(".existing-account").text
    assert second.select_one(".existing-account") is None


def account_form(client):
    return form_values(client.get(reverse("wagtailadmin_account")), "w-editor-form")


def test_a_changed_email_waits_for_the_new_address_to_confirm(client, editor_a, org_b):
    org_b.refresh_from_db()
    other = user_in(org_b.editor_group, "inny")  # another editor, signed in to the admin
    client.force_login(editor_a)
    data = account_form(client)
    assert "name_email-email" not in data  # Wagtail's immediate e-mail field is off
    data["confirmed_email-email"] = [B_CONTACT]
    data["name_email-first_name"], data["name_email-last_name"] = ["Ala"], ["Alfowa"]
    data["name_email-email"] = [B_CONTACT]  # a hand-made request to the old field changes nothing
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302, html(response).select(".error-message")
    editor_a.refresh_from_db()
    assert editor_a.email == "alfa@example.org"  # the old address stays
    assert mail.outbox[-1].to == [B_CONTACT]  # the link goes to the new address only
    link = invitation_link(mail.outbox[-1])

    client.force_login(other)  # someone else's link
    assert client.post(link).status_code == 400
    other.refresh_from_db()
    assert other.email == "inny@example.org"  # nobody's address changed

    client.force_login(editor_a)
    assert client.get(link).status_code == 200  # asks to confirm
    editor_a.refresh_from_db()
    assert editor_a.email == "alfa@example.org"
    client.post(link)
    editor_a.refresh_from_db()
    assert editor_a.email == B_CONTACT

    # Used once: following it again after a change back does not switch the address again.
    User.objects.filter(pk=editor_a.pk).update(email="alfa@example.org")
    editor_a.refresh_from_db()
    client.force_login(editor_a)
    assert client.post(link).status_code == 400
    editor_a.refresh_from_db()
    assert editor_a.email == "alfa@example.org"


def test_an_expired_a_replaced_or_a_tampered_email_change_link_changes_nothing(
    client, editor_a, settings
):
    from pages.models import EmailChangeRequest

    client.force_login(editor_a)
    data = account_form(client)
    data["name_email-first_name"], data["name_email-last_name"] = ["Ala"], ["Alfowa"]
    links = []
    for address in ("stary@example.org", "nowy@example.org"):
        data["confirmed_email-email"] = [address]
        client.post(reverse("wagtailadmin_account"), data)
        links.append(invitation_link(mail.outbox[-1]))
    replaced, newest = links
    tampered = newest[:-3] + ("A" if newest[-3] != "A" else "B") + newest[-2:]
    EmailChangeRequest.objects.filter(new_email="nowy@example.org").update(
        created_at=timezone.now() - datetime.timedelta(hours=49)
    )
    for bad in (replaced, tampered, newest):
        assert client.post(bad).status_code == 400
    editor_a.refresh_from_db()
    assert editor_a.email == "alfa@example.org"
    settings.PORTAL_EMAIL_CHANGE_MAX_AGE_HOURS = 72  # the limit is a setting
    assert client.get(newest).status_code == 200


def test_the_admin_email_field_must_stay_off(settings):
    from pages.checks import email_changes_need_confirmation

    assert email_changes_need_confirmation() == []
    settings.WAGTAIL_EMAIL_MANAGEMENT_ENABLED = True
    assert [error.id for error in email_changes_need_confirmation()] == ["pages.E001"]


def test_closed_invitations_and_email_changes_are_purged_with_the_decided_claims(org_a, editor_a):
    from pages.models import EditorInvitation, EmailChangeRequest

    long_ago = timezone.now() - datetime.timedelta(days=120)
    old, _token = EditorInvitation.issue(org_a, "stara@example.org")
    EditorInvitation.objects.filter(pk=old.pk).update(created_at=long_ago)
    used, _token = EditorInvitation.issue(org_a, "uzyta@example.org")
    EditorInvitation.objects.filter(pk=used.pk).update(accepted_at=long_ago)
    open_one, _token = EditorInvitation.issue(org_a, "otwarta@example.org")
    change, _token = EmailChangeRequest.issue(editor_a, "zmiana@example.org")
    EmailChangeRequest.objects.filter(pk=change.pk).update(created_at=long_ago)
    fresh, _token = EmailChangeRequest.issue(editor_a, "nowsza@example.org")

    call_command("purge_decided_claims", verbosity=0)
    assert list(EditorInvitation.objects.all()) == [open_one]
    assert list(EmailChangeRequest.objects.values_list("new_email", flat=True)) == [
        "nowsza@example.org"
    ]
