"""The programme of cooperation and its yearly report: the figures a city editor presents to the
council, counted from the register as the test counts it, frozen when the report is published."""

import csv
import datetime
import io
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import PageLogEntry

from pages import roles
from pages.centre.models import Advisor, Appointment, Booking, Resource
from pages.consultations.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from pages.cooperation.models import (
    CooperationProgrammePage,
    CooperationReportPage,
    PriorityTask,
)
from pages.council.models import AdvisoryBodyMeeting, AdvisoryBodyPage, AdvisoryBodyResolution
from pages.grants.models import (
    AwardedGrant,
    GrantCallIndexPage,
    GrantCallPage,
    GrantCallStatus,
    GrantMode,
)
from pages.models import (
    OrganizationPage,
    PatronageRequest,
)
from pages.trainings.models import TrainingRegistration
from pages.volunteering.models import VolunteerApplication
from tests.cooperation.factories import CooperationReportPageFactory
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    locale,
    publish_page,
)
from tests.helpers import html
from tests.trainings.factories import TrainingIndexPageFactory, make_training
from tests.volunteering.factories import VolunteerOfferIndexPageFactory, VolunteerOfferPageFactory

pytestmark = pytest.mark.django_db

YEAR = 2025
ZONE = timezone.get_current_timezone()


def at(year, month, day=15, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=ZONE)


def published(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def call(index, title, opens, **fields):
    return published(
        index,
        GrantCallPage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            mode=GrantMode.OPEN_COMPETITION,
            lead="Wsparcie zadań publicznych.",
            opens_at=opens,
            closes_at=opens + datetime.timedelta(days=30),
            **fields,
        ),
    )


def grant(amount, year, organization=None, name="", **fields):
    return AwardedGrant.objects.create(
        organization=organization,
        organization_name=name or organization.title,
        task_title="Zadanie publiczne",
        amount=Decimal(amount),
        year=year,
        mode=fields.pop("mode", GrantMode.OPEN_COMPETITION),
        **fields,
    )


def created_at(row, moment, field="created_at"):
    type(row).objects.filter(pk=row.pk).update(**{field: moment})


