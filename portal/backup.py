"""One archive with the whole portal: the database as data, the uploaded files, a manifest.

The database goes in as Django's serialized data (``dumpdata``), not as a database file, so an
archive made on SQLite restores into PostgreSQL and back. Every row keeps its primary key,
content types and permissions included: the restore empties every table first, so the rows that
point at them by number find them again (natural keys would be nicer, but Wagtail's root
collection has an empty one and cannot be loaded back). Uploads are read and written through the
default storage (a folder, or an object store in production).

The archive (``.tar.gz``):

- ``manifest.json``: when, from which migrations, how many rows per model, which files;
- ``data.json``: every row of every model;
- ``media/<name>``: every file of the default storage.
"""

import datetime
import io
import json
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1

# Rows that are caches of other rows or belong to one running server: rebuilt, not restored.
SKIPPED = [
    "sessions",
    "wagtailimages.rendition",
    "wagtailsearch.indexentry",
    "portal_search.searchentry",
    "portal_search.searchentryfacet",
    "portal_search.searchword",
    "django_tasks_database",
    # Failed logins and lockouts (django-axes): short-lived, and addresses are personal data.
    "axes",
]


class BackupError(Exception):
    """What stops a restore, said in one line the operator can act on."""


def _storage_files(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _storage_files(storage, f"{folder}/{sub}" if folder else sub)


def _applied_migrations():
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def _excludes():
    installed = {config.label for config in apps.get_app_configs()}
    return [label for label in SKIPPED if label.split(".")[0] in installed]


def create_archive(path):
    """Write the archive to ``path``; returns the manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        exclude=_excludes(),
        stdout=data,
        verbosity=0,
    )
    payload = data.getvalue().encode()
    rows = Counter(item["model"] for item in json.loads(payload))
    files = sorted(_storage_files(default_storage))
    manifest = {
        "format": FORMAT,
        "created": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connections[DEFAULT_DB_ALIAS].vendor,
        "migrations": _applied_migrations(),
        "rows": dict(sorted(rows.items())),
        "files": files,
    }
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add(archive, "data.json", payload)
        for name in files:
            with default_storage.open(name, "rb") as handle:
                _add(archive, f"media/{name}", handle.read())
    return manifest


def _add(archive, name, content):
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


def read_manifest(path):
    try:
        with tarfile.open(path, "r:gz") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} is not a portal backup archive ({error}).") from error


def restore_archive(path, replace=False):
    """Load the archive into this database, which must hold no content unless ``replace``."""
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Archive format {manifest.get('format')} is not {FORMAT}.")
    missing = sorted(set(manifest["migrations"]) - set(_applied_migrations()))
    if missing:
        raise BackupError(
            "The archive comes from a newer version of the portal: run `manage.py migrate` "
            f"with that version first (missing migrations: {', '.join(missing[:5])})."
        )
    from wagtail.models import Page

    # More than the root and the data migrations' home pages means somebody's content is here.
    if not replace and Page.objects.filter(depth__gt=2).exists():
        raise BackupError(
            "This database already holds content; restore into an empty instance "
            "(or pass --replace to delete everything in it first)."
        )
    with tarfile.open(path, "r:gz") as archive:
        payload = archive.extractfile("data.json").read()
        with transaction.atomic():
            # The archive has every row, including those the migrations and the roles created:
            # start from empty tables so nothing is there twice.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            from django.contrib.contenttypes.models import ContentType

            # Content types and permissions first: loading other rows may look a content type
            # up, and a lookup that misses creates one, under a number the archive uses.
            ContentType.objects.clear_cache()
            rows = json.loads(payload)
            first = {"contenttypes.contenttype", "auth.permission"}
            with tempfile.TemporaryDirectory() as folder:
                for number, part in enumerate(
                    (
                        [row for row in rows if row["model"] in first],
                        [row for row in rows if row["model"] not in first],
                    )
                ):
                    fixture = Path(folder) / f"data-{number}.json"
                    fixture.write_text(json.dumps(part))
                    call_command("loaddata", str(fixture), verbosity=0)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        for name in manifest["files"]:
            member = archive.extractfile(f"media/{name}")
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(member.read()))
    return manifest


def count_rows():
    """Rows per model of this database, as the manifest counts them."""
    excluded = set(_excludes())
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in excluded or meta.label_lower in excluded:
            continue
        number = model._base_manager.count()
        if number:
            counts[meta.label_lower] = number
    return counts
