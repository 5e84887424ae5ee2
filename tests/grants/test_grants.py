"""Grant calls, their results and the grants register: what an NGO and a resident can check."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from icalendar import Calendar

from pages.grants.models import (
    AwardedGrant,
    GrantCallPage,
    GrantCallStatus,
    GrantMode,
    GrantsRegisterPage,
)
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory, area
from tests.grants.factories import (
    AwardedGrantFactory,
    GrantCallIndexPageFactory,
    GrantCallPageFactory,
    GrantsRegisterPageFactory,
)
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    calls = GrantCallIndexPageFactory(parent=homes["pl"])
    register = GrantsRegisterPageFactory(parent=homes["pl"])
    return {
        "calls": calls,
        "register": register,
        "first": OrganizationPageFactory(parent=directory, title="Fundacja Ruch", krs="0000123456"),
        "second": OrganizationPageFactory(parent=directory, title="Stowarzyszenie Nauka"),
    }


def make_call(parent, days_to_open=-5, days_to_close=10, **fields):
    now = timezone.now()
    call = GrantCallPageFactory(
        parent=parent,
        opens_at=now + datetime.timedelta(days=days_to_open),
        closes_at=now + datetime.timedelta(days=days_to_close),
        **fields,
    )
    call.save_revision().publish()
    return GrantCallPage.objects.get(pk=call.pk)


def grant(organization, amount, year, area_slug="seniorzy", mode=GrantMode.OPEN_COMPETITION, **kw):
    return AwardedGrantFactory(
        organization=organization,
        amount=Decimal(amount),
        year=year,
        area=area(area_slug),
        mode=mode,
        **kw,
    )


def test_status_follows_the_dates_until_an_editor_sets_a_later_one(tree):
    assert make_call(tree["calls"], 3, 10).status == GrantCallStatus.ANNOUNCED
    open_call = make_call(tree["calls"], -3, 10)
    assert open_call.status == GrantCallStatus.OPEN
    assert open_call.days_left in (9, 10)
    assert make_call(tree["calls"], -30, -1).status == GrantCallStatus.EVALUATION
    cancelled = make_call(tree["calls"], -3, 10, status_override=GrantCallStatus.CANCELLED)
    assert cancelled.status == GrantCallStatus.CANCELLED and cancelled.days_left is None


def test_a_call_must_close_after_it_opens(tree):
    from django.core.exceptions import ValidationError

    now = timezone.now()
    call = GrantCallPage(
        title="Zły", slug="zly", mode="micro", lead="x", opens_at=now, closes_at=now
    )
    with pytest.raises(ValidationError) as error:
        call.full_clean()
    assert "closes_at" in error.value.message_dict


def test_listing_puts_open_calls_first_with_a_countdown(client, tree):
    make_call(tree["calls"], -30, -2, title="Zamknięty")
    make_call(tree["calls"], -3, 7, title="Otwarty")
    doc = html(client.get(tree["calls"].url))
    current = [a.text for a in doc.select("#current-heading ~ ul .card__title a")]
    past = [a.text for a in doc.select("#past-heading ~ ul .card__title a")]
    assert current == ["Otwarty"] and past == ["Zamknięty"]
    assert "kończy się za" in doc.select_one("#current-heading ~ ul .card__meta").text


def test_deadlines_feed_has_each_call_with_a_reminder(client, tree):
    make_call(tree["calls"], -3, 7, title="Otwarty")
    response = client.get(tree["calls"].url + "ical/")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Otwarty"]
    assert events[0].walk("VALARM")[0]["trigger"].dt == datetime.timedelta(days=-2)


def test_results_are_shown_once_published_with_links_to_profiles(client, tree):
    call = make_call(tree["calls"], -60, -30, status_override=GrantCallStatus.EVALUATION)
    grant(tree["first"], "12000.50", 2026, call=call, task_title="Gimnastyka dla seniorów")
    assert "Gimnastyka dla seniorów" not in client.get(call.url).content.decode()

    call.status_override = GrantCallStatus.RESULTS
    call.save_revision().publish()
    doc = html(client.get(call.url))
    row = doc.select_one("table.grants tbody tr")
    assert row.select_one("a")["href"] == tree["first"].url
    assert "Gimnastyka dla seniorów" in row.text
    assert "12 000,50 zł" in row.text.replace("\xa0", " ")


def test_register_filters_and_totals(client, tree):
    grant(tree["first"], "10000", 2025, "seniorzy")
    grant(tree["first"], "5000", 2026, "seniorzy", GrantMode.SMALL_GRANT)
    grant(tree["second"], "20000", 2026, "edukacja")
    url = tree["register"].url

    def heading(**params):
        text = html(client.get(url, params)).select_one("#results-heading").text
        return " ".join(text.replace("\xa0", " ").split())

    assert heading() == "3 dotacje, łącznie 35 000,00 zł"
    assert heading(year="2026") == "2 dotacje, łącznie 25 000,00 zł"
    assert heading(year="2026", area="seniorzy") == "1 dotacja, łącznie 5 000,00 zł"
    assert heading(mode="small") == "1 dotacja, łącznie 5 000,00 zł"
    assert heading(organization=tree["first"].slug) == "2 dotacje, łącznie 15 000,00 zł"
    assert heading(year="20x6", mode="bogus", area="nie-ma") == "3 dotacje, łącznie 35 000,00 zł"


def test_register_exports_the_filtered_rows_as_csv_and_json(client, tree):
    grant(tree["first"], "10000", 2025, "seniorzy", task_title="Spacery")
    grant(tree["second"], "20000", 2026, "edukacja", task_title="Korepetycje")
    url = tree["register"].url
    data = json.loads(client.get(url + "eksport/json/", {"year": "2026"}).content)
    assert [row["task_title"] for row in data["grants"]] == ["Korepetycje"]
    assert data["grants"][0]["amount"] == "20000.00"
    csv_text = client.get(url + "eksport/csv/").content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("year,organization,krs,task_title,amount")
    assert len(lines) == 3 and "0000123456" in csv_text


def test_profile_lists_its_grants(client, tree):
    grant(tree["first"], "7000", 2026, task_title="Nasz projekt")
    grant(tree["second"], "9000", 2026, task_title="Cudzy projekt")
    page = client.get(tree["first"].url).content.decode()
    assert "Nasz projekt" in page and "Cudzy projekt" not in page


def test_the_profile_shows_grants_through_the_section_the_grants_app_registers(client, tree):
    from pages import profile_sections

    grant(tree["first"], "7000", 2026, task_title="Nasz projekt")
    headings = html(client.get(tree["first"].url)).select("#grants-heading")
    assert [heading.text for heading in headings] == ["Dotacje od miasta"]

    # A site without the grants app has no such section: the profile does not know grants.
    (section,) = [section for section in profile_sections.sections() if section.name == "grants"]
    profile_sections.unregister("grants")
    try:
        doc = html(client.get(tree["first"].url))
    finally:
        profile_sections.register(section.name, section.template, section.items, section.order)
    assert doc.select("#grants-heading") == []
    assert "Nasz projekt" not in doc.text


def test_register_listing_costs_the_same_queries_at_two_sizes(client, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(tree["register"].url)
        return len(queries)

    grant(tree["first"], "1000", 2026)
    count()
    small = count()
    for number in range(30):
        grant(tree["second"], str(1000 + number), 2020 + number % 6, "edukacja")
    assert count() == small


def write_csv(tmp_path, text):
    path = tmp_path / "wyniki.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_writes_all_rows_and_links_profiles_by_krs(tree, tmp_path):
    call = make_call(tree["calls"], -60, -30)
    path = write_csv(
        tmp_path,
        "organization;krs;nip;task_title;amount;year;area;mode;start_date;end_date\n"
        "Fundacja Ruch;123456;;Zajęcia;12 500,00;2026;seniorzy;competition;2026-03-01;2026-11-30\n"
        "Klub Nowy;;;Turniej;3000;2026;Seniorzy;;;\n",
    )
    call_command("import_grants", path, call=call.pk, verbosity=0)
    rows = list(AwardedGrant.objects.order_by("task_title"))
    assert [(g.task_title, g.amount, g.call_id) for g in rows] == [
        ("Turniej", Decimal("3000.00"), call.pk),
        ("Zajęcia", Decimal("12500.00"), call.pk),
    ]
    assert rows[1].organization_id == tree["first"].pk
    assert rows[0].organization_id is None and rows[0].organization_name == "Klub Nowy"


def test_import_reports_every_bad_row_and_writes_none(tree, tmp_path, capsys):
    path = write_csv(
        tmp_path,
        "organization,task_title,amount,year,area,mode,start_date,end_date\n"
        "Fundacja Ruch,Dobre,1000,2026,seniorzy,,,\n"
        "Fundacja Ruch,Złe kwoty,-5,2026,seniorzy,,,\n"
        "Fundacja Ruch,Zły rok,1000,20x6,seniorzy,,,\n"
        ",Bez nazwy,1000,2026,nieznany-obszar,bogus,2026-02-30,\n",
    )
    with pytest.raises(CommandError):
        call_command("import_grants", path, verbosity=0)
    errors = capsys.readouterr().err
    assert "wiersz 3" in errors and "wiersz 4" in errors and "wiersz 5" in errors
    assert "wiersz 2" not in errors
    assert "nieznany-obszar" in errors and "2026-02-30" in errors
    assert AwardedGrant.objects.count() == 0


def test_import_refuses_a_file_without_the_required_columns(tree, tmp_path):
    path = write_csv(tmp_path, "name,sum\nA,1\n")
    with pytest.raises(CommandError, match="amount"):
        call_command("import_grants", path, verbosity=0)


def test_demo_content_has_open_and_closed_calls_and_a_register(client, demo):
    calls = GrantCallPage.objects.filter(locale__language_code="pl")
    statuses = {call.status for call in calls}
    assert {GrantCallStatus.OPEN, GrantCallStatus.RESULTS} <= statuses
    register = GrantsRegisterPage.objects.get(locale__language_code="pl")
    heading = html(client.get(register.url)).select_one("#results-heading").text
    assert "łącznie" in heading
    closed = calls.get(status_override=GrantCallStatus.RESULTS)
    assert html(client.get(closed.url)).select("table.grants tbody tr")


def test_an_import_shows_in_the_register_at_once_though_its_counts_are_kept(
    client, tree, tmp_path, settings
):
    # The totals and facet counts are kept per content generation (as in production); rows
    # written in bulk send no post_save, so the import itself must start a new generation.
    settings.LAYOUT_CACHE = True
    settings.PAGE_CACHE_SECONDS = 0
    settings.VAR_DIR = tmp_path
    grant(tree["first"], "10000", 2025)
    url = tree["register"].url

    def heading():
        text = html(client.get(url)).select_one("#results-heading").text
        return " ".join(text.replace("\xa0", " ").split())

    assert heading() == "1 dotacja, łącznie 10 000,00 zł"
    assert heading() == "1 dotacja, łącznie 10 000,00 zł"  # now from what is kept
    path = write_csv(
        tmp_path,
        "organization;krs;nip;task_title;amount;year;area;mode;start_date;end_date\n"
        "Klub Nowy;;;Turniej;3000;2026;Seniorzy;;;\n",
    )
    call_command("import_grants", path, verbosity=0)
    assert heading() == "2 dotacje, łącznie 13 000,00 zł"