@pytest.fixture
def register(homes):
    """A year of the portal's data, with what must not be counted next to what must."""
    pl = homes["pl"]
    directory = OrganizationIndexPageFactory(parent=pl)
    first = publish_page(OrganizationPageFactory(parent=directory, title="Fundacja Pierwsza"))
    second = publish_page(OrganizationPageFactory(parent=directory, title="Stowarzyszenie Drugie"))
    later = publish_page(OrganizationPageFactory(parent=directory, title="Fundacja Późniejsza"))
    OrganizationPage.objects.filter(pk__in=[first.pk, second.pk]).update(
        first_published_at=at(YEAR - 1, 3)
    )
    OrganizationPage.objects.filter(pk=later.pk).update(first_published_at=at(YEAR + 1, 1))
    # Profiles changed: the first twice in the year (one profile), both the year before.
    for page, moment in [(first, at(YEAR, 2)), (first, at(YEAR, 9)), (first, at(YEAR - 1, 5))]:
        PageLogEntry.objects.log_action(page, "wagtail.publish", timestamp=moment)
    PageLogEntry.objects.log_action(second, "wagtail.publish", timestamp=at(YEAR - 1, 6))

    # Grants: one call in two languages counts once, a cancelled one not at all.
    calls = GrantCallIndexPage(title="Konkursy", slug="konkursy")
    pl.add_child(instance=calls)
    # The offers each call received: the translation and the cancelled call add none.
    seniors = call(calls, "Konkurs seniorzy", at(YEAR, 2), offers_received=7)
    translated = seniors.copy_for_translation(locale("en"), copy_parents=True)
    translated.save_revision().publish()
    call(
        calls,
        "Konkurs odwołany",
        at(YEAR, 3),
        status_override=GrantCallStatus.CANCELLED,
        offers_received=2,
    )
    call(calls, "Konkurs dawny", at(YEAR - 1, 2), offers_received=4)
    grant("1000.00", YEAR, first, call=seniors, area=area("seniorzy"))
    grant("500.50", YEAR, first, area=area("seniorzy"), mode=GrantMode.SMALL_GRANT)
    grant("2000.00", YEAR, second, mode=GrantMode.REGRANTING)
    grant("700.00", YEAR - 1, second)

    # Consultations: comments received (not drafts) and the organizations that sent them.
    consultations = ConsultationIndexPage(title="Konsultacje", slug="konsultacje")
    pl.add_child(instance=consultations)
    held = published(
        consultations,
        ConsultationPage(
            title="Projekt programu",
            slug="projekt",
            lead="Uwagi.",
            consulted="Organizacje",
            opens_on=datetime.date(YEAR, 10, 1),
            closes_on=datetime.date(YEAR, 10, 20),
        ),
    )
    earlier = published(
        consultations,
        ConsultationPage(
            title="Projekt dawny",
            slug="dawny",
            lead="Uwagi.",
            consulted="Organizacje",
            opens_on=datetime.date(YEAR - 1, 10, 1),
            closes_on=datetime.date(YEAR - 1, 10, 20),
        ),
    )
    published_state = ConsultationComment.State.PUBLISHED
    for consultation, organization, state in [
        (held, first, published_state),
        (held, first, ConsultationComment.State.SUBMITTED),
        (held, second, published_state),
        (held, None, published_state),
        (held, second, ConsultationComment.State.DRAFT),
        (earlier, first, published_state),
    ]:
        ConsultationComment.objects.create(
            consultation=consultation,
            organization=organization,
            resident_name="" if organization else "Jan Próbny",
            proposed_wording="Nowe brzmienie.",
            justification="Bo tak.",
            state=state,
        )

    # The council: meetings and resolutions of the year.
    council = AdvisoryBodyPage(title="Rada", slug="rada")
    council.meetings = [
        AdvisoryBodyMeeting(starts_at=at(YEAR, 3), place="Sala"),
        AdvisoryBodyMeeting(starts_at=at(YEAR, 6), place="Sala"),
        AdvisoryBodyMeeting(starts_at=at(YEAR - 1, 6), place="Sala"),
    ]
    council.resolutions = [
        AdvisoryBodyResolution(
            number="1/2025", adopted_on=datetime.date(YEAR, 3, 15), title="Opinia"
        ),
        AdvisoryBodyResolution(
            number="5/2024", adopted_on=datetime.date(YEAR - 1, 3, 1), title="A"
        ),
        AdvisoryBodyResolution(
            number="6/2024", adopted_on=datetime.date(YEAR - 1, 4, 1), title="B"
        ),
    ]
    published(pl, council)
    # A commission's meetings are not the council's.
    commission = AdvisoryBodyPage(title="KDO", slug="kdo", kind="commission")
    commission.meetings = [AdvisoryBodyMeeting(starts_at=at(YEAR, 4), place="Sala")]
    published(pl, commission)

    # Patronage: granted for events of the year.
    for status, day in [
        ("granted", datetime.date(YEAR, 5, 1)),
        ("granted", datetime.date(YEAR, 8, 1)),
        ("refused", datetime.date(YEAR, 8, 2)),
        ("pending", datetime.date(YEAR, 8, 3)),
        ("granted", datetime.date(YEAR - 1, 8, 1)),
    ]:
        PatronageRequest.objects.create(
            organization_name="Fundacja Pierwsza",
            contact_name="Ewa Próbna",
            email="ewa@example.org",
            event_title="Festyn",
            event_date=day,
            event_place="Park",
            description="Festyn sąsiedzki.",
            expected_participants=100,
            status=status,
        )

    # Trainings: registrations (not the waiting list nor the cancelled) and attendance.
    trainings = TrainingIndexPageFactory(parent=pl)
    today = timezone.localdate()
    training = make_training(trainings, days_ahead=(datetime.date(YEAR, 4, 7) - today).days)
    old = make_training(trainings, days_ahead=(datetime.date(YEAR - 1, 4, 7) - today).days)
    for number, (page, status, attended) in enumerate(
        [
            (training, "registered", True),
            (training, "registered", True),
            (training, "registered", False),
            (training, "waiting", False),
            (training, "cancelled", False),
            (old, "registered", True),
        ]
    ):
        TrainingRegistration.objects.create(
            training=page,
            full_name=f"Osoba {number}",
            email=f"osoba{number}@example.org",
            consent_text="Zgoda.",
            status=status,
            attended=attended,
        )

    # The centre: approved bookings and booked appointments, month by month.
    room = Resource.objects.create(name="Sala", kind="room")
    for moment, state in [
        (at(YEAR, 1, 10), "approved"),
        (at(YEAR, 1, 20), "approved"),
        (at(YEAR, 5, 10), "approved"),
        (at(YEAR, 5, 11), "refused"),
        (at(YEAR - 1, 5, 10), "approved"),
    ]:
        Booking.objects.create(
            resource=room,
            starts_at=moment,
            ends_at=moment + datetime.timedelta(hours=2),
            full_name="Osoba Próbna",
            email="osoba@example.org",
            purpose="Spotkanie",
            state=state,
        )
    advisor = Advisor.objects.create(
        name="Doradczyni",
        topic="law",
        rule="FREQ=WEEKLY;BYDAY=MO",
        start_time=datetime.time(11),
        end_time=datetime.time(17),
        slot_minutes=60,
    )
    for moment, state in [
        (at(YEAR, 5, 12, 11), "booked"),
        (at(YEAR, 6, 9, 11), "booked"),
        (at(YEAR, 6, 16, 11), "cancelled"),
    ]:
        Appointment.objects.create(
            advisor=advisor,
            starts_at=moment,
            ends_at=moment + datetime.timedelta(hours=1),
            full_name="Osoba Próbna",
            email="osoba@example.org",
            topic_text="Statut",
            state=state,
        )

    # Volunteering: offers that ran in the year, applications sent in it.
    offers = VolunteerOfferIndexPageFactory(parent=pl)
    spring = publish_page(
        VolunteerOfferPageFactory(parent=offers, start_date=datetime.date(YEAR, 5, 1))
    )
    publish_page(
        VolunteerOfferPageFactory(
            parent=offers,
            start_date=datetime.date(YEAR - 1, 10, 1),
            end_date=datetime.date(YEAR, 2, 1),
        )
    )
    publish_page(VolunteerOfferPageFactory(parent=offers, start_date=datetime.date(YEAR - 1, 6, 1)))
    VolunteerOfferPageFactory(parent=offers, start_date=datetime.date(YEAR, 6, 1), live=False)
    for number, (status, moment) in enumerate(
        [
            ("accepted", at(YEAR, 5, 2)),
            ("new", at(YEAR, 5, 3)),
            ("declined", at(YEAR, 5, 4)),
            ("accepted", at(YEAR - 1, 6, 2)),
        ]
    ):
        application = VolunteerApplication.objects.create(
            offer=spring,
            full_name=f"Wolontariusz {number}",
            email=f"wolontariusz{number}@example.org",
            consent_text="Zgoda.",
            status=status,
        )
        created_at(application, moment)

    programme = CooperationProgrammePage(
        title=f"Program współpracy na {YEAR} rok",
        slug=f"program-{YEAR}",
        year=YEAR,
        resolution_number="XII/345/IX/2024",
        resolution_date=datetime.date(YEAR - 1, 11, 19),
        planned_amount=Decimal("10000.00"),
        goals=[
            (
                "goal",
                {
                    "goal": "Zwiększanie roli organizacji w realizacji zadań publicznych",
                    "forms_of_cooperation": ["otwarte konkursy ofert", "regranting"],
                },
            )
        ],
    )
    task = PriorityTask(title="Wsparcie seniorów", planned_amount=Decimal("4000.00"))
    task.grant_calls = [seniors]
    task.areas = [area("seniorzy")]
    programme.priority_tasks = [task]
    programme = published(pl, programme)
    return {
        "home": pl,
        "programme": programme,
        "first": first,
        "second": second,
        "seniors": seniors,
        "directory": directory,
    }


