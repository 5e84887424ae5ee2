"""`manage.py import_organizations`: every bad row reported, all or nothing, upsert."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pages.identifiers import fictional_nip, fictional_regon
from pages.models import OrganizationPage
from tests.factories import OrganizationIndexPageFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "postal_code",
    "email",
    "areas",
    "districts",
    "is_public_benefit",
    "takes_volunteers",
    "tags",
    "description",
]


@pytest.fixture
def directory(homes):
    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


def good_row(number, **changes):
    row = {
        "name": f"Stowarzyszenie Importowane {number}",
        "legal_form": "stowarzyszenie",
        "krs": f"{8_000_000_000 + number:010d}",
        "nip": fictional_nip(number),
        "regon": fictional_regon(number),
        "postal_code": "61-001",
        "email": f"org{number}@example.org",
        "areas": "seniorzy;Kultura, sztuka i dziedzictwo narodowe",
        "districts": "jezyce",
        "is_public_benefit": "tak",
        "takes_volunteers": "nie",
        "tags": "import;test",
        "description": "Opis <b>organizacji</b>.",
    }
    row.update(changes)
    return row


def write_csv(tmp_path, rows, delimiter=",", bom=False, name="orgs.csv"):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), encoding="utf-8")
    return path


def reported_lines(err):
    """The line numbers the command reported, from lines like "wiersz 12: nip: ..."."""
    return sorted({int(number) for number in re.findall(r"^wiersz (\d+):", err, re.M)})


def run(path, *options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_organizations", str(path), *options, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def test_a_good_file_creates_profiles_with_their_taxonomies(tmp_path, directory):
    code, out, _err = run(write_csv(tmp_path, [good_row(1), good_row(2)]), "--publish")

    assert code == 0
    assert "2 created" in out
    organization = OrganizationPage.objects.get(krs="8000000001")
    assert (
        organization.live and organization.is_public_benefit and not organization.takes_volunteers
    )
    assert set(organization.areas.values_list("slug", flat=True)) == {
        "seniorzy",
        "kultura-i-sztuka",
    }
    assert list(organization.districts.values_list("slug", flat=True)) == ["jezyce"]
    assert set(organization.tags.names()) == {"import", "test"}
    # Text from the file is text: markup in it is escaped, not rendered.
    assert "&lt;b&gt;" in str(organization.description)
    assert organization.editor_group is not None  # an imported organization can be edited too


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path, directory):
    rows = [
        good_row(1),
        good_row(2, krs="123"),
        good_row(3, nip="1234567890"),
        good_row(4, postal_code="61001"),
        good_row(5, areas="seniorzy;astrologia"),
        good_row(6, email="nie-email"),
        good_row(7, legal_form="grupa nieformalna", krs="", nip=""),  # fine: no KRS needed
        good_row(8, krs=""),  # an association needs a KRS
        good_row(9, krs=f"{8_000_000_000 + 1:010d}"),  # the same KRS as line 2
    ]
    code, out, err = run(write_csv(tmp_path, rows))

    assert code == 1
    assert "Nothing written" in out
    assert not OrganizationPage.objects.exists()
    assert reported_lines(err) == [3, 4, 5, 6, 7, 9, 10]
    assert "astrologia" in err
    assert "krs" in err and "nip" in err and "postal_code" in err and "email" in err


def test_partial_writes_only_the_good_rows(tmp_path, directory):
    rows = [good_row(1), good_row(2, nip="1234567890"), good_row(3)]
    code, out, _err = run(write_csv(tmp_path, rows), "--partial")
    assert code == 1  # the bad row is still an error
    assert "2 created" in out
    assert set(OrganizationPage.objects.values_list("krs", flat=True)) == {
        "8000000001",
        "8000000003",
    }


def test_a_second_run_updates_instead_of_duplicating(tmp_path, directory):
    informal = good_row(3, legal_form="grupa nieformalna", krs="", nip="", regon="")
    run(write_csv(tmp_path, [good_row(1), informal]), "--publish")
    changed = good_row(1, email="nowy@example.org")
    code, out, _err = run(write_csv(tmp_path, [changed, informal], name="again.csv"), "--publish")

    assert code == 0 and "2 updated" in out
    assert OrganizationPage.objects.count() == 2
    assert OrganizationPage.objects.get(krs="8000000001").email == "nowy@example.org"


def test_drafts_unless_publish(tmp_path, directory):
    run(write_csv(tmp_path, [good_row(1)]))
    organization = OrganizationPage.objects.get()
    assert not organization.live
    assert organization.get_latest_revision() is not None


def test_semicolon_csv_with_byte_order_mark_and_json(tmp_path, directory):
    code, _out, _err = run(write_csv(tmp_path, [good_row(1)], delimiter=";", bom=True))
    assert code == 0
    path = tmp_path / "orgs.json"
    path.write_text(json.dumps([good_row(2)], ensure_ascii=False), encoding="utf-8")
    code, _out, _err = run(path)
    assert code == 0
    assert OrganizationPage.objects.count() == 2


def test_a_file_without_required_columns_is_refused(tmp_path, directory):
    path = tmp_path / "bad.csv"
    path.write_text("nazwa,miasto\nX,Poznań\n", encoding="utf-8")
    code, _out, err = run(path)
    assert code == 1
    assert "name" in err and "legal_form" in err


def test_5000_rows_with_3_bad_ones_reports_exactly_those(tmp_path, directory):
    rows = [good_row(n) for n in range(1, 5001)]
    rows[99]["nip"] = "1234567890"  # line 101
    rows[2499]["postal_code"] = "6-1001"  # line 2501
    rows[4999]["districts"] = "atlantyda"  # line 5001
    code, out, err = run(write_csv(tmp_path, rows), "--dry-run")

    assert code == 1
    assert "5000 rows read, 3 bad" in out
    reported = reported_lines(err)
    assert reported == [101, 2501, 5001]
    assert not OrganizationPage.objects.exists()


def test_the_directory_export_imports_again_without_changes(client, tmp_path, directory):
    run(write_csv(tmp_path, [good_row(1), good_row(2)]), "--publish")
    exported = client.get("/pl/organizacje/eksport/csv/").content.decode("utf-8-sig")
    path = tmp_path / "export.csv"
    path.write_text(exported, encoding="utf-8")

    code, out, err = run(path, "--publish")

    assert code == 0, err
    assert "0 created, 2 updated" in out
    assert OrganizationPage.objects.count() == 2
    assert set(OrganizationPage.objects.get(krs="8000000001").tags.names()) == {"import", "test"}
