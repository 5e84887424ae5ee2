"""The open content API (/api/v2/) and the open-data datasets, as a partner's program reads them."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from wagtail.models import Locale, Page, PageViewRestriction

from pages.calendar.models import EventPage
from pages.centre.models import Booking, Resource
from pages.models import (
    OrganizationPage,
)
from pages.newsletter.models import NewsletterSubscriber
from pages.trainings.models import TrainingPage, TrainingRegistration
from pages.volunteering.models import VolunteerApplication, VolunteerOfferPage

TYPES = {
    "pages.OrganizationPage": OrganizationPage,
    "ngo_volunteering.VolunteerOfferPage": VolunteerOfferPage,
    "ngo_calendar.EventPage": EventPage,
}
DATASETS = ["organizations", "grants", "volunteer-offers", "events"]
LANGUAGES = ["pl", "en", "uk"]


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    return response.json()


def all_items(client, url, **params):
    """Every item of a listing, page by page as a partner walks it."""
    items, offset = [], 0
    while True:
        data = get_json(client, url, offset=offset, limit=100, **params)
        items += data["items"]
        offset += 100
        if offset >= data["meta"]["total_count"]:
            return items


@pytest.fixture
def translated(demo):
    """One organization, offer and event of the demo in English and Ukrainian too."""
    made = {}
    for model in TYPES.values():
        page = model.objects.live().filter(locale__language_code="pl").first()
        for language in ("en", "uk"):
            locale = Locale.objects.get(language_code=language)
            if not page.get_translations().filter(locale=locale).exists():
                for ancestor in page.get_ancestors()[1:]:
                    ancestor = ancestor.specific
                    if not ancestor.get_translations().filter(locale=locale).exists():
                        ancestor.copy_for_translation(locale).save_revision().publish()
                page.copy_for_translation(locale).save_revision().publish()
        made[model] = page
    return made


def test_each_type_answers_in_each_language(client, translated):
    for type_name, model in TYPES.items():
        polish = translated[model]
        for language in LANGUAGES:
            items = all_items(client, "/api/v2/pages/", type=type_name, locale=language)
            expected = set(
                model.objects.live()
                .public()
                .filter(locale__language_code=language)
                .values_list("pk", flat=True)
            )
            assert {item["id"] for item in items} == expected
            assert expected, (type_name, language)
            assert {item["meta"]["locale"] for item in items} == {language}
            assert {item["meta"]["type"] for item in items} == {type_name}
        english = polish.get_translation(Locale.objects.get(language_code="en"))
        assert english.pk in {
            item["id"]
            for item in all_items(client, "/api/v2/pages/", translation_of=polish.pk, locale="en")
        }


def test_fields_of_a_type_are_served_as_wagtail_defines_them(client, demo):
    organization = OrganizationPage.objects.live().exclude(krs="").first()
    data = get_json(
        client,
        "/api/v2/pages/",
        type="pages.OrganizationPage",
        fields="krs,city",
        locale="pl",
        krs=organization.krs,
    )
    assert [item["id"] for item in data["items"]] == [organization.pk]
    assert data["items"][0]["krs"] == organization.krs
    assert data["items"][0]["city"] == organization.city
    detail = get_json(client, f"/api/v2/pages/{organization.pk}/")
    assert detail["nip"] == organization.nip


def test_area_and_district_filters(client, demo):
    offer = VolunteerOfferPage.objects.live().filter(district__isnull=False).first()
    area = offer.areas.first()
    items = all_items(
        client,
        "/api/v2/pages/",
        type="ngo_volunteering.VolunteerOfferPage",
        district=offer.district.slug,
    )
    expected = set(
        VolunteerOfferPage.objects.live()
        .public()
        .filter(district__slug=offer.district.slug)
        .values_list("pk", flat=True)
    )
    assert {item["id"] for item in items} == expected
    assert offer.pk in expected
    assert len(expected) < VolunteerOfferPage.objects.live().count()
    items = all_items(client, "/api/v2/pages/", type="pages.OrganizationPage", area=area.slug)
    expected = set(
        OrganizationPage.objects.live()
        .public()
        .filter(areas__slug=area.slug)
        .values_list("pk", flat=True)
    )
    assert {item["id"] for item in items} == expected
    # Without a type that has areas, the filter is refused, not silently ignored.
    response = client.get("/api/v2/pages/", {"area": area.slug})
    assert response.status_code == 400


def test_page_size_is_capped(client, demo, settings):
    settings.WAGTAILAPI_LIMIT_MAX = 3
    assert len(get_json(client, "/api/v2/pages/", limit=3)["items"]) == 3
    assert client.get("/api/v2/pages/", {"limit": 4}).status_code == 400


def test_drafts_and_restricted_pages_are_absent(client, demo):
    draft = VolunteerOfferPage.objects.live().first()
    draft.unpublish()
    closed = OrganizationPage.objects.live().first()
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    listed = {item["id"] for item in all_items(client, "/api/v2/pages/")}
    assert draft.pk not in listed and closed.pk not in listed
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{closed.pk}/").status_code == 404
    organizations = get_json(client, "/api/v2/datasets/organizations.json")["items"]
    assert str(closed.translation_key) not in {row["id"] for row in organizations}
    offers = get_json(client, "/api/v2/datasets/volunteer-offers.json")["items"]
    assert str(draft.translation_key) not in {row["id"] for row in offers}


def test_datasets_json_and_csv_agree_and_keep_their_ids(client, demo):
    for slug in DATASETS:
        data = get_json(client, f"/api/v2/datasets/{slug}.json")
        assert data["count"] == len(data["items"]) > 0, slug
        assert data["license"]["name"] == "CC BY 4.0"
        response = client.get(f"/api/v2/datasets/{slug}.csv")
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert [row["id"] for row in rows] == [str(item["id"]) for item in data["items"]]
    # An organization keeps its id in every language: the translation's row has the same one.
    polish = get_json(client, "/api/v2/datasets/organizations.json", locale="pl")["items"]
    organization = OrganizationPage.objects.get(
        translation_key=polish[0]["id"], locale__language_code="pl"
    )
    assert polish[0]["name"] == organization.title


def test_csv_dataset_quotes_formula_cells(client, demo):
    organization = OrganizationPage.objects.live().first()
    organization.title = '=HYPERLINK("http://evil.example")'
    organization.save_revision().publish()
    text = client.get("/api/v2/datasets/organizations.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_open_data_page_lists_each_dataset_with_schema_frequency_and_licence(client, demo):
    # Residents and partners find it from every page's footer.
    home = client.get("/pl/").content.decode()
    assert '<a href="/pl/open-data/">Otwarte dane</a>' in home
    response = client.get("/pl/open-data/")
    html = response.content.decode()
    assert response.status_code == 200
    for slug in DATASETS:
        assert f"/api/v2/datasets/{slug}.csv" in html
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0/" in html
    assert "<code>krs</code>" in html
    assert "codziennie" in html


def test_dcat_catalogue_names_every_distribution(client, demo):
    response = client.get("/api/v2/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    urls = {
        distribution["dcat:downloadURL"]["@id"]
        for dataset in catalogue["dcat:dataset"]
        for distribution in dataset["dcat:distribution"]
    }
    for slug in DATASETS:
        assert f"http://testserver/api/v2/datasets/{slug}.json" in urls
        assert client.get(f"/api/v2/datasets/{slug}.json").status_code == 200
    licences = {
        distribution["dct:license"]["@id"]
        for dataset in catalogue["dcat:dataset"]
        for distribution in dataset["dcat:distribution"]
    }
    assert licences == {"https://creativecommons.org/licenses/by/4.0/"}


def test_the_licence_is_the_citys_choice(client, demo, settings):
    settings.OPEN_DATA_LICENSE_NAME = "CC0 1.0"
    settings.OPEN_DATA_LICENSE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    assert get_json(client, "/api/v2/datasets/events.json")["license"]["name"] == "CC0 1.0"


def test_cors_is_open_for_reading_only(client, demo):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN="https://partner.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in response["Access-Control-Allow-Methods"]
    preflight = client.options("/api/v2/pages/", HTTP_ORIGIN="https://partner.example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/v2/pages/").status_code == 405
    # The site's own security headers stay.
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in client.get("/pl/")


def test_api_is_rate_limited_per_address(client, db, settings):
    settings.API_RATE_LIMIT = "3/h"
    codes = [client.get("/api/v2/pages/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client.get("/api/v2/pages/", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def _openapi(client):
    # JSON-LD is JSON: the catalogue's body is read as such.
    config = Config(extra_media_type_deserializers={"application/ld+json": json.loads})
    return OpenAPI.from_dict(get_json(client, "/api/v2/schema/"), config=config)


def test_responses_match_the_openapi_description(client, translated):
    openapi = _openapi(client)
    organization = translated[OrganizationPage]
    urls = [
        ("/api/v2/pages/", {}),
        ("/api/v2/pages/", {"type": "pages.OrganizationPage", "locale": "en", "fields": "*"}),
        ("/api/v2/pages/", {"type": "ngo_volunteering.VolunteerOfferPage", "fields": "*"}),
        ("/api/v2/pages/", {"type": "ngo_calendar.EventPage", "locale": "uk", "fields": "*"}),
        ("/api/v2/pages/", {"type": "pages.OrganizationPage", "area": "x"}),
        (f"/api/v2/pages/{organization.pk}/", {}),
        ("/api/v2/pages/", {"nonsense": "1"}),
        ("/api/v2/pages/999999/", {}),
        ("/api/v2/images/", {}),
        ("/api/v2/documents/", {}),
        ("/api/v2/datasets/", {}),
        ("/api/v2/catalog.jsonld", {}),
        ("/api/v2/schema/", {}),
    ] + [(f"/api/v2/datasets/{slug}.{kind}", {}) for slug in DATASETS for kind in ("json", "csv")]
    for url, params in urls:
        response = client.get(url, params)
        request = MockRequest("http://testserver", "get", url, args=params)
        openapi.validate_request(request)
        openapi.validate_response(request, _described_response(response))
    # The validator does refuse what the description does not allow.
    response = client.get("/api/v2/datasets/events.json")
    response.content = json.dumps({"items": []}).encode()
    request = MockRequest("http://testserver", "get", "/api/v2/datasets/events.json")
    with pytest.raises(Exception, match="(?i)invalid"):
        openapi.validate_response(request, _described_response(response))


def _described_response(response):
    content_type = response["Content-Type"].split(";")[0]
    return MockResponse(response.content, response.status_code, content_type=content_type)


def test_no_personal_data_in_any_response(client, translated):
    """A volunteer, a registrant, a subscriber and a person booking a room leave their data:
    nothing of it appears in any answer of the API or the datasets."""
    offer = VolunteerOfferPage.objects.live().first()
    VolunteerApplication.objects.create(
        offer=offer,
        full_name="Zofia Tajemnicza",
        email="wolontariuszka.tajna@example.org",
        phone="+48 000 111 222",
        consent_text="x",
    )
    training = TrainingPage.objects.live().first()
    TrainingRegistration.objects.create(
        training=training,
        full_name="Jan Ukryty",
        email="uczestnik.tajny@example.org",
        status=TrainingRegistration.Status.REGISTERED,
    )
    NewsletterSubscriber.objects.create(email="subskrybent.tajny@example.org", language="pl")
    start = timezone.now() + datetime.timedelta(days=3)
    Booking.objects.create(
        resource=Resource.objects.first(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        full_name="Ewa Rezerwująca",
        email="rezerwujaca.tajna@example.org",
        purpose="Spotkanie",
    )
    secrets = [
        "wolontariuszka.tajna",
        "uczestnik.tajny",
        "subskrybent.tajny",
        "rezerwujaca.tajna",
        "Zofia Tajemnicza",
        "Jan Ukryty",
        "Ewa Rezerwuj",
        "000 111 222",
    ]
    bodies = []
    types = [
        "",
        *sorted(
            {
                page.specific_class._meta.label
                for page in Page.objects.live()
                if page.specific_class is not None and page.depth > 1
            }
        ),
    ]
    for language in ["", *LANGUAGES]:
        for type_name in types:
            params = {"fields": "*"} if type_name else {}
            if type_name:
                params["type"] = type_name
            if language:
                params["locale"] = language
            offset = 0
            while True:
                response = client.get("/api/v2/pages/", {**params, "offset": offset, "limit": 100})
                assert response.status_code == 200, (params, response.content[:200])
                bodies.append(response.content.decode())
                offset += 100
                if offset >= response.json()["meta"]["total_count"]:
                    break
    for page in Page.objects.live().specific():
        bodies.append(client.get(f"/api/v2/pages/{page.pk}/").content.decode())
    for url in ("/api/v2/images/", "/api/v2/documents/"):
        bodies.append(client.get(url, {"fields": "*", "limit": 100}).content.decode())
    for url in ("/api/v2/datasets/", "/api/v2/catalog.jsonld", "/api/v2/schema/"):
        bodies.append(client.get(url).content.decode())
    for slug in DATASETS:
        for language in LANGUAGES:
            for kind in ("json", "csv"):
                response = client.get(f"/api/v2/datasets/{slug}.{kind}", {"locale": language})
                assert response.status_code == 200
                bodies.append(response.content.decode("utf-8-sig"))
    assert len(bodies) > 50
    everything = "\n".join(bodies)
    assert offer.title in everything  # the walk did read the pages the data belongs to
    for secret in secrets:
        assert secret not in everything, secret
