"""Configuration from the environment: one clear line when something is wrong."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings import env

ROOT = Path(__file__).resolve().parents[2]
LONG_SECRET = "test-deploy-check-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"


def manage(*args, **environ):
    ignored = {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in ignored}
    base.pop("DJANGO_SETTINGS_MODULE", None)
    base.update(environ)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production(**environ):
    return {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "ALLOWED_HOSTS": "portal.example.org",
        "BASE_URL": "https://portal.example.org",
        **environ,
    }


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", **production())
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]


def test_production_refuses_a_short_secret_key():
    result = manage("check", **production(SECRET_KEY="short"))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "base_url",
    [None, "http://127.0.0.1:8000", "not a url"],
)
def test_production_refuses_to_mail_links_to_nowhere(base_url):
    """Without a public address (or with one the site refuses), every link in a mail would be
    dead: production does not start."""
    environ = production(SECRET_KEY=LONG_SECRET, BASE_URL=base_url or "")
    if base_url is None:
        del environ["BASE_URL"]
    result = manage("check", **environ)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "BASE_URL" in lines[0]


@pytest.mark.parametrize(
    "variable, value",
    [
        ("DATABASE_URL", "mysql-but-wrong://"),
        ("DATABASE_URL", "not a url"),
        ("ELASTICSEARCH_URL", "localhost:9200"),
        ("ELASTICSEARCH_URL", "http://localhost:port/"),
        ("REDIS_URL", "localhost:6379"),
    ],
)
def test_malformed_url_stops_start_up_with_one_line(variable, value):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error:")
    assert variable in lines[0]


def test_production_settings_pass_the_deploy_check(tmp_path):
    # A database not created yet: the developer's own var/portal.sqlite3 may hold a Site at
    # another address, which the check (portal.W001) rightly reports.
    database = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **production(SECRET_KEY=LONG_SECRET, DATABASE_URL=database),
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_static_files_collect_with_the_production_storage(tmp_path):
    """WhiteNoise's manifest storage follows every reference (a vendor script's source map
    included): a missing file would stop a deployment's collectstatic."""
    result = manage(
        "collectstatic",
        "--noinput",
        "-v0",
        **production(SECRET_KEY=LONG_SECRET, STATIC_ROOT=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()


def test_database_password_is_not_printed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "oracle://user:hunter2@db/portal")
    with pytest.raises(env.ConfigurationError) as error:
        env.database("DATABASE_URL", "sqlite:///x")
    assert "hunter2" not in str(error.value)


def test_sqlite_runs_in_wal_mode_and_postgres_urls_parse(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    sqlite = env.database("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    monkeypatch.setenv("DATABASE_URL", "postgres://portal:pw@db.example.org:5432/portal")
    pg = env.database("DATABASE_URL", "sqlite:///x")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["HOST"], pg["NAME"]) == ("db.example.org", "portal")


def test_sqlite_database_is_really_in_wal_mode(db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
    # The test database lives in memory, where SQLite reports "memory"; a file reports "wal".
    assert mode in {"wal", "memory"}


def test_production_keeps_database_connections_with_health_checks():
    # One PostgreSQL connection per request cost the home page 40% of its requests per second.
    code = (
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "-c", code, **production(SECRET_KEY=LONG_SECRET))
    assert result.stdout.strip().splitlines()[-1].split() == ["60", "True"], result.stderr
    result = manage("shell", "-c", code, **production(SECRET_KEY=LONG_SECRET, CONN_MAX_AGE="0"))
    assert result.stdout.strip().splitlines()[-1].split() == ["0", "True"], result.stderr