def make_report(programme, live=True, **fields):
    report = CooperationReportPageFactory(parent=programme, year=YEAR, **fields)
    if live:
        report.save_revision().publish()
    return CooperationReportPage.objects.get(pk=report.pk)


EXPECTED = {
    # key: (the year, the year before), as counted over the register above.
    "grant_calls": (1, 1),
    "offers_received": (7, 4),
    "grants_awarded": (3, 1),
    "organizations_funded": (2, 1),
    "amount_awarded": ("3500.50", "700.00"),
    "amount_planned": ("10000.00", None),
    "share_spent": ("35.0", None),
    "consultations_held": (1, 1),
    "comments_received": (4, 1),
    "commenting_organizations": (2, 1),
    "council_meetings": (2, 1),
    "council_resolutions": (1, 2),
    "patronages_granted": (2, 1),
    "trainings_held": (1, 1),
    "training_registrations": (3, 1),
    "training_attendance": (2, 1),
    "centre_bookings": (3, 1),
    "advice_appointments": (2, 0),
    "volunteer_offers": (2, 2),
    "volunteer_applications": (3, 1),
    "volunteers_accepted": (1, 1),
    "organizations_listed": (2, 2),
    "profiles_updated": (1, 2),
}


def test_each_frozen_figure_equals_the_count_of_the_register(register):
    report = make_report(register["programme"])
    figures = report.figures["figures"]
    assert {key: (f["value"], f["previous"]) for key, f in figures.items()} == EXPECTED
    seniors_key = str(area("seniorzy").translation_key)
    assert report.figures["amount_by_area"] == {"": "2000.00", seniors_key: "1500.50"}
    assert report.figures["amount_by_mode"] == {
        "competition": "1000.00",
        "regranting": "2000.00",
        "small": "500.50",
    }
    assert report.figures["amount_by_year"] == {
        "2021": "0.00",
        "2022": "0.00",
        "2023": "0.00",
        "2024": "700.00",
        "2025": "3500.50",
    }
    assert report.figures["tasks"] == [{"planned": "4000.00", "awarded": "1000.00"}]
    by_month = report.figures["centre_by_month"]
    assert by_month["1"] == [2, 0] and by_month["5"] == [1, 1] and by_month["6"] == [0, 1]


