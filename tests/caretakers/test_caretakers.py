"""Caretakers and incubation: the centre's staff assign a caretaker to each organization (one
current, the history kept) and keep a private log of advice that nobody else reads (an
organization's editors, a city editor, a visitor are refused); the organization's editors see
who their caretaker is; an informal group asks to be incubated on the public page and the centre
follows its steps."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.caretakers.models import (
    AdviceNote,
    Caretaking,
    IncubatedGroup,
    IncubationPage,
    IncubationStepRecord,
)
from tests.factories import OrganizationPageFactory, StandardPageFactory
from tests.helpers import html

from .factories import (
    STEP_IDS,
    AdviceNoteFactory,
    IncubatedGroupFactory,
    IncubationPageFactory,
    centre_staff,
    steps,
)

pytestmark = pytest.mark.django_db
CONTACT = "grupa-ukryta@example.org"
SECRET = "Tajna notatka o sporze w zarządzie"


@pytest.fixture
def staff(db):
    return centre_staff()


@pytest.fixture
def guide(homes):
    return StandardPageFactory(parent=homes["pl"], title="Jak napisać statut", slug="statut")


@pytest.fixture
def page(homes, guide):
    return IncubationPageFactory(parent=homes["pl"], steps=steps(guide=guide.pk))


def refused(client, url, method="get", data=None):
    """A user without the right gets the sign-in page (a visitor) or is sent away (403 or a
    redirect to the dashboard), never the screen; returns the response."""
    response = getattr(client, method)(url, data or {})
    assert response.status_code in (302, 403), (url, response.status_code)
    if response.status_code == 302:
        assert response["Location"].split("?")[0] != url
    return response


# Caretakers


def test_a_new_caretaker_ends_the_previous_one_and_the_history_stays(org_a, staff):
    other = centre_staff("opiekun2", "Piotr", "Drugi")
    first = Caretaking.objects.create(
        organization=org_a, caretaker=staff, starts_on=datetime.date(2025, 1, 1)
    )
    Caretaking.objects.create(
        organization=org_a, caretaker=other, starts_on=datetime.date(2026, 3, 1)
    )
    first.refresh_from_db()
    assert first.ends_on == datetime.date(2026, 3, 1)
    current = Caretaking.objects.get(organization=org_a, ends_on__isnull=True)
    assert current.caretaker == other
    assert Caretaking.objects.filter(organization=org_a).count() == 2
    # Two current caretakers cannot be stored, whatever writes the rows.
    with pytest.raises(IntegrityError), transaction.atomic():
        Caretaking.objects.bulk_create([Caretaking(organization=org_a, caretaker=staff)])


def test_centre_staff_assign_a_caretaker_and_filter_by_caretaker(client, org_a, org_b, staff):
    other = centre_staff("opiekun2", "Piotr", "Drugi")
    client.force_login(staff)
    form = client.get(f"/admin/caretakers/assignments/new/?organization={org_a.pk}")
    assert form.status_code == 200
    caretaker_options = [o.text for o in html(form).select("select[name=caretaker] option")]
    assert "Olga Opiekuńska" in " ".join(caretaker_options)
    response = client.post(
        "/admin/caretakers/assignments/new/",
        {"organization": org_a.pk, "caretaker": staff.pk, "starts_on": "2026-01-05"},
    )
    assert response.status_code == 302
    Caretaking.objects.create(organization=org_b, caretaker=other)
    listing = client.get("/admin/caretakers/assignments/", {"caretaker": staff.pk})
    rows = [row.text for row in html(listing).select("tbody tr")]
    assert len(rows) == 1 and "Stowarzyszenie Alfa" in rows[0]


def test_only_centre_staff_can_be_caretakers(client, org_a, staff, city_editor):
    client.force_login(staff)
    response = client.post(
        "/admin/caretakers/assignments/new/",
        {"organization": org_a.pk, "caretaker": city_editor.pk, "starts_on": "2026-01-05"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Caretaking.objects.exists()


def test_an_organization_is_its_polish_profile(client, org_a, staff, homes):
    english = org_a.copy_for_translation(homes["en"].locale, copy_parents=True)
    client.force_login(staff)
    response = client.post(
        "/admin/caretakers/assignments/new/",
        {"organization": english.pk, "caretaker": staff.pk, "starts_on": "2026-01-05"},
    )
    assert response.status_code == 200 and not Caretaking.objects.exists()
    response = client.post(
        "/admin/caretakers/advice-notes/new/",
        {"organization": english.pk, "given_on": "2026-11-30", "topic": "X", "notes": "Y"},
    )
    assert response.status_code == 200 and not AdviceNote.objects.exists()


def test_the_organizations_without_a_caretaker(client, org_a, org_b, staff):
    Caretaking.objects.create(organization=org_a, caretaker=staff)
    client.force_login(staff)
    response = client.get("/admin/caretakers/without-caretaker/")
    names = [row.select_one("td").text for row in html(response).select("tr.without-caretaker")]
    assert names == ["Fundacja Beta"]
    link = html(response).select_one("tr.without-caretaker a")["href"]
    assert link == f"/admin/caretakers/assignments/new/?organization={org_b.pk}"


def test_the_lists_cost_the_same_queries_at_two_sizes(client, ngo_directory, staff, page):
    def queries(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [
        "/admin/caretakers/without-caretaker/",
        "/admin/caretakers/assignments/",
        "/admin/caretakers/advice-notes/",
        "/admin/caretakers/incubation/",
    ]

    def add(number):
        organization = OrganizationPageFactory(parent=ngo_directory)
        if number % 2:
            Caretaking.objects.create(organization=organization, caretaker=staff)
        AdviceNoteFactory(organization=organization, author=staff)
        group = IncubatedGroupFactory(page=page, caretaker=staff)
        IncubationStepRecord.objects.create(group=group, step_id=STEP_IDS[0], done=True)

    client.force_login(staff)
    for number in range(2):
        add(number)
    small = [queries(url) for url in urls]
    for number in range(2, 12):
        add(number)
    assert [queries(url) for url in urls] == small


# The advice log


def test_centre_staff_write_advice_notes_and_they_are_signed(client, org_a, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/caretakers/advice-notes/new/",
        {"organization": org_a.pk, "given_on": "2026-11-30", "topic": "Statut", "notes": SECRET},
    )
    assert response.status_code == 302
    note = AdviceNote.objects.get()
    assert note.author == staff and note.notes == SECRET
    listing = client.get("/admin/caretakers/advice-notes/").content.decode()
    assert "Statut" in listing and "Olga Opiekuńska" in listing


def test_nobody_but_the_centre_staff_reads_or_writes_the_advice_log(
    client, org_a, editor_a, editor_b, city_editor, staff
):
    note = AdviceNoteFactory(organization=org_a, author=staff, topic="Spór", notes=SECRET)
    group = IncubatedGroupFactory(contact_email=CONTACT)
    urls = [
        "/admin/caretakers/advice-notes/",
        f"/admin/caretakers/advice-notes/inspect/{note.pk}/",
        f"/admin/caretakers/advice-notes/edit/{note.pk}/",
        "/admin/caretakers/advice-notes/new/",
        "/admin/caretakers/assignments/",
        "/admin/caretakers/assignments/new/",
        "/admin/caretakers/without-caretaker/",
        "/admin/caretakers/incubation/",
        f"/admin/caretakers/incubation/inspect/{group.pk}/",
        f"/admin/caretakers/incubation/{group.pk}/steps/",
    ]
    for user in (None, editor_a, editor_b, city_editor):
        client.logout()
        if user:
            client.force_login(user)
        for url in urls:
            response = refused(client, url)
            assert SECRET not in response.content.decode()
            assert CONTACT not in response.content.decode()
        refused(
            client,
            "/admin/caretakers/advice-notes/new/",
            "post",
            {"organization": org_a.pk, "given_on": "2026-11-30", "topic": "X", "notes": "Y"},
        )
        refused(client, f"/admin/caretakers/advice-notes/edit/{note.pk}/", "post", {})
        if user:
            assert SECRET not in client.get("/admin/", follow=True).content.decode()
    assert AdviceNote.objects.count() == 1
    assert AdviceNote.objects.get().notes == SECRET


def test_old_advice_notes_are_deleted_by_the_daily_command(org_a, settings):
    today = timezone.localdate()
    five_years_ago = today.replace(year=today.year - 5)
    kept = AdviceNoteFactory(organization=org_a, given_on=five_years_ago, topic="Na granicy")
    AdviceNoteFactory(
        organization=org_a, given_on=five_years_ago - datetime.timedelta(days=1), topic="Stara"
    )
    recent = AdviceNoteFactory(organization=org_a, given_on=today, topic="Świeża")
    call_command("delete_old_advice_notes", "--dry-run")
    assert AdviceNote.objects.count() == 3
    call_command("delete_old_advice_notes")
    assert set(AdviceNote.objects.values_list("pk", flat=True)) == {kept.pk, recent.pk}
    settings.PORTAL_ADVICE_NOTES_RETENTION_YEARS = 1
    call_command("delete_old_advice_notes")
    assert list(AdviceNote.objects.values_list("pk", flat=True)) == [recent.pk]


# What the organization sees


def test_an_organizations_editors_see_their_caretaker_and_nothing_of_the_log(
    client, site, org_a, org_b, editor_a, editor_b, staff
):
    from pages.models import OfficeSettings

    office = OfficeSettings.for_site(site)
    office.email = "centrum@example.org"
    office.save()
    Caretaking.objects.create(organization=org_a, caretaker=staff)
    AdviceNoteFactory(organization=org_a, author=staff, topic="Spór w zarządzie", notes=SECRET)
    client.force_login(editor_a)
    panel = html(client.get("/admin/")).select_one(".ngo-caretaker")
    assert "Stowarzyszenie Alfa" in panel.text and "Olga Opiekuńska" in panel.text
    assert panel.select_one("a[href='mailto:centrum@example.org']")
    dashboard = client.get("/admin/").content.decode()
    assert SECRET not in dashboard and "Spór w zarządzie" not in dashboard
    assert "Advice log" not in dashboard and "Dziennik porad" not in dashboard
    client.force_login(editor_b)
    panel = html(client.get("/admin/")).select_one(".ngo-caretaker")
    assert "Fundacja Beta" in panel.text and "Olga" not in panel.text


def test_the_dashboard_panel_is_not_shown_to_who_edits_no_organization(client, city_editor):
    client.force_login(city_editor)
    assert html(client.get("/admin/")).select_one(".ngo-caretaker") is None


# Incubation: the public page and the form


def form_data(**overrides):
    data = {
        "name": "Przyjaciele Parku Przykładowego",
        "legal_form": "association",
        "activity": "Sprzątamy park i sadzimy drzewa.",
        "contact_name": "Osoba Kontaktowa",
        "contact_email": CONTACT,
        "contact_phone": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def apply(client, page, **overrides):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "zglos/", form_data(**overrides))


def test_the_public_page_shows_the_steps_in_order_with_their_guides(client, page, guide):
    response = client.get(page.url)
    assert response.status_code == 200
    steps_shown = html(response).select(".incubation-steps .incubation-step")
    assert [step.select_one("h3").text for step in steps_shown] == [
        "Rozmowa z opiekunem",
        "Statut",
        "Wniosek do KRS",
    ]
    assert steps_shown[1].select_one("a")["href"] == guide.url
    assert html(response).select_one(f"a[href='{page.url}zglos/']")


def test_a_group_asks_for_incubation_and_both_sides_are_mailed(client, page, settings):
    settings.PORTAL_CITY_INBOX = "centrum@example.org"
    response = apply(client, page, contact_phone="000 111 222")
    assert response.status_code == 200
    assert "dotarło do Centrum" in response.content.decode()
    group = IncubatedGroup.objects.get()
    assert group.status == "new" and group.consent_text and group.page == page
    assert sorted(m.to[0] for m in mail.outbox) == ["centrum@example.org", CONTACT]
    to_centre = next(m for m in mail.outbox if m.to == ["centrum@example.org"])
    assert "000 111 222" in to_centre.body and "Przyjaciele Parku" in to_centre.body
    to_group = next(m for m in mail.outbox if m.to == [CONTACT])
    assert page.full_url in to_group.body
    # The public page never shows who asked.
    assert CONTACT not in client.get(page.url).content.decode()


def test_bad_input_is_named_and_nothing_typed_is_lost(client, page):
    response = apply(client, page, consent="", contact_email="nie-adres")
    assert response.status_code == 400
    assert html(response).select_one(".error-summary")
    assert html(response).select_one("textarea[name=activity]").text.strip() == (
        "Sprzątamy park i sadzimy drzewa."
    )
    assert html(response).select_one("input[name=name]")["value"] == (
        "Przyjaciele Parku Przykładowego"
    )
    assert not IncubatedGroup.objects.exists() and mail.outbox == []


def test_the_honeypot_and_the_rate_limit_store_nothing(client, page, settings):
    assert apply(client, page, website="http://spam.example").status_code == 200
    assert not IncubatedGroup.objects.exists()
    settings.PORTAL_APPLICATION_RATE = "2/h"
    for _ in range(2):
        apply(client, page)
    response = apply(client, page, name="Trzecia grupa")
    assert response.status_code == 429
    assert html(response).select_one("input[name=name]")["value"] == "Trzecia grupa"
    assert IncubatedGroup.objects.count() == 2


def test_asking_needs_the_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    assert client.post(page.url + "zglos/", form_data()).status_code == 403
    assert not IncubatedGroup.objects.exists()


def test_a_group_asking_from_the_english_page_follows_the_polish_steps(client, page, homes):
    english = page.copy_for_translation(homes["en"].locale)
    english.title = "NGO incubator"
    english.save_revision().publish()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(english.url + "zglos/", form_data())
    assert response.status_code == 200
    group = IncubatedGroup.objects.get()
    assert group.page.pk == page.pk and group.language == "en"
    assert [step_id for step_id, _title, _record in group.steps()] == STEP_IDS


def test_page_rules(homes):
    from pages.models import HomePage

    assert IncubationPage.allowed_parent_page_models() == [HomePage]
    assert IncubationPage.allowed_subpage_models() == []


# Incubation: the centre follows the group


def test_the_centre_marks_steps_done_and_links_the_registered_organization(
    client, page, staff, org_a
):
    group = IncubatedGroupFactory(page=page, contact_email=CONTACT)
    client.force_login(staff)
    inspect = client.get(f"/admin/caretakers/incubation/inspect/{group.pk}/")
    assert CONTACT in inspect.content.decode()
    url = f"/admin/caretakers/incubation/{group.pk}/steps/"
    first, second, _third = STEP_IDS
    response = client.post(url, {f"{first}-done": "on", f"{second}-done": "on"})
    assert response.status_code == 400
    assert "Podaj datę" in response.content.decode()
    assert not IncubationStepRecord.objects.exists()
    response = client.post(
        url,
        {
            f"{first}-done": "on",
            f"{first}-done_on": "2026-10-01",
            f"{first}-notes": "Cele spisane.",
            f"{second}-notes": "Statut w przygotowaniu.",
        },
    )
    assert response.status_code == 302
    done = {record.step_id: record for record in IncubationStepRecord.objects.all()}
    assert done[first].done and done[first].done_on == datetime.date(2026, 10, 1)
    assert not done[second].done and done[second].notes == "Statut w przygotowaniu."
    group.refresh_from_db()
    assert group.status == "incubating" and group.progress() == "1/3"
    listing = client.get("/admin/caretakers/incubation/")
    assert "1/3" in listing.content.decode()
    shown = html(client.get(url))
    assert shown.select_one(f"input[name='{first}-done']").has_attr("checked")
    assert shown.select_one(f"textarea[name='{first}-notes']").text.strip() == "Cele spisane."
    group.caretaker = staff
    group.organization = org_a
    group.save()
    assert IncubatedGroup.objects.get().status == "registered"


def test_the_demo_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "organizations", "caretakers"])
    pages = IncubationPage.objects.live()
    assert sorted(p.locale.language_code for p in pages) == ["en", "pl", "uk"]
    polish = pages.get(locale__language_code="pl")
    for translated in pages:
        assert [i for i, _t in translated.step_list()] == [i for i, _t in polish.step_list()]
    assert "Statute" in str(pages.get(locale__language_code="en").steps)
    groups = list(IncubatedGroup.objects.order_by("name"))
    assert len(groups) == 2 and len({g.progress() for g in groups}) == 2
    assert Caretaking.objects.filter(ends_on__isnull=True).count() >= 2
    assert AdviceNote.objects.exists()
