"""A restore that is refused, or fails half-way, leaves the instance exactly as it was.

Seen from the operator who runs `restore_portal --replace` with the wrong archive: every row and
every upload of the running portal is still there afterwards, and the message says why.
"""

import io
import json
import tarfile

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents.models import Document

from pages.models import OrganizationPage
from portal.backup import count_rows, create_archive
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(homes, tmp_path):
    """An archive of a small portal, and the portal changed after it was made."""
    directory = OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje")
    OrganizationPageFactory(parent=directory, title="Stowarzyszenie Alfa")
    document = Document.objects.create(
        title="Regulamin", file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf")
    )
    path = tmp_path / "portal.tar.gz"
    create_archive(path)
    # Made after the backup: a restore that went ahead would lose these.
    OrganizationPageFactory(parent=directory, title="Fundacja Beta")
    User.objects.create_user("nowy", "nowy@example.org", "pass")
    yield path, document
    default_storage.delete(document.file.name)


def members(path):
    with tarfile.open(path, "r:gz") as archive:
        return [(m, archive.extractfile(m).read() if m.isfile() else None) for m in archive]


def write(path, entries):
    """entries: (TarInfo, bytes or None)."""
    with tarfile.open(path, "w:gz") as archive:
        for info, content in entries:
            if content is None:
                archive.addfile(info)
            else:
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
    return path


def changed(path, target, manifest=None, data=None, extra=()):
    entries = []
    for info, content in members(path):
        if info.name == "manifest.json" and manifest:
            value = json.loads(content)
            manifest(value)
            content = json.dumps(value).encode()
        elif info.name == "data.json" and data:
            value = json.loads(content)
            data(value)
            content = json.dumps(value).encode()
        elif info.name.startswith("media/"):
            content = b"overwritten"
        entries.append((info, content))
    return write(target, entries + list(extra))


def state(document):
    with default_storage.open(document.file.name) as handle:
        content = handle.read()
    return {
        "rows": count_rows(),
        "organizations": sorted(OrganizationPage.objects.values_list("title", flat=True)),
        "users": sorted(User.objects.values_list("username", flat=True)),
        "document": content,
    }


def refused(path, match):
    with pytest.raises(CommandError, match=match):
        call_command("restore_portal", str(path), "--replace", verbosity=0)


def test_a_corrupt_archive_is_refused_and_changes_nothing(archive, tmp_path):
    path, document = archive
    before = state(document)
    truncated = tmp_path / "truncated.tar.gz"
    raw = path.read_bytes()
    truncated.write_bytes(raw[: len(raw) * 2 // 3])

    refused(truncated, "damaged|not a portal backup archive")

    assert state(document) == before
    assert "Fundacja Beta" in before["organizations"] and "nowy" in before["users"]


def test_data_that_does_not_parse_is_refused_and_changes_nothing(archive, tmp_path):
    path, document = archive
    before = state(document)
    entries = [
        (info, b"[{not json" if info.name == "data.json" else content)
        for info, content in members(path)
    ]

    refused(write(tmp_path / "bad.tar.gz", entries), "damaged")

    assert state(document) == before


def test_a_file_name_leaving_the_media_folder_is_refused_before_anything_changes(
    archive, tmp_path, settings
):
    path, document = archive
    before = state(document)
    evil = tarfile.TarInfo("media/../../evil.txt")
    bad = changed(
        path,
        tmp_path / "traversal.tar.gz",
        manifest=lambda m: m["files"].append("../../evil.txt"),
        extra=[(evil, b"evil")],
    )

    refused(bad, "outside the media folder")

    assert state(document) == before
    assert not (tmp_path / "evil.txt").exists()


def test_a_link_in_the_archive_is_refused(archive, tmp_path):
    path, document = archive
    before = state(document)
    link = tarfile.TarInfo("media/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    bad = changed(path, tmp_path / "link.tar.gz", extra=[(link, None)])

    refused(bad, "not a regular file")

    assert state(document) == before


def test_an_archive_from_a_newer_version_is_refused_and_changes_nothing(archive, tmp_path):
    path, document = archive
    before = state(document)

    def newer(manifest):
        manifest["format"] = 2

    refused(changed(path, tmp_path / "v2.tar.gz", manifest=newer), "newer version")
    assert state(document) == before

    def newer_schema(manifest):
        manifest["migrations"].append("pages.9999_from_the_future")

    refused(changed(path, tmp_path / "schema.tar.gz", manifest=newer_schema), "newer version")
    assert state(document) == before


def test_a_restore_that_fails_while_loading_rolls_everything_back(archive, tmp_path):
    path, document = archive
    before = state(document)

    def dangling(rows):
        # A page in a locale the archive does not have: the load fails on the foreign key,
        # after the tables were emptied.
        row = next(row for row in rows if row["model"] == "wagtailcore.page")
        row["fields"]["locale"] = 999999

    bad = changed(path, tmp_path / "dangling.tar.gz", data=dangling)

    refused(bad, "nothing was changed")

    assert state(document) == before
