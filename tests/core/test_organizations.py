"""The NGO directory as residents and editors use it."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages.identifiers import fictional_nip, fictional_regon
from pages.models import HomePage, LegalForm, OrganizationIndexPage, OrganizationPage
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    district,
    pages_in_bulk,
)
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(homes):
    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


@pytest.fixture
def sample(directory):
    """Four organizations with known areas, districts, forms and flags."""
    seniors, ecology, culture = (
        area("seniorzy"),
        area("ekologia-i-ochrona-zwierzat"),
        area("kultura-i-sztuka"),
    )
    jezyce, wilda = district("jezyce"), district("wilda")
    orgs = {
        "srebrni": OrganizationPageFactory(
            parent=directory,
            title="Stowarzyszenie Srebrni Sąsiedzi",
            areas=[seniors, culture],
            districts=[jezyce],
            is_public_benefit=True,
            takes_volunteers=True,
        ),
        "zieloni": OrganizationPageFactory(
            parent=directory,
            title="Fundacja Zielone Podwórko",
            legal_form=LegalForm.FOUNDATION,
            areas=[ecology],
            districts=[jezyce, wilda],
            takes_volunteers=True,
        ),
        "teatr": OrganizationPageFactory(
            parent=directory,
            title="Teatr Osiedlowy Wilda",
            areas=[culture],
            districts=[wilda],
        ),
        "grupa": OrganizationPageFactory(
            parent=directory,
            title="Grupa Nieformalna Ławeczka",
            legal_form=LegalForm.INFORMAL_GROUP,
            krs="",
            areas=[seniors],
            districts=[wilda],
        ),
    }
    orgs["zieloni"].tags.add("zieleń")
    orgs["zieloni"].save_revision().publish()
    return orgs


def titles(response):
    return [a.get_text(strip=True) for a in html(response).select(".cards .card__title a")]


def facet_counts(response, name):
    doc = html(response)
    counts = {}
    for box in doc.select(f'input[name="{name}"]'):
        label = box.find_parent("label")
        counts[box["value"]] = int(label.select_one(".count").get_text().strip("()"))
    return counts


# Page rules


def test_directory_lives_under_a_home_page_and_holds_organizations(homes, directory):
    assert OrganizationIndexPage.can_create_at(homes["en"])
    assert not OrganizationIndexPage.can_create_at(Page.get_first_root_node())
    assert not OrganizationIndexPage.can_create_at(homes["pl"])  # one per language
    assert OrganizationPage.can_create_at(directory)
    assert not OrganizationPage.can_create_at(homes["pl"])
    assert OrganizationIndexPage.subpage_types == ["pages.OrganizationPage"]
    assert HomePage in OrganizationIndexPage.allowed_parent_page_models()


# Validation


def make(**fields):
    defaults = {
        "title": "Stowarzyszenie X",
        "slug": "x",
        "legal_form": LegalForm.ASSOCIATION,
        "krs": "0000123456",
        "postal_code": "61-001",
    }
    return OrganizationPage(**{**defaults, **fields})


def validate(organization):
    # path and depth are set when the page is added to the tree.
    organization.full_clean(exclude=["path", "depth"])


@pytest.mark.parametrize(
    "field, value",
    [
        ("krs", "12345"),
        ("nip", "1234567890"),
        ("regon", "123456789"),
        ("postal_code", "61001"),
        ("email", "not-an-email"),
        ("website", "javascript:alert(1)"),
    ],
)
def test_invalid_identifiers_and_contacts_are_refused_on_their_field(directory, field, value):
    organization = make(**{field: value})
    with pytest.raises(ValidationError) as error:
        validate(organization)
    assert field in error.value.message_dict


def test_valid_identifiers_pass_and_are_stored_compact(directory):
    organization = make(
        nip=f"{fictional_nip(3)[:3]}-{fictional_nip(3)[3:]}", regon=fictional_regon(3)
    )
    validate(organization)
    assert organization.nip == fictional_nip(3)


def test_only_an_informal_group_may_have_no_krs(directory):
    with pytest.raises(ValidationError) as error:
        validate(make(krs=""))
    assert "krs" in error.value.message_dict
    validate(make(krs="", legal_form=LegalForm.INFORMAL_GROUP))


def test_a_map_point_needs_both_coordinates(directory):
    with pytest.raises(ValidationError) as error:
        validate(make(latitude=52.4))
    assert "longitude" in error.value.message_dict


def test_admin_form_names_the_bad_field_and_keeps_what_was_typed(admin_client, directory):
    url = f"/admin/pages/add/pages/organizationpage/{directory.pk}/"
    data = nested_form_data(
        {
            "title": "Fundacja Pod Lipami",
            "slug": "pod-lipami",
            "short_name": "Pod Lipami",
            "legal_form": "foundation",
            "krs": "0000999999",
            "nip": "1234567890",
            "regon": "",
            "postal_code": "61-001",
            "city": "Poznań",
            "email": "biuro@example.org",
            "description": streamfield([]),
            "tags": "",
        }
    )
    response = admin_client.post(url, data)

    assert response.status_code == 200  # the form again, not a redirect
    assert not OrganizationPage.objects.filter(slug="pod-lipami").exists()
    doc = html(response)
    assert (
        "NIP"
        in doc.select_one("[data-field-wrapper] #id_nip")
        .find_parent(attrs={"data-field-wrapper": True})
        .get_text()
    )
    assert doc.select_one("#id_title")["value"] == "Fundacja Pod Lipami"
    assert doc.select_one("#id_email")["value"] == "biuro@example.org"
    assert "checksum" in response.content.decode() or "kontrolna" in response.content.decode()


# The public listing


def test_filters_combine_and_counts_follow_the_other_filters(client, sample):
    response = client.get("/pl/organizacje/", {"area": "seniorzy", "district": "wilda"})

    assert titles(response) == ["Grupa Nieformalna Ławeczka"]
    # Area counts with the district filter applied: in Wilda, 1 organization for seniors,
    # 1 for ecology and 1 for culture.
    assert facet_counts(response, "area") == {
        "seniorzy": 1,
        "ekologia-i-ochrona-zwierzat": 1,
        "kultura-i-sztuka": 1,
    }
    # District counts with the area filter applied: seniors in Jeżyce 1, in Wilda 1.
    assert facet_counts(response, "district") == {"jezyce": 1, "wilda": 1}
    doc = html(response)
    assert doc.select_one('input[name="area"][value="seniorzy"]').has_attr("checked")
    assert doc.select_one('input[name="district"][value="wilda"]').has_attr("checked")


def test_several_values_of_one_filter_widen_the_result(client, sample):
    response = client.get("/pl/organizacje/", {"area": ["seniorzy", "ekologia-i-ochrona-zwierzat"]})
    assert sorted(titles(response)) == [
        "Fundacja Zielone Podwórko",
        "Grupa Nieformalna Ławeczka",
        "Stowarzyszenie Srebrni Sąsiedzi",
    ]


def test_flags_legal_form_and_tags(client, sample):
    assert titles(client.get("/pl/organizacje/", {"opp": "1"})) == [
        "Stowarzyszenie Srebrni Sąsiedzi"
    ]
    assert titles(client.get("/pl/organizacje/", {"volunteers": "1", "form": "foundation"})) == [
        "Fundacja Zielone Podwórko"
    ]
    assert titles(client.get("/pl/organizacje/", {"tag": "zieleń"})) == [
        "Fundacja Zielone Podwórko"
    ]
    counts = html(client.get("/pl/organizacje/"))
    assert "(2)" in counts.select_one('input[name="volunteers"]').find_parent("label").get_text()


def test_text_search_ignores_case_and_finds_partial_names(client, sample):
    assert titles(client.get("/pl/organizacje/", {"q": "srebrni"})) == [
        "Stowarzyszenie Srebrni Sąsiedzi"
    ]
    assert titles(client.get("/pl/organizacje/", {"q": "Zielone Podw"})) == [
        "Fundacja Zielone Podwórko"
    ]


def test_unknown_filter_values_are_ignored_not_errors(client, sample):
    response = client.get("/pl/organizacje/", {"area": "nie-ma-takiej", "sort": "drop table"})
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_sorting_and_pagination_keep_the_filters(client, directory):
    for number in range(25):
        OrganizationPageFactory(
            parent=directory, title=f"Organizacja {number:02d}", takes_volunteers=True
        )
    first = client.get("/pl/organizacje/", {"volunteers": "1"})
    assert titles(first)[0] == "Organizacja 00"
    next_link = html(first).select_one('.pagination a[rel="next"]')["href"]
    assert "volunteers=1" in next_link and "page=2" in next_link
    second = client.get("/pl/organizacje/" + next_link)
    assert titles(second) == [f"Organizacja {n:02d}" for n in range(20, 25)]

    newest = OrganizationPage.objects.get(title="Organizacja 03")
    newest.save_revision().publish()
    assert titles(client.get("/pl/organizacje/", {"sort": "updated"}))[0] == "Organizacja 03"


def test_unpublished_and_private_profiles_are_not_listed(client, sample):
    sample["teatr"].unpublish()
    PageViewRestriction.objects.create(page=sample["grupa"], restriction_type="login")
    listed = titles(client.get("/pl/organizacje/"))
    assert "Teatr Osiedlowy Wilda" not in listed
    assert "Grupa Nieformalna Ławeczka" not in listed
    assert len(listed) == 2


def test_active_filter_chips_remove_one_filter(client, sample):
    doc = html(client.get("/pl/organizacje/", {"area": "seniorzy", "opp": "1"}))
    links = {a.get_text(" ", strip=True): a["href"] for a in doc.select(".active-filters a")}
    assert links["OPP × (usuń filtr)"] == "?area=seniorzy"


def test_listing_speaks_the_readers_language(client, homes, sample):
    english_directory = sample["srebrni"].get_parent().copy_for_translation(homes["en"].locale)
    english_directory.title, english_directory.slug = "Organizations", "organizations"
    english_directory.save_revision().publish()
    english = sample["srebrni"].copy_for_translation(homes["en"].locale)
    english.save_revision().publish()

    response = client.get("/en/organizations/")
    assert titles(response) == ["Stowarzyszenie Srebrni Sąsiedzi"]
    labels = [
        label.get_text(" ", strip=True) for label in html(response).select(".filters__option")
    ]
    assert any(label.startswith("People of retirement age") for label in labels)
    profile = html(client.get("/en/organizations/" + english.slug + "/"))
    assert "People of retirement age" in profile.select_one("#areas-heading").parent.get_text()


def test_listing_map_and_geojson_queries_do_not_grow_with_the_directory(client, directory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = ["/pl/organizacje/", "/pl/organizacje/mapa/", "/pl/organizacje/mapa/geojson/"]
    params = {"area": "seniorzy", "volunteers": "1"}

    def add(count):
        with pages_in_bulk():
            for _ in range(count):
                OrganizationPageFactory(
                    parent=directory,
                    areas=[area("seniorzy"), area("kultura-i-sztuka")],
                    districts=[district("jezyce")],
                    takes_volunteers=True,
                )

    def queries():
        counts = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url, params).status_code == 200
            counts.append(len(captured.captured_queries))
        return counts

    add(10)
    queries()  # the first request creates the site settings row: warm up
    at_10 = queries()
    add(190)
    assert queries() == at_10


# The map and the exports


def test_map_data_is_the_filtered_set_with_locations(client, sample):
    sample["zieloni"].latitude, sample["zieloni"].longitude = Decimal("52.41"), Decimal("16.9")
    sample["zieloni"].save_revision().publish()
    data = client.get("/pl/organizacje/mapa/geojson/", {"district": "wilda"}).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["Fundacja Zielone Podwórko"]
    assert data["features"][0]["geometry"]["coordinates"] == [16.9, 52.41]
    assert data["features"][0]["properties"]["url"].endswith(f"/{sample['zieloni'].slug}/")

    page = html(client.get("/pl/organizacje/mapa/", {"district": "wilda"}))
    assert page.select_one("#directory-map")["data-geojson"].endswith("?district=wilda")
    # Without JavaScript the same organizations are listed under the map.
    assert len(page.select(".cards .card")) == 3


def test_csv_export_of_the_filtered_set(client, sample):
    response = client.get("/pl/organizacje/eksport/csv/", {"district": "jezyce"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["name"] for row in rows) == [
        "Fundacja Zielone Podwórko",
        "Stowarzyszenie Srebrni Sąsiedzi",
    ]
    srebrni = next(row for row in rows if row["name"].startswith("Stowarzyszenie"))
    assert srebrni["areas"] == "seniorzy;kultura-i-sztuka" or set(srebrni["areas"].split(";")) == {
        "seniorzy",
        "kultura-i-sztuka",
    }
    assert srebrni["is_public_benefit"] == "1"
    # Full URLs use the site's configured host name.
    assert srebrni["url"].endswith(f"/pl/organizacje/{sample['srebrni'].slug}/")


def test_json_export_of_the_filtered_set(client, sample):
    data = json.loads(client.get("/pl/organizacje/eksport/json/", {"opp": "1"}).content)
    assert data["count"] == 1
    assert data["language"] == "pl"
    assert data["organizations"][0]["name"] == "Stowarzyszenie Srebrni Sąsiedzi"
    assert data["organizations"][0]["districts"] == ["jezyce"]


# The profile


def test_profile_shows_identity_contact_and_json_ld(client, sample):
    srebrni = sample["srebrni"]
    srebrni.nip = fictional_nip(5)
    srebrni.latitude, srebrni.longitude = Decimal("52.4"), Decimal("16.9")
    srebrni.street_address = "ul. Przykładowa 5"
    srebrni.website = "https://srebrni.example.org/"
    srebrni.save_revision().publish()

    doc = html(client.get(f"/pl/organizacje/{srebrni.slug}/"))

    assert doc.h1.get_text() == "Stowarzyszenie Srebrni Sąsiedzi"
    assert srebrni.krs in doc.select_one("#opp-note").parent.get_text()  # the 1.5% note
    facts = doc.select_one(".facts").get_text()
    assert srebrni.krs in facts and fictional_nip(5) in facts
    assert doc.select_one(f'a[href="mailto:{srebrni.email}"]') is not None
    assert doc.select_one("#organization-map") is not None
    data = json.loads(doc.find("script", type="application/ld+json").string)
    assert data["@type"] == "NGO"
    assert data["taxID"] == fictional_nip(5)
    assert {"@type": "PropertyValue", "propertyID": "KRS", "value": srebrni.krs} in data[
        "identifier"
    ]
    assert data["address"]["postalCode"] == "61-001"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 52.4, "longitude": 16.9}
    assert "https://srebrni.example.org/" in data["sameAs"]
    area_links = [a["href"] for a in doc.select("#areas-heading + ul a")]
    assert "/pl/organizacje/?area=seniorzy" in area_links


def test_saving_a_profile_confirms_its_data(sample):
    from django.utils import timezone

    organization = sample["teatr"]
    OrganizationPage.objects.filter(pk=organization.pk).update(data_confirmed_at=None)
    organization.refresh_from_db()
    assert organization.is_stale
    organization.save_revision()
    assert organization.data_confirmed_at == timezone.localdate()
    assert not organization.is_stale


def test_identifiers_and_contacts_are_synchronized_names_translate():
    from wagtail_localize.fields import (
        SynchronizedField,
        TranslatableField,
        get_translatable_fields,
    )

    fields = {f.field_name: f for f in get_translatable_fields(OrganizationPage)}
    for name in ("krs", "nip", "regon", "email", "phone", "latitude", "longitude", "areas"):
        assert isinstance(fields[name], SynchronizedField), name
    for name in ("title", "short_name", "description"):
        assert isinstance(fields[name], TranslatableField), name


def test_demo_directory_is_believable(client, db):
    from django.core.management import call_command

    # The directory of `make run` (the default size): its families alone, the rest is not read.
    call_command("load_demo_data", only=["organizations"], verbosity=0)
    response = client.get("/pl/organizacje/")
    assert response.status_code == 200
    assert len(facet_counts(response, "area")) >= 15
    assert len(facet_counts(response, "district")) >= 20
    assert "Organizations" in client.get("/en/organizations/").content.decode()
    assert client.get("/uk/orhanizatsii/").status_code == 200


def test_wagtail_localize_translation_carries_synchronized_data(homes, sample):
    from wagtail_localize.models import TranslationSource

    polish = sample["srebrni"]
    directory_source, _ = TranslationSource.get_or_create_from_instance(polish.get_parent())
    directory_source.create_or_update_translation(homes["uk"].locale, fallback=True)
    source, _ = TranslationSource.get_or_create_from_instance(polish)
    ukrainian, _ = source.create_or_update_translation(homes["uk"].locale, fallback=True)

    assert ukrainian.locale.language_code == "uk"
    assert ukrainian.krs == polish.krs
    assert set(ukrainian.areas.values_list("slug", flat=True)) == {"seniorzy", "kultura-i-sztuka"}

    # A new phone number on the Polish page reaches the translation when it is synced again.
    polish.phone = "+48 000 111 222"
    polish.save_revision().publish()
    source.update_from_db()
    source.create_or_update_translation(homes["uk"].locale, fallback=True)
    ukrainian.refresh_from_db()
    assert ukrainian.phone == "+48 000 111 222"


def test_text_search_knows_polish_word_forms_and_missing_diacritics(client, sample):
    for organization in sample.values():
        organization.save_revision().publish()  # publishing indexes the profile
    # "srebrnych" is another form of "Srebrni"; "podworko" lacks the diacritic of "Podwórko".
    assert titles(client.get("/pl/organizacje/", {"q": "srebrnych"})) == [
        "Stowarzyszenie Srebrni Sąsiedzi"
    ]
    assert titles(client.get("/pl/organizacje/", {"q": "zielonego podworko"})) == [
        "Fundacja Zielone Podwórko"
    ]


def test_a_translator_cannot_override_the_identifiers_or_the_address(directory):
    # A translator changed the NIP on the English profile and published it: identifiers and the
    # address are synchronized and not overridable, so the translation editor offers no field.
    from wagtail_localize.models import TranslationSource

    organization = OrganizationPageFactory(
        parent=directory,
        title="Fundacja Tłumaczona",
        nip=fictional_nip(7),
        regon=fictional_regon(7),
        street_address="ul. Próbna 1",
        latitude=Decimal("52.4"),
        longitude=Decimal("16.9"),
        website="https://fundacja.example.org",
    )
    source, _created = TranslationSource.get_or_create_from_instance(organization)
    overridable = {
        segment.context.path for segment in source.overridablesegment_set.select_related("context")
    }
    fixed = {"krs", "nip", "regon", "legal_form", "street_address", "postal_code", "city"}
    assert not overridable & (fixed | {"latitude", "longitude"})
    # Contact details a translator may adapt (e.g. an English website) stay overridable.
    assert "website" in overridable
