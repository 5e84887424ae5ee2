"""A backup archive restores into an empty instance with everything in it intact."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents.models import Document
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from pages.trainings.models import TrainingRegistration
from pages.volunteering.models import VolunteerApplication
from portal.backup import count_rows, read_manifest
from tests.helpers import restore_site_tree


@pytest.fixture
def content(transactional_db):
    restore_site_tree()
    call_command("load_demo_data", size=5, verbosity=0)
    document = Document.objects.create(
        title="Regulamin konkursu",
        file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf"),
    )
    yield document
    # Leave the database as the data migrations made it for the tests that follow.
    call_command("flush", interactive=False, verbosity=0)
    restore_site_tree()


def _translation_groups():
    groups = {}
    for key, language in Page.objects.values_list("translation_key", "locale__language_code"):
        groups.setdefault(key, set()).add(language)
    return groups


def snapshot():
    application = VolunteerApplication.objects.order_by("pk").first()
    registration = TrainingRegistration.objects.order_by("pk").first()
    return {
        "rows": count_rows(),
        "urls": sorted(page.url for page in Page.objects.live().specific() if page.url),
        "revisions": sorted(Revision.objects.values_list("object_id", "content_type__model")),
        # Pages with their translations: (translation key, languages).
        "translations": sorted(
            (str(key), tuple(sorted(languages)))
            for key, languages in _translation_groups().items()
            if len(languages) > 1
        ),
        "localize_sources": Translation.objects.count(),
        "application": (application.full_name, application.email, application.message),
        "registration": (registration.full_name, registration.email, registration.status),
    }


def test_round_trip_restores_pages_revisions_translations_people_and_files(
    content, tmp_path, client
):
    before = snapshot()
    assert before["translations"] and before["revisions"]
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)

    # An empty instance: no content, no uploads.
    call_command("flush", interactive=False, verbosity=0)
    restore_site_tree()
    default_storage.delete(content.file.name)
    assert VolunteerApplication.objects.count() == 0

    call_command("restore_portal", str(archive), verbosity=0)

    assert snapshot() == before
    # The search index is rebuilt from the restored pages.
    assert client.get("/pl/szukaj/", {"q": "wolontariusz"}).status_code == 200
    from search.models import SearchEntry

    assert SearchEntry.objects.filter(language="pl").exists()
    assert read_manifest(archive)["rows"] == before["rows"]
    with default_storage.open(Document.objects.get(pk=content.pk).file.name) as restored:
        assert restored.read() == b"%PDF-1.4 regulamin"
    some_page = next(url for url in before["urls"] if url.count("/") > 3)
    assert client.get(some_page).status_code == 200


def test_restore_refuses_an_instance_with_content_and_a_file_that_is_no_archive(content, tmp_path):
    archive = tmp_path / "portal.tar.gz"
    call_command("backup_portal", str(archive), verbosity=0)
    pages = Page.objects.count()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore_portal", str(archive), verbosity=0)
    assert Page.objects.count() == pages

    bogus = tmp_path / "notes.txt"
    bogus.write_text("not an archive")
    with pytest.raises(CommandError, match="not a portal backup archive"):
        call_command("restore_portal", str(bogus), verbosity=0)