def test_a_family_not_installed_leaves_no_section_and_a_later_one_spares_a_frozen_report(
    client, register
):
    # Each family counts its own section (pages.report_figures, filled from its app's ready()):
    # a city without the centre gets a report without its figures and its chart.
    from pages import report_figures

    centre = next(s for s in report_figures.sections() if s.key == "centre")
    report_figures.unregister("centre")
    try:
        report = make_report(register["programme"])
        assert "centre_bookings" not in report.figures["figures"]
        assert "centre_by_month" not in report.figures
        page = html(client.get(report.url))
        assert page.select_one('[data-figure="grants_awarded"]')
        assert not page.select_one('[data-figure="centre_bookings"]')
        assert len(page.select("figure.chart")) == 3
    finally:
        report_figures.register(centre)
    # Installed after the report was frozen: the published report still renders, without it.
    page = html(client.get(report.url))
    assert page.select_one('[data-figure="grants_awarded"]')
    assert not page.select_one('[data-figure="centre_bookings"]')
    assert client.get(report.url + "csv/").status_code == 200


def test_a_published_report_keeps_its_figures_when_the_register_changes(client, register):
    report = make_report(register["programme"])
    grant("99999.00", YEAR, register["second"])
    AwardedGrant.objects.filter(amount=Decimal("1000.00")).delete()

    page = html(client.get(report.url))
    row = page.select_one('[data-figure="amount_awarded"]')
    assert "3500,50" in row.text.replace("\xa0", " ").replace(" ", "")
    # A new revision published without asking to count again keeps the frozen figures.
    report = CooperationReportPage.objects.get(pk=report.pk)
    report.title = "Sprawozdanie poprawione"
    report.save_revision().publish()
    report = CooperationReportPage.objects.get(pk=report.pk)
    assert report.figures["figures"]["amount_awarded"]["value"] == "3500.50"
    assert report.get_latest_revision_as_object().figures == report.figures

    # The editor asks to count again: the next publication freezes today's register.
    report.recount_figures = True
    report.save_revision().publish()
    report = CooperationReportPage.objects.get(pk=report.pk)
    assert report.figures["figures"]["amount_awarded"]["value"] == "102499.50"
    assert report.recount_figures is False
    assert report.get_latest_revision_as_object().recount_figures is False


