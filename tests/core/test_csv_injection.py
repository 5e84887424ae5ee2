"""Every CSV the portal writes is safe to open in a spreadsheet: no cell runs as a formula.

Seen from the clerk who opens an export: a phone number or a search query typed by somebody
else must not become a formula (a link to click, a program to start) in their spreadsheet.
"""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from pages.csvexport import neutralize, restore
from pages.models import OrganizationPage
from search.models import ZeroResultQuery
from tests.core.test_import_organizations import directory, good_row, run, write_csv  # noqa: F401

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("//evil.example","x")'
CALC = "=cmd|' /c calc'!a0"


def export_rows(client):
    response = client.get("/pl/organizacje/eksport/csv/")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return text, list(csv.DictReader(io.StringIO(text)))


def test_a_formula_in_a_published_phone_is_quoted_in_the_directory_export(
    client,
    tmp_path,
    directory,  # noqa: F811
):
    run(
        write_csv(
            tmp_path,
            [good_row(1), good_row(2, description="-5 stopni w zimie, +10 w lecie")],
        ),
        "--publish",
    )
    OrganizationPage.objects.filter(krs="8000000001").update(phone=HYPERLINK)

    text, rows = export_rows(client)

    row = next(row for row in rows if row["krs"] == "8000000001")
    assert row["phone"] == "'" + HYPERLINK
    # No line of the file has a cell that starts with the formula.
    assert ',"=HYPERLINK' not in text and ",=HYPERLINK" not in text


def test_the_quoted_export_imports_back_unchanged(client, tmp_path, directory):  # noqa: F811
    run(
        write_csv(tmp_path, [good_row(1), good_row(2)]),
        "--publish",
    )
    OrganizationPage.objects.filter(krs="8000000001").update(
        phone=HYPERLINK, street_address="-1 piętro, ul. Testowa 1"
    )
    OrganizationPage.objects.filter(krs="8000000002").update(phone="'=ma być tekstem")
    text, _rows = export_rows(client)
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")

    code, out, err = run(path, "--publish")

    assert code == 0, err
    assert "0 created, 2 updated" in out
    first = OrganizationPage.objects.get(krs="8000000001")
    assert (first.phone, first.street_address) == (HYPERLINK, "-1 piętro, ul. Testowa 1")
    assert OrganizationPage.objects.get(krs="8000000002").phone == "'=ma być tekstem"


def test_a_residents_query_that_looks_like_a_formula_is_quoted_in_the_search_report(client):
    ZeroResultQuery.objects.create(
        query_string=CALC, language="pl", hits=3, last_searched_at=timezone.now()
    )
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pass"))

    response = client.get("/admin/reports/searches-without-results/", {"export": "csv"})

    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:3] == ["'" + CALC, "pl", "3"]


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+48 61", "-12", "@SUM(A1)", "\tx", "\rx", "'=x", "''@x", "'plain", "zwykły", ""],
)
def test_quoting_is_undone_exactly_by_the_import(value):
    quoted = neutralize(value)
    assert quoted[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert restore(quoted) == value


def test_numbers_written_by_the_program_stay_numbers():
    assert neutralize(-16.9) == -16.9
    assert neutralize(None) is None
