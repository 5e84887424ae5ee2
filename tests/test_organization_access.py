"""NGOs edit their own profile, and nothing else; the city reviews what they change."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission, Workflow

from pages import roles
from pages.models import OrganizationPage, ProfileClaim

from .factories import OrganizationIndexPageFactory, OrganizationPageFactory
from .helpers import form_values, html

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
    invited = User.objects.get(email="anna@example.org")
    assert org_a.editor_group in invited.groups.all()
    assert not invited.has_usable_password()
    invitation = mail.outbox[-1]
    assert invitation.to == ["anna@example.org"]
    assert "/admin/password_reset/confirm/" in invitation.body


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
    assert User.objects.get(email="nowa@example.org").groups.filter(pk=org_a.editor_group_id)
    assert mail.outbox[-1].to == ["nowa@example.org"]
    assert "Stowarzyszenie Alfa" in mail.outbox[-1].subject


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