def test_a_report_given_another_year_is_counted_for_that_year(register):
    report = make_report(register["programme"])
    report.year = YEAR - 1
    report.save_revision().publish()
    report = CooperationReportPage.objects.get(pk=report.pk)
    assert report.figures["year"] == YEAR - 1
    assert report.figures["figures"]["grants_awarded"]["value"] == 1


def test_a_draft_shows_live_figures_and_says_they_freeze_on_publish(register):
    report = make_report(register["programme"], live=False)
    assert report.figures is None
    preview = html(report.make_preview_request())
    assert preview.select_one(".report-note--draft")
    assert preview.select_one('[data-figure="grants_awarded"]').select("td")[0].text == "3"
    grant("100.00", YEAR, register["second"])
    preview = html(report.make_preview_request())
    assert preview.select_one('[data-figure="grants_awarded"]').select("td")[0].text == "4"
    assert CooperationReportPage.objects.get(pk=report.pk).figures is None


def test_the_page_shows_each_chart_with_its_table(client, register):
    report = make_report(register["programme"])
    page = html(client.get(report.url))
    charts = page.select("figure.chart")
    assert len(charts) == 4
    for chart in charts:
        svg = chart.select_one("svg[role=img]")
        assert svg.select_one("title").text == chart.select_one("figcaption strong").text
        assert chart.select("table tbody tr")
    by_area = charts[0]
    assert area("seniorzy").name in by_area.text
    by_year = [row.select_one("th").text for row in charts[1].select("tbody tr")]
    assert by_year == ["2021", "2022", "2023", "2024", "2025"]
    assert "Projekt programu" in charts[2].text


def test_a_translated_report_names_the_areas_in_its_language(client, register):
    report = make_report(register["programme"])
    translated = report.copy_for_translation(locale("uk"), copy_parents=True)
    translated.save_revision().publish()
    translated = CooperationReportPage.objects.get(pk=translated.pk)
    assert translated.figures == report.figures
    page = html(client.get(translated.url))
    assert area("seniorzy", "uk").name in page.select("figure.chart")[0].text


