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
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
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


def _safe_media_name(name):
    """The storage name of an upload, refused when it could land outside the media folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        raise BackupError(f"The archive names a file {name!r} that is not a plain file name.")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or any(part in ("", ".", "..") for part in name.split("/")):
        raise BackupError(f"The archive names a file outside the media folder: {name!r}.")
    try:
        validate_file_name(name, allow_relative_path=True)
    except SuspiciousFileOperation as error:
        raise BackupError(
            f"The archive names a file outside the media folder: {name!r}."
        ) from error
    return "/".join(parts)


def _check_version(manifest):
    fmt = manifest.get("format")
    if isinstance(fmt, int) and fmt > FORMAT:
        raise BackupError(
            f"The archive comes from a newer version of the portal (archive format {fmt}, this "
            f"portal reads format {FORMAT}): restore it with that version."
        )
    if fmt != FORMAT:
        raise BackupError(f"Archive format {fmt!r} is not {FORMAT}.")
    migrations = manifest.get("migrations")
    if not isinstance(migrations, list):
        raise BackupError("The archive's manifest lists no migrations.")
    missing = sorted(set(migrations) - set(_applied_migrations()))
    if missing:
        raise BackupError(
            "The archive comes from a newer version of the portal: run `manage.py migrate` "
            f"with that version first (missing migrations: {', '.join(missing[:5])})."
        )


def _read_archive(path, folder):
    """Check every member of the archive and unpack its media into ``folder``.

    Nothing of this instance is touched here: the manifest, the data and every name are
    checked first, so a refused archive leaves the database and the uploads as they were.
    Returns (manifest, rows, {storage name: unpacked file}).
    """
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a portal backup archive ({error}).") from error
    with archive:
        try:
            members = archive.getmembers()
        except (OSError, tarfile.TarError, EOFError) as error:
            raise BackupError(f"{path} is damaged ({error}).") from error
        by_name = {}
        for member in members:
            if not member.isfile():
                raise BackupError(
                    f"The archive holds {member.name!r}, which is not a regular file "
                    "(a link, a device or a folder): refused."
                )
            if member.name in by_name:
                raise BackupError(f"The archive holds {member.name!r} twice.")
            if member.name not in ("manifest.json", "data.json"):
                if not member.name.startswith("media/"):
                    raise BackupError(f"The archive holds an unknown file {member.name!r}.")
                _safe_media_name(member.name.removeprefix("media/"))
            by_name[member.name] = member
        if "manifest.json" not in by_name or "data.json" not in by_name:
            raise BackupError(f"{path} is not a portal backup archive (no manifest or data).")
        try:
            manifest = json.load(archive.extractfile(by_name["manifest.json"]))
            rows = json.load(archive.extractfile(by_name["data.json"]))
        except (OSError, tarfile.TarError, EOFError, ValueError) as error:
            raise BackupError(f"{path} is damaged ({error}).") from error
        if not isinstance(manifest, dict):
            raise BackupError(f"{path} is damaged (the manifest is not an object).")
        _check_version(manifest)
        _check_rows(rows, manifest)
        files = manifest.get("files")
        if not isinstance(files, list):
            raise BackupError(f"{path} is damaged (the manifest lists no files).")
        names = [_safe_media_name(name) for name in files]
        listed = {f"media/{name}" for name in names}
        present = {name for name in by_name if name.startswith("media/")}
        if listed != present:
            strays = sorted(listed ^ present)[:3]
            raise BackupError(
                f"{path} is damaged (the manifest and the files differ: {', '.join(strays)})."
            )
        unpacked = {}
        for number, name in enumerate(names):
            target = Path(folder) / f"{number:08d}"
            try:
                with archive.extractfile(by_name[f"media/{name}"]) as source:
                    target.write_bytes(source.read())
            except (OSError, tarfile.TarError, EOFError) as error:
                raise BackupError(f"{path} is damaged at {name!r} ({error}).") from error
            unpacked[name] = target
    return manifest, rows, unpacked


def _check_rows(rows, manifest):
    if not isinstance(rows, list) or not all(
        isinstance(row, dict) and isinstance(row.get("model"), str) for row in rows
    ):
        raise BackupError("The archive's data is damaged (not a list of rows).")
    unknown = set()
    for label in {row["model"] for row in rows}:
        try:
            apps.get_model(label)
        except (LookupError, ValueError):
            unknown.add(label)
    if unknown:
        raise BackupError(
            "The archive holds rows of models this portal does not have "
            f"({', '.join(sorted(unknown)[:5])}): it comes from another version."
        )
    counted = Counter(row["model"] for row in rows)
    if manifest.get("rows") != dict(sorted(counted.items())):
        raise BackupError("The archive's data is damaged (rows differ from the manifest).")


def restore_archive(path, replace=False):
    """Load the archive into this database, which must hold no content unless ``replace``.

    All or nothing: the whole archive is checked and unpacked before anything is touched,
    the rows are replaced in one transaction, and the uploads are written inside it, the old
    ones put back if writing fails; so a refused or failed restore leaves the instance as it was.
    """
    from wagtail.models import Page

    with tempfile.TemporaryDirectory() as folder:
        manifest, rows, unpacked = _read_archive(path, folder)
        # More than the root and the data migrations' home pages means somebody's content is here.
        if not replace and Page.objects.filter(depth__gt=2).exists():
            raise BackupError(
                "This database already holds content; restore into an empty instance "
                "(or pass --replace to delete everything in it first)."
            )
        from django.contrib.contenttypes.models import ContentType

        try:
            with transaction.atomic():
                # The archive has every row, including those the migrations and the roles
                # created: start from empty tables so nothing is there twice.
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                # Content types and permissions first: loading other rows may look a content
                # type up, and a lookup that misses creates one, under a number the archive uses.
                ContentType.objects.clear_cache()
                first = {"contenttypes.contenttype", "auth.permission"}
                for number, part in enumerate(
                    (
                        [row for row in rows if row["model"] in first],
                        [row for row in rows if row["model"] not in first],
                    )
                ):
                    fixture = Path(folder) / f"data-{number}.json"
                    fixture.write_text(json.dumps(part))
                    call_command("loaddata", str(fixture), verbosity=0)
                _put_files(unpacked, Path(folder) / "previous")
        except BackupError:
            raise
        except Exception as error:
            raise BackupError(
                f"The restore failed and nothing was changed ({type(error).__name__}: {error})."
            ) from error
        finally:
            ContentType.objects.clear_cache()
    return manifest


def _put_files(unpacked, previous):
    """Write the uploads; on any failure, put back what was there before and re-raise."""
    previous.mkdir()
    saved, written = {}, []
    try:
        for number, (name, source) in enumerate(unpacked.items()):
            if default_storage.exists(name):
                keep = previous / f"{number:08d}"
                with default_storage.open(name, "rb") as handle:
                    keep.write_bytes(handle.read())
                saved[name] = keep
                default_storage.delete(name)
            written.append(name)
            with source.open("rb") as handle:
                stored = default_storage.save(name, File(handle))
            if stored != name:
                raise BackupError(f"The storage saved {name!r} as {stored!r}.")
    except BaseException:
        for name in written:
            if default_storage.exists(name):
                default_storage.delete(name)
            if name in saved:
                with saved[name].open("rb") as handle:
                    default_storage.save(name, File(handle))
        raise


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
