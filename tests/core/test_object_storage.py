"""Uploads on S3-compatible object storage, for a site served by several web servers.

The storage is django-storages' S3 backend talking to moto's S3 server, started here on a free
port: the bytes travel over HTTP as they would to a city's object store.
"""

import io
from urllib.parse import urlsplit

import boto3
import pytest
import requests
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from tests.core.test_security import pdf_bytes
from tests.core.test_settings import LONG_SECRET, manage, production

pytestmark = pytest.mark.django_db
BUCKET = "portal-uploads"


@pytest.fixture
def bucket(settings, monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    # moto keeps its buckets in the process, across servers: start each test with none.
    requests.post(f"{endpoint}/moto-api/reset", timeout=10)
    for name, value in {
        "AWS_ACCESS_KEY_ID": "portal-test",
        "AWS_SECRET_ACCESS_KEY": "portal-test-secret",
        "AWS_DEFAULT_REGION": "eu-central-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def keys(client):
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("s3-editor", "s3-editor@example.org", "x" * 20)
    client.force_login(user)
    return user


def upload_document(client, name, content, collection):
    return client.post(
        "/admin/documents/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )


def test_an_uploaded_document_lands_in_the_bucket_and_residents_download_it(client, editor, bucket):
    content = pdf_bytes()
    response = upload_document(
        client, "sprawozdanie.pdf", content, Collection.get_first_root_node()
    )
    assert response.status_code == 302
    assert [key for key in keys(bucket) if key.startswith("documents/")] == [
        "documents/sprawozdanie.pdf"
    ]

    client.logout()
    document = Document.objects.get()
    served = client.get(document.url)
    # Wagtail's serve view answers (it checks privacy), then sends the resident to a signed,
    # expiring link of the private bucket: no web server's disk holds the file.
    assert served.status_code == 302
    location = served["Location"]
    assert urlsplit(location).path == f"/{BUCKET}/documents/sprawozdanie.pdf"
    assert "Signature=" in location
    assert requests.get(location, timeout=10).content == content
    unsigned = location.split("?")[0]
    assert requests.get(unsigned, timeout=10).status_code == 403


def test_a_private_document_is_never_linked_for_an_anonymous_visitor(client, editor, bucket):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Dokumenty wewnętrzne")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert upload_document(client, "umowa.pdf", pdf_bytes(), private).status_code == 302
    document = Document.objects.get()

    client.logout()
    refused = client.get(document.url)
    assert refused.status_code == 302
    assert "/login/" in refused["Location"] or "/_util/login/" in refused["Location"]
    assert "Signature=" not in refused["Location"]


def test_an_image_and_its_rendition_are_stored_and_served_from_the_bucket(client, editor, bucket):
    picture = io.BytesIO()
    PILImage.new("RGB", (640, 480), (30, 90, 160)).save(picture, "PNG")
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Festyn",
            "file": SimpleUploadedFile("festyn.png", picture.getvalue(), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert "original_images/festyn.png" in keys(bucket)

    rendition = image.get_rendition("fill-120x80")
    stored = [key for key in keys(bucket) if key.startswith("images/")]
    assert len(stored) == 1 and stored[0].endswith(".png")
    fetched = requests.get(rendition.url, timeout=10)
    assert fetched.status_code == 200
    assert PILImage.open(io.BytesIO(fetched.content)).size == (120, 80)


def test_production_takes_the_bucket_from_the_environment():
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; d = settings.STORAGES['default'];"
        "print(d['BACKEND'], d['OPTIONS']['bucket_name'], d['OPTIONS']['endpoint_url'])",
        **production(
            SECRET_KEY=LONG_SECRET,
            S3_BUCKET="city-uploads",
            S3_ENDPOINT_URL="https://s3.example.org",
        ),
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1].split() == [
        "storages.backends.s3.S3Storage",
        "city-uploads",
        "https://s3.example.org",
    ]


def test_production_keeps_uploads_on_disk_without_a_bucket():
    shown = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])",
        **production(SECRET_KEY=LONG_SECRET),
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "django.core.files.storage.FileSystemStorage"
