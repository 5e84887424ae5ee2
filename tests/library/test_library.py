"""The NGO library: the catalogue with free copies, reservations by an organization's editors,
loans handed over and taken back by the centre's staff, reminders; refused from every side
that must be refused."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.library.models import LibraryItem, LibraryPage, Loan
from tests.factories import area
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def library(homes):
    page = LibraryPage(title="Biblioteka", slug="biblioteka", loans_per_organization=2)
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def item(title="Wolontariat krok po kroku", copies=1, **fields):
    return LibraryItem.objects.create(title=title, copies=copies, **fields)


def reserve(client, library, book, organization):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"{library.url}{book.pk}/rezerwuj/", {"organization": organization.pk})


def titles(client, library, **params):
    page = html(client.get(library.url, params))
    return [h.text for h in page.select(".library-item .card__title")]


def test_the_catalogue_shows_free_copies_and_filters(client, library, org_a):
    guide = item(
        "Fundraising w małej organizacji", copies=2, kind="guide", author="Anna Przykładowa"
    )
    guide.areas.add(area("wspolnoty-lokalne"))
    book = item("Projekty dla seniorów")
    Loan.objects.create(item=book, organization=org_a, status=Loan.Status.LENT)

    page = html(client.get(library.url))
    cards = {c.select_one(".card__title").text: c for c in page.select(".library-item")}
    assert "2 z 2" in cards[guide.title].select_one(".library-item__availability").text
    assert cards[book.title].select_one(".badge") is not None  # all copies out
    # Nobody's name or organization is shown with a loan in the public catalogue.
    assert "Alfa" not in page.text

    assert titles(client, library, q="przykładowa") == [guide.title]
    assert titles(client, library, rodzaj="guide") == [guide.title]
    assert titles(client, library, obszar="wspolnoty-lokalne") == [guide.title]
    assert titles(client, library, dostepne="1") == [guide.title]
    # An unknown filter value is ignored, not an error.
    assert len(titles(client, library, rodzaj="<script>", obszar="nope")) == 2


def test_an_editor_reserves_and_the_office_and_the_reader_are_mailed(
    client, library, editor_a, org_a, settings
):
    settings.PORTAL_CITY_INBOX = "centrum@example.org"
    book = item()
    client.force_login(editor_a)
    response = reserve(client, library, book, org_a)
    assert response.status_code == 200
    loan = Loan.objects.get()
    assert (loan.organization, loan.reader, loan.status) == (org_a, editor_a, "reserved")
    assert loan.collect_by == timezone.localdate() + datetime.timedelta(days=7)
    assert "Stowarzyszenie Alfa" in html(response).text
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["alfa@example.org", "centrum@example.org"]
    office = next(message for message in mail.outbox if message.to == ["centrum@example.org"])
    assert "Stowarzyszenie Alfa" in office.body and book.title in office.body
    # The organization sees its reservation on the catalogue page, with a way to cancel it.
    page = html(client.get(library.url))
    assert book.title in page.select_one(".library-loans").text


def test_the_last_copy_goes_to_one_organization_and_the_next_is_told_why(
    client, library, editor_a, editor_b, org_a, org_b
):
    book = item(copies=1)
    client.force_login(editor_a)
    assert reserve(client, library, book, org_a).status_code == 200
    client.force_login(editor_b)
    response = reserve(client, library, book, org_b)
    assert response.status_code == 409
    assert "Wszystkie egzemplarze są właśnie" in html(response).select_one(".error-summary").text
    assert Loan.objects.count() == 1


def test_an_editor_cannot_reserve_for_another_organization(client, library, editor_a, org_b):
    book = item()
    client.force_login(editor_a)
    response = reserve(client, library, book, org_b)
    assert response.status_code == 400
    assert not Loan.objects.exists()


def test_the_same_title_twice_and_beyond_the_limit_are_refused(client, library, editor_a, org_a):
    client.force_login(editor_a)
    first, second, third = item("A", copies=3), item("B"), item("C")
    assert reserve(client, library, first, org_a).status_code == 200
    assert reserve(client, library, first, org_a).status_code == 409
    assert reserve(client, library, second, org_a).status_code == 200
    response = reserve(client, library, third, org_a)
    assert response.status_code == 409  # the page allows 2 at a time
    assert "2" in html(response).select_one(".error-summary").text
    assert Loan.objects.count() == 2


def test_anonymous_visitors_sign_in_first_and_other_users_are_refused(client, library):
    book = item()
    response = client.get(f"{library.url}{book.pk}/rezerwuj/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    # Signed in but an editor of no organization (a resident, a translator): refused.
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    response = client.get(f"{library.url}{book.pk}/rezerwuj/")
    assert response.status_code == 403
    # The reason is read in the portal's layout and language, not a bare "403 Forbidden".
    page = html(response)
    assert page.select_one("h1").text == "Brak dostępu"
    assert "Rezerwować mogą tylko redaktorzy organizacji." in page.select_one("main").text
    assert not Loan.objects.exists()


def test_reserving_needs_the_csrf_token(library, editor_a, org_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    book = item()
    response = client.post(f"{library.url}{book.pk}/rezerwuj/", {"organization": org_a.pk})
    assert response.status_code == 403
    assert not Loan.objects.exists()


def test_an_organization_sees_and_cancels_only_its_own_reservations(
    client, library, editor_a, editor_b, org_a, org_b
):
    own = Loan.objects.create(item=item("Nasza"), organization=org_a)
    other = Loan.objects.create(item=item("Cudza"), organization=org_b)
    client.force_login(editor_a)
    loans = html(client.get(library.url)).select_one(".library-loans").text
    assert "Nasza" in loans and "Cudza" not in loans
    assert client.post(f"{library.url}wypozyczenia/{other.pk}/anuluj/").status_code == 404
    assert client.get(f"{library.url}wypozyczenia/{own.pk}/anuluj/").status_code == 404
    assert client.post(f"{library.url}wypozyczenia/{own.pk}/anuluj/").status_code == 200
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("cancelled", "reserved")
    # A cancelled copy is free again.
    assert titles(client, library, dostepne="1") == ["Nasza"]


def test_staff_lend_and_take_back_in_the_admin_and_dates_follow(client, city_editor, org_a):
    book = item(copies=1)
    loan = Loan.objects.create(item=book, organization=org_a)
    client.force_login(city_editor)
    listing = client.get("/admin/library/loans/")
    assert listing.status_code == 200 and "Stowarzyszenie Alfa" in listing.content.decode()
    edit_url = f"/admin/library/loans/edit/{loan.pk}/"
    data = {"item": book.pk, "organization": org_a.pk, "status": "lent", "due_on": "", "notes": ""}
    assert client.post(edit_url, data).status_code == 302
    loan.refresh_from_db()
    today = timezone.localdate()
    assert (loan.lent_on, loan.due_on) == (today, today + datetime.timedelta(days=30))
    data.update(status="returned", due_on=loan.due_on.isoformat())
    client.post(edit_url, data)
    loan.refresh_from_db()
    assert loan.returned_on == today
    # A second active loan of a one-copy title is refused with the reason, nothing saved.
    Loan.objects.create(item=book, organization=org_a, status="lent")
    response = client.post(
        "/admin/library/loans/new/",
        {"item": book.pk, "organization": org_a.pk, "status": "reserved", "notes": ""},
    )
    assert response.status_code == 200
    assert "Nie ma wolnego egzemplarza tej pozycji" in response.content.decode()
    assert Loan.objects.filter(status__in=Loan.ACTIVE).count() == 1
    export = client.get("/admin/library/loans/?export=csv")
    rows = b"".join(export.streaming_content).decode()
    assert export.status_code == 200 and "Stowarzyszenie Alfa" in rows


def test_an_ngo_editor_gets_nothing_of_the_library_admin(client, editor_a, org_a):
    loan = Loan.objects.create(item=item(), organization=org_a)
    client.force_login(editor_a)
    for url in (
        "/admin/library/loans/",
        f"/admin/library/loans/edit/{loan.pk}/",
        "/admin/library/items/",
        "/admin/library/items/new/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert "/admin/library/" not in client.get("/admin/").content.decode()


def test_the_isbn_is_checked_and_written_one_way(client, city_editor):
    client.force_login(city_editor)
    data = {
        "title": "Nowa pozycja",
        "kind": "book",
        "language": "pl",
        "copies": 1,
        "isbn": "978-83-000000-1-X",
    }
    response = client.post("/admin/library/items/new/", data)
    assert response.status_code == 200 and not LibraryItem.objects.exists()
    data["isbn"] = "0 306 40615 2"  # an ISBN-10 with a valid check digit, typed with spaces
    assert client.post("/admin/library/items/new/", data).status_code == 302
    assert LibraryItem.objects.get().isbn == "978-0-306-40615-7"


def test_reminders_lapse_remind_weekly_and_forget_readers(org_a, editor_a, library):
    today = timezone.localdate()
    uncollected = Loan.objects.create(item=item("A"), organization=org_a, reader=editor_a)
    Loan.objects.filter(pk=uncollected.pk).update(collect_by=today - datetime.timedelta(days=1))
    overdue = Loan.objects.create(
        item=item("B"),
        organization=org_a,
        reader=editor_a,
        status="lent",
        lent_on=today - datetime.timedelta(days=40),
        due_on=today - datetime.timedelta(days=10),
    )
    old = Loan.objects.create(
        item=item("C"),
        organization=org_a,
        reader=editor_a,
        status="returned",
        lent_on=today - datetime.timedelta(days=500),
        due_on=today - datetime.timedelta(days=470),
        returned_on=today - datetime.timedelta(days=400),
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("library_reminders", stdout=io.StringIO())
    uncollected.refresh_from_db()
    overdue.refresh_from_db()
    old.refresh_from_db()
    assert uncollected.status == "cancelled"
    assert overdue.reminded_on == today
    assert old.reader is None and overdue.reader == editor_a
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert all(message.to == ["alfa@example.org"] for message in mail.outbox)
    # The next day brings no second reminder (weekly), nor a second lapse notice.
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("library_reminders", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_catalogue_costs_the_same_queries_at_two_sizes(client, library, editor_a, org_a):
    client.force_login(editor_a)

    def add_items(count):
        for _ in range(count):
            book = item(f"Pozycja {LibraryItem.objects.count():03d}", copies=2)
            book.areas.add(area("seniorzy"))
            Loan.objects.create(item=book, organization=org_a, status="returned")

    def queries():
        client.get(library.url)  # caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(library.url).status_code == 200
        return len(captured)

    add_items(3)
    small = queries()
    add_items(25)  # more than a page of the catalogue
    assert queries() == small


def test_the_library_page_lives_once_under_the_home_page(homes, library):
    from pages.models import HomePage

    assert LibraryPage.can_create_at(homes["en"])
    assert not LibraryPage.can_create_at(homes["pl"])  # one per home
    assert LibraryPage.allowed_parent_page_models() == [HomePage]
    assert LibraryPage.allowed_subpage_models() == []


def test_the_demo_library_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "organizations", "library"])
    pages = LibraryPage.objects.live()
    assert sorted(page.locale.language_code for page in pages) == ["en", "pl", "uk"]
    assert LibraryItem.objects.count() >= 4
    assert Loan.objects.filter(status="lent").count() == 1
