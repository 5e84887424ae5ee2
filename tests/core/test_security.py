"""Headers, logins, limits, uploads: each from the side of the one who must be refused."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents.models import Document

from tests.helpers import html, portal_templates

User = get_user_model()
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "right-pass-123456"


def directives(header):
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


# Content-Security-Policy and Permissions-Policy


@pytest.mark.django_db
def test_a_public_page_forbids_inline_and_foreign_scripts(client, homes):
    response = client.get(homes["pl"].url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_admin_login_page_carries_the_headers_too(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    # Wagtail's own templates need inline scripts; foreign scripts and plugins stay out.
    assert "https:" not in policy["script-src"] and "*" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_the_portals_templates_have_no_inline_script_or_handler():
    """What would need 'unsafe-inline' in script-src: a script body or an on...= attribute."""
    offenders = []
    for _name, path in portal_templates():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S):
            attributes, body = match.groups()
            if body.strip() and "application/ld+json" not in attributes:
                offenders.append(f"{path.name}: inline script")
        if re.search(r"<[a-z][^>]*\son[a-z]+\s*=", text):
            offenders.append(f"{path.name}: event handler attribute")
    assert offenders == []


# Admin login brute force (django-axes)


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.mark.django_db
def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_message(client, lockout):
    User.objects.create_superuser("redakcja", "redakcja@example.org", PASSWORD)
    for _attempt in range(5):
        log_in(client, "redakcja", "zgadywane")
        assert "_auth_user_id" not in client.session
    response = log_in(client, "redakcja", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Zbyt wiele błędnych haseł" in html(response).select_one(".messages").text
    # The owner's own address is not locked.
    other_client = Client()
    response = log_in(other_client, "redakcja", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert "_auth_user_id" in other_client.session


@pytest.mark.django_db
def test_another_account_from_the_same_address_still_logs_in(client, lockout):
    User.objects.create_superuser("redakcja", "redakcja@example.org", PASSWORD)
    User.objects.create_superuser("druga", "druga@example.org", PASSWORD)
    for _attempt in range(6):
        log_in(client, "redakcja", "zgadywane")
    response = log_in(client, "druga", PASSWORD)
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_behind_a_proxy_the_lockout_counts_the_clients_address(client, lockout, settings):
    """All requests come from the proxy's address; the one locked out is the guessing client."""
    settings.CLIENT_IP_META_KEY = "HTTP_X_REAL_IP"
    User.objects.create_superuser("redakcja", "redakcja@example.org", PASSWORD)
    for _attempt in range(5):
        client.post(
            "/admin/login/",
            {"username": "redakcja", "password": "zgadywane"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_REAL_IP="203.0.113.7",
        )
    owner = Client()
    response = owner.post(
        "/admin/login/",
        {"username": "redakcja", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="198.51.100.20",
    )
    assert response.status_code == 302


# Rate limits shared by every server process


RATE_COUNT = """
import json
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
print(json.dumps([
    is_ratelimited(request, group="apply", key="ip", rate="10/h", increment=True)
    for _ in range(6)
]))
"""


def counts_in_two_processes(environ):
    """What two server processes answer to six requests each from one address (10/h allowed)."""
    answers = []
    for _worker in ("first", "second"):
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", RATE_COUNT],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        answers += json.loads(done.stdout.strip().splitlines()[-1])
    return answers


@pytest.mark.django_db  # the test database is copied to a file (migrated_database_file)
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":")[0] not in ("sqlite", ""),
    reason="the embedded SQLite default: two processes on one database file",
)
def test_two_server_processes_share_one_rate_limit_count(tmp_path, migrated_database_file):
    """Without Redis, the 11th request refused whichever of two workers it reaches."""
    environ = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "SECRET_KEY")}
    environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{migrated_database_file(tmp_path / 'portal.sqlite3')}",
        PYTHONPATH=str(ROOT),
    )
    assert counts_in_two_processes(environ) == [False] * 10 + [True] * 2


def _redis_answers(url):
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False
    return True


def test_two_server_processes_share_one_rate_limit_count_in_redis():
    """With REDIS_URL, two web servers (here two processes) count in the same Redis."""
    url = "redis://127.0.0.1:6379/12"
    if not _redis_answers(url):
        pytest.skip("no Redis server on 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(url).flushdb()
    environ = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev", REDIS_URL=url, PYTHONPATH=str(ROOT)
    )
    assert counts_in_two_processes(environ) == [False] * 10 + [True] * 2
    assert any(b"rl:" in key for key in redis.Redis.from_url(url).keys("*"))


# Uploaded documents


def pdf_bytes():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.drawString(72, 720, "Sprawozdanie")
    sheet.save()
    return buffer.getvalue()


PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64 + b"PE\x00\x00"


@pytest.fixture
def editor(client, db):
    user = User.objects.create_superuser("dok", "dok@example.org", PASSWORD)
    client.force_login(user)
    return user


def upload(client, name, content):
    from wagtail.models import Collection

    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_a_program_named_pdf_is_refused_with_a_message(client, editor):
    response = upload(client, "sprawozdanie.pdf", PROGRAM)
    assert response.status_code == 200
    assert "nie pasuje do jego rozszerzenia .pdf" in response.content.decode()
    assert not Document.objects.exists()


def test_a_program_named_csv_is_refused_too(client, editor):
    upload(client, "lista.csv", PROGRAM)
    assert not Document.objects.exists()


def test_a_real_pdf_and_a_text_file_are_accepted(client, editor):
    assert upload(client, "sprawozdanie.pdf", pdf_bytes()).status_code == 302
    assert (
        upload(client, "lista.csv", "nazwa;miasto\nFundacja;Gdańsk\n".encode()).status_code == 302
    )
    assert Document.objects.count() == 2