def test_the_csv_holds_the_figures(client, register):
    report = make_report(register["programme"])
    response = client.get(report.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    figures = {row["figure"]: row for row in rows if row["section"] != "amount_by_area"}
    for key, (value, previous) in EXPECTED.items():
        assert figures[key]["value"] == ("" if value is None else str(value)), key
        assert figures[key]["previous_value"] == ("" if previous is None else str(previous)), key
    assert figures["amount_awarded"]["year"] == str(YEAR)


def test_the_pdf_and_the_editable_document_hold_the_figures(client, register):
    report = make_report(register["programme"])
    response = client.get(report.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    odt = client.get(report.url + "odt/")
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text"
    with zipfile.ZipFile(io.BytesIO(odt.content)) as archive:
        content = archive.read("content.xml").decode()
    texts = [content]
    if shutil.which("pdftotext"):
        texts.append(
            subprocess.run(
                [shutil.which("pdftotext"), "-", "-"],
                input=response.content,
                capture_output=True,
                check=True,
            ).stdout.decode()
        )
    for text in texts:
        text = text.replace("\xa0", " ").replace("\u202f", " ")
        assert "Ogłoszone konkursy" in text and "Przyjęci wolontariusze" in text
        assert "3 500,50" in text and "10 000,00" in text  # awarded, planned
        assert "Ogłoszono konkursy." in text  # the editor's narrative
        assert "Kwoty dotacji w kolejnych latach" in text  # a chart's title


def test_a_drafts_exports_are_not_public(client, register):
    make_report(register["programme"], live=False)
    for kind in ("csv", "pdf", "odt"):
        assert client.get(f"/pl/program-{YEAR}/sprawozdanie-{YEAR}/{kind}/").status_code == 404


def test_a_city_editor_downloads_a_drafts_exports_and_an_ngo_editor_is_refused(client, register):
    report = make_report(register["programme"], live=False)
    organization = OrganizationPage.objects.get(pk=register["first"].pk)
    ngo_editor = User.objects.create_user("ngo", "ngo@example.org", "x" * 12)
    ngo_editor.groups.add(roles.ensure_organization_group(organization))
    client.force_login(ngo_editor)
    for kind in ("csv", "pdf", "odt"):
        url = f"/admin/cooperation/report/{report.pk}/{kind}/"
        assert client.get(url).status_code in (302, 403), url
    editor = User.objects.create_user("redaktor", "redaktor@example.org", "x" * 12)
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(editor)
    response = client.get(f"/admin/cooperation/report/{report.pk}/csv/")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {row["figure"]: row["value"] for row in rows}["grants_awarded"] == "3"
    assert client.get(f"/admin/cooperation/report/{report.pk}/pdf/").content.startswith(b"%PDF")


def test_an_ngo_editor_cannot_create_a_programme_or_a_report(client, register):
    organization = OrganizationPage.objects.get(pk=register["first"].pk)
    editor = User.objects.create_user("ngo", "ngo@example.org", "x" * 12)
    editor.groups.add(roles.ensure_organization_group(organization))
    client.force_login(editor)
    programme = register["programme"]
    home = register["home"]
    refused = [
        f"/admin/pages/add/ngo_cooperation/cooperationprogrammepage/{home.pk}/",
        f"/admin/pages/add/ngo_cooperation/cooperationreportpage/{programme.pk}/",
        f"/admin/pages/{programme.pk}/edit/",
    ]
    for url in refused:
        assert client.get(url).status_code in (302, 403), url
    assert not CooperationReportPage.objects.exists()


def test_a_city_editor_creates_and_publishes_the_report(client, register):
    editor = User.objects.create_user("redaktor", "redaktor@example.org", "x" * 12)
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(editor)
    programme = register["programme"]
    url = f"/admin/pages/add/ngo_cooperation/cooperationreportpage/{programme.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": f"Sprawozdanie za {YEAR}",
            "slug": f"sprawozdanie-{YEAR}",
            "year": YEAR,
            "summary": '{"blocks": [], "entityMap": {}}',
            "narrative-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    report = CooperationReportPage.objects.get()
    assert report.live
    assert report.figures["figures"]["grants_awarded"]["value"] == 3
    assert client.get(report.url).status_code == 200


def test_the_demo_has_last_years_programme_and_its_published_report(client, demo):
    year = timezone.localdate().year - 1
    report = CooperationReportPage.objects.get(locale__language_code="pl", year=year)
    assert report.live and report.programme.year == year
    figures = report.figures["figures"]
    assert figures["grants_awarded"]["value"] == AwardedGrant.objects.filter(year=year).count()
    page = html(client.get(report.url))
    charts = page.select("figure.chart")
    # A chart with no rows (no consultation that year, say) says so instead of drawing.
    assert len(charts) == 4
    assert all(c.select_one("svg") or c.select_one(".chart__empty") for c in charts)
    assert CooperationReportPage.objects.filter(translation_key=report.translation_key).count() == 3
