"""An NGO editor sees nothing of another organization in the admin that the public does not.

Seen from the editor of organization A, signed in to the admin: B's draft titles, B's images and
documents, B's calendar feed address with its token, the name of B's editor and the residents'
searches are all absent; A's own are there. City editors keep seeing everything.
"""

import pytest
import wagtail_factories
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection

from pages import roles
from pages.calendar.models import OrganizationCalendarFeed
from search.models import ZeroResultQuery
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(homes):
    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


@pytest.fixture
def org_a(directory):
    page = OrganizationPageFactory(parent=directory, title="Stowarzyszenie Alfa")
    page.refresh_from_db()
    return page


@pytest.fixture
def org_b(directory):
    page = OrganizationPageFactory(parent=directory, title="Fundacja Beta")
    page.refresh_from_db()
    return page


def user_in(group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "pass")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_a(org_a):
    return user_in(org_a.editor_group, "alfa")


@pytest.fixture
def city_editor(db):
    return user_in(Group.objects.get(name=roles.CITY_EDITORS), "miasto")


def collection_of(page):
    return Collection.objects.get(name__contains=page.title)


def draft(page, title):
    page.title = title
    page.save_revision()


def test_the_page_chooser_hides_other_organizations_drafts(client, editor_a, org_a, org_b):
    draft(org_b, "Tajny projekt Beta")
    draft(org_a, "Nowa nazwa Alfa")
    client.force_login(editor_a)

    listing = client.get(reverse("wagtailadmin_choose_page_child", args=[org_a.get_parent().pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Tajny"})

    assert listing.status_code == 200 and search.status_code == 200
    assert "Tajny projekt Beta" not in listing.content.decode()
    assert "Tajny projekt Beta" not in search.content.decode()
    assert "Nowa nazwa Alfa" in listing.content.decode()


def test_the_city_editor_still_chooses_every_page(client, city_editor, org_b):
    draft(org_b, "Tajny projekt Beta")
    client.force_login(city_editor)

    listing = client.get(reverse("wagtailadmin_choose_page_child", args=[org_b.get_parent().pk]))

    assert "Tajny projekt Beta" in listing.content.decode()


def test_the_move_confirmation_of_another_organizations_page_is_refused(
    client, editor_a, org_a, org_b
):
    draft(org_b, "Tajny projekt Beta")
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_pages:move_confirm", args=[org_a.pk, org_b.pk]))

    assert response.status_code in (302, 403)
    assert "Tajny projekt Beta" not in response.content.decode()


def test_the_admin_api_lists_only_the_organizations_own_images_and_documents(
    client, editor_a, org_a, org_b, city_editor
):
    own = wagtail_factories.ImageFactory(title="Logo Alfa", collection=collection_of(org_a))
    other = wagtail_factories.ImageFactory(title="Logo Beta", collection=collection_of(org_b))
    Document.objects.create(
        title="Statut Beta",
        file=ContentFile(b"%PDF-1.4 beta", name="statut-beta.pdf"),
        collection=collection_of(org_b),
    )
    Document.objects.create(
        title="Statut Alfa",
        file=ContentFile(b"%PDF-1.4 alfa", name="statut-alfa.pdf"),
        collection=collection_of(org_a),
    )
    client.force_login(editor_a)

    images = client.get("/admin/api/main/images/").content.decode()
    documents = client.get("/admin/api/main/documents/").content.decode()

    assert "Logo Alfa" in images and "Logo Beta" not in images
    assert "Statut Alfa" in documents and "Statut Beta" not in documents
    assert client.get(f"/admin/api/main/images/{other.pk}/", follow=True).status_code == 404
    assert client.get(f"/admin/api/main/images/{own.pk}/").status_code == 200

    client.force_login(city_editor)
    assert "Logo Beta" in client.get("/admin/api/main/images/").content.decode()


def test_the_feed_chooser_shows_no_other_organizations_secret_address(
    client, editor_a, org_a, org_b
):
    OrganizationCalendarFeed.objects.create(
        organization=org_a, url="https://kalendarz.example.org/alfa.ics?token=TOKENALFA"
    )
    feed_b = OrganizationCalendarFeed.objects.create(
        organization=org_b, url="https://kalendarz.example.org/beta.ics?token=TOKENBETA"
    )
    client.force_login(editor_a)
    base = "/admin/snippets/choose/ngo_calendar/organizationcalendarfeed/"

    listing = client.get(base).content.decode()
    results = client.get(base + "results/").content.decode()
    chosen = client.get(f"{base}chosen/{feed_b.pk}/", follow=True)

    assert "TOKENBETA" not in listing and "TOKENBETA" not in results
    assert "TOKENALFA" in listing
    assert chosen.status_code == 404


def test_the_workflow_report_does_not_name_other_organizations_editors(client, editor_a, org_b):
    editor_b = user_in(org_b.editor_group, "redaktorka-beta")
    org_b.title = "Fundacja Beta po zmianie"
    revision = org_b.save_revision(user=editor_b)
    assert revision
    org_b.get_workflow().start(org_b, editor_b)
    client.force_login(editor_a)

    response = client.get(reverse("wagtailadmin_reports:workflow"))

    assert response.status_code == 200
    assert "redaktorka-beta" not in response.content.decode()


def test_residents_searches_are_the_citys_to_read(client, editor_a, city_editor):
    ZeroResultQuery.objects.create(
        query_string="jan kowalski ul. testowa 5",
        language="pl",
        hits=1,
        last_searched_at=timezone.now(),
    )
    url = reverse("portal_search_zero_results")

    client.force_login(editor_a)
    refused = client.get(url)
    assert refused.status_code in (302, 403)
    assert "kowalski" not in refused.content.decode()
    assert "kowalski" not in client.get(url, {"export": "csv"}).content.decode()

    client.force_login(city_editor)
    assert "kowalski" in client.get(url).content.decode()


def submit_logo(client, page, image):
    from tests.helpers import form_values

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client.get(edit_url), "page-edit-form")
    data["logo"] = [str(image.pk)]
    data.setdefault("description-count", ["0"])  # the StreamField's inputs are made by JavaScript
    data["action-submit"] = ["Submit"]
    return client.post(edit_url, data)


def test_another_organizations_image_cannot_be_attached_by_its_id(client, editor_a, org_a, org_b):
    other = wagtail_factories.ImageFactory(title="Logo Beta", collection=collection_of(org_b))
    own = wagtail_factories.ImageFactory(title="Logo Alfa", collection=collection_of(org_a))
    client.force_login(editor_a)

    refused = submit_logo(client, org_a, other)

    assert refused.status_code == 200
    assert "własnej organizacji" in refused.content.decode()
    org_a.refresh_from_db()
    assert org_a.get_latest_revision_as_object().logo_id is None

    accepted = submit_logo(client, org_a, own)
    assert accepted.status_code == 302
    org_a.refresh_from_db()
    assert org_a.get_latest_revision_as_object().logo_id == own.pk
