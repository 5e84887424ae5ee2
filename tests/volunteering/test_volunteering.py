"""Volunteer offers: finding one, applying, the organizer's side, the paperwork, retention."""

import datetime
import json
import re
import shutil
import subprocess

import pytest
from defusedxml import ElementTree as ET
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages import roles
from pages.volunteering.models import (
    OfferMode,
    OfferSchedule,
    VolunteerApplication,
    VolunteerOfferPage,
)
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    district,
    pages_in_bulk,
    publish_page,
)
from tests.helpers import html
from tests.volunteering.factories import (
    VolunteerApplicationFactory,
    VolunteerOfferIndexPageFactory,
    VolunteerOfferPageFactory,
)

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The rate limit counts in the cache, which outlives a test.
    cache.clear()


@pytest.fixture
def tree(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    offers = VolunteerOfferIndexPageFactory(parent=homes["pl"])
    first = OrganizationPageFactory(parent=directory, title="Fundacja Cztery Łapy")
    second = OrganizationPageFactory(parent=directory, title="Stowarzyszenie Dobry Sąsiad")
    return {"directory": directory, "index": offers, "first": first, "second": second}


def make_offer(parent, **fields):
    return publish_page(VolunteerOfferPageFactory(parent=parent, **fields))


def listing_titles(client, index, query=""):
    response = client.get(index.url + query)
    assert response.status_code == 200
    return [a.text.strip() for a in html(response).select(".card__title a")], response


def editor_of(organization, username):
    user = User.objects.create_user(username, f"{username}@example.org", "x" * 12)
    user.groups.add(organization.editor_group)
    return user


def apply(client, offer, **overrides):
    data = {
        "full_name": "Ala Próbna",
        "email": "ala@example.org",
        "phone": "",
        "availability": "weekendy",
        "message": "Chętnie pomogę.",
        "is_adult": "on",
        "consent": "on",
    }
    data.update(overrides)
    # E-mails leave in a task once the application is committed.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(offer.url, {k: v for k, v in data.items() if v is not None})


# Finding an offer


@pytest.mark.django_db
def test_closed_offers_leave_the_listing_but_keep_their_page(client, tree):
    org = tree["first"]
    make_offer(org, title="Otwarta oferta")
    past = make_offer(org, title="Po terminie", application_deadline=days(-1))
    full = make_offer(org, title="Komplet", volunteers_needed=1)
    closed = make_offer(org, title="Zamknięta", accepting_applications=False)
    VolunteerApplicationFactory(offer=full, status="accepted")

    titles, _ = listing_titles(client, tree["index"])
    assert titles == ["Otwarta oferta"]

    for offer, reason in [
        (past, "termin"),
        (full, "miejsca"),
        (closed, "zamknął"),
    ]:
        response = client.get(offer.url)
        assert response.status_code == 200
        notice = html(response).select_one(".note--closed").text
        assert reason in notice
        assert html(response).find("form", class_="form") is None

    # The organizer reopens: the offer is listed again.
    closed.accepting_applications = True
    closed.save_revision().publish()
    titles, _ = listing_titles(client, tree["index"])
    assert "Zamknięta" in titles


@pytest.mark.django_db
def test_filters_combine_and_count(client, tree):
    ecology = area("ekologia-i-ochrona-zwierzat")
    seniors = area("seniorzy")
    make_offer(
        tree["first"],
        title="Psy online",
        mode=OfferMode.ONLINE,
        city="",
        areas=[ecology],
        minors_allowed=True,
    )
    make_offer(
        tree["first"],
        title="Psy w schronisku",
        mode=OfferMode.HYBRID,
        areas=[ecology],
        district=district("stare-miasto") if _has_district("stare-miasto") else None,
    )
    make_offer(
        tree["second"],
        title="Seniorzy",
        areas=[seniors],
        schedule=OfferSchedule.ONE_OFF,
        suits_groups=True,
    )
    index = tree["index"]

    titles, response = listing_titles(client, index, "?mode=online")
    assert sorted(titles) == ["Psy online", "Psy w schronisku"]  # hybrid counts as online too

    titles, response = listing_titles(client, index, f"?area={ecology.slug}&minors=1")
    assert titles == ["Psy online"]

    titles, response = listing_titles(client, index, "?schedule=one_off")
    assert titles == ["Seniorzy"]

    titles, response = listing_titles(client, index, f"?org={tree['second'].slug}")
    assert titles == ["Seniorzy"]

    # Counts per value: with "online" chosen, the area counts tell what ticking each gives.
    titles, response = listing_titles(client, index, "?mode=online")
    labels = [label.text for label in html(response).select(".filters__option")]
    ecology_label = next(label for label in labels if ecology.name.lower() in label.lower())
    assert "(2)" in ecology_label
    assert not any(seniors.name.lower() in label.lower() for label in labels)


def _has_district(slug):
    from pages.models import District

    return District.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_date_range_and_bad_dates(client, tree):
    make_offer(tree["first"], title="Grudzień", start_date=days(10), end_date=days(20))
    make_offer(tree["first"], title="Później", start_date=days(60), end_date=days(90))
    make_offer(
        tree["first"],
        title="Jednodniowa",
        start_date=days(30),
        schedule=OfferSchedule.ONE_OFF,
    )
    index = tree["index"]
    titles, _ = listing_titles(client, index, f"?from={days(15)}&to={days(35)}")
    assert sorted(titles) == ["Grudzień", "Jednodniowa"]

    titles, response = listing_titles(client, index, "?from=jutro")
    assert len(titles) == 3  # the bad value is ignored, not fatal
    assert "YYYY-MM-DD" in html(response).select_one(".note--warning").text


@pytest.mark.django_db
def test_sorting_by_deadline_and_newest(client, tree):
    make_offer(tree["first"], title="Pierwsza", application_deadline=days(9))
    make_offer(tree["first"], title="Druga", application_deadline=days(2))
    make_offer(tree["first"], title="Bez terminu")
    titles, _ = listing_titles(client, tree["index"])
    assert titles == ["Druga", "Pierwsza", "Bez terminu"]
    titles, _ = listing_titles(client, tree["index"], "?sort=newest")
    assert titles[0] == "Bez terminu"


@pytest.mark.django_db
def test_listing_queries_do_not_grow_with_offers(client, tree):
    ecology = area("ekologia-i-ochrona-zwierzat")

    def queries():
        client.get(tree["index"].url)  # warm-up: site and settings caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(tree["index"].url + f"?area={ecology.slug}&mode=on_site")
        assert response.status_code == 200
        return len(captured.captured_queries)

    with pages_in_bulk():
        for _ in range(5):
            make_offer(tree["first"], areas=[ecology])
            make_offer(tree["index"], areas=[ecology])  # the office's own: its name from settings
    at_10 = queries()
    with pages_in_bulk():
        for _ in range(95):
            make_offer(tree["second"], areas=[ecology])
            make_offer(tree["index"], areas=[ecology])
    at_200 = queries()
    assert at_10 == at_200


@pytest.mark.django_db
def test_atom_feed_follows_the_filters(client, tree):
    online = make_offer(tree["first"], title="Zdalna", mode=OfferMode.ONLINE, city="")
    make_offer(tree["first"], title="Na miejscu")
    response = client.get(tree["index"].url + "kanal/?mode=online&sort=deadline")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.find("a:title", ns).text for entry in feed.findall("a:entry", ns)]
    assert titles == ["Zdalna"]
    assert online.url in response.content.decode()

    listing = client.get(tree["index"].url + "?mode=online")
    alternate = html(listing).find("link", rel="alternate", type="application/atom+xml")
    assert "mode=online" in alternate["href"]

    rss = client.get(tree["index"].url + "kanal/rss/")
    assert b"<rss" in rss.content and "Na miejscu" in rss.content.decode()


@pytest.mark.django_db
def test_the_feed_links_back_to_the_listing_so_filtered(client, tree):
    make_offer(tree["first"], title="Zdalna", mode=OfferMode.ONLINE, city="")
    response = client.get(tree["index"].url + "kanal/?mode=online&sort=deadline")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    listing = feed.find("a:link[@rel='alternate']", ns).get("href")
    # The feed is always newest first: the listing's sort is not carried over.
    assert listing.endswith(tree["index"].url + "?mode=online")
    assert feed.find("a:entry/a:author/a:name", ns).text


@pytest.mark.django_db
def test_offer_page_describes_itself_as_a_volunteer_job_posting(client, tree):
    offer = make_offer(tree["first"], title="Spacery z psami", application_deadline=days(5))
    response = client.get(offer.url)
    data = json.loads(html(response).find("script", type="application/ld+json").string)
    assert data["@type"] == "JobPosting"
    assert data["employmentType"] == "VOLUNTEER"
    assert data["hiringOrganization"]["name"] == "Fundacja Cztery Łapy"
    assert data["validThrough"].startswith(days(5).isoformat())
    assert data["jobLocation"]["address"]["addressLocality"] == "Poznań"


@pytest.mark.django_db
def test_an_offer_beneath_a_profile_belongs_to_that_organization(tree):
    offer = make_offer(tree["first"], organization=tree["second"])
    assert offer.organization_id == tree["first"].pk


# Applying


@pytest.mark.django_db
def test_applying_stores_the_application_and_sends_both_emails(client, tree):
    editor = editor_of(tree["first"], "koordynatorka")
    offer = make_offer(tree["first"], title="Spacery z psami")
    response = apply(client, offer)
    assert response.status_code == 200
    assert "ala@example.org" in response.content.decode()

    application = VolunteerApplication.objects.get()
    assert application.offer_id == offer.pk
    assert application.status == VolunteerApplication.Status.NEW
    assert "Fundacja Cztery Łapy" in application.consent_text

    to_volunteer = next(m for m in mail.outbox if m.to == ["ala@example.org"])
    to_organizer = next(m for m in mail.outbox if editor.email in m.to)
    assert "Spacery z psami" in to_volunteer.subject
    assert "zgloszenie/" in to_volunteer.body
    # The organizer's mail points to the admin and carries no personal data at all.
    assert f"/admin/volunteering/applications/{application.pk}/" in to_organizer.body
    assert "ala@example.org" not in to_organizer.body


@pytest.mark.django_db
def test_the_organizers_notices_name_nobody(client, tree):
    """The notices say they carry no personal data: neither the new one nor the withdrawal
    names the volunteer, or gives their e-mail or phone."""
    editor = editor_of(tree["first"], "koordynatorka")
    offer = make_offer(tree["first"], title="Spacery z psami")
    apply(client, offer, phone="+48 600 000 123")
    link = path_of(link_from_mail(next(m for m in mail.outbox if m.to == ["ala@example.org"])))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(link, {"action": "withdraw"})
    application = VolunteerApplication.objects.get()

    notices = [m for m in mail.outbox if editor.email in m.to]
    assert len(notices) == 2
    for notice in notices:
        text = notice.subject + notice.body
        for personal in ("Ala", "Próbna", "ala@example.org", "600 000 123"):
            assert personal not in text
        assert f"/admin/volunteering/applications/{application.pk}/" in notice.body
        assert "danych osobowych" in notice.body


@pytest.mark.django_db
def test_bad_input_names_every_field_and_keeps_what_was_typed(client, tree):
    offer = make_offer(tree["first"])
    response = apply(client, offer, email="nie-email", consent=None, is_adult=None)
    assert response.status_code == 400
    doc = html(response)
    summary = doc.select_one(".error-summary").text
    assert "E-mail" in summary or "e-mail" in summary
    assert "zgody" in summary  # consent
    assert "pełnoletnich" in summary or "dorosłych" in summary  # adults only
    assert doc.find("input", {"name": "full_name"})["value"] == "Ala Próbna"
    assert doc.find("textarea", {"name": "message"}).text.strip() == "Chętnie pomogę."
    assert not VolunteerApplication.objects.exists()


@pytest.mark.django_db
def test_a_minor_needs_a_guardian_and_the_minimum_age(client, tree):
    offer = make_offer(tree["first"], minors_allowed=True, minimum_age=13)
    fourteen = TODAY.replace(year=TODAY.year - 14) - datetime.timedelta(days=1)
    response = apply(client, offer, is_adult=None, date_of_birth=fourteen.isoformat())
    assert response.status_code == 400
    errors = html(response).select_one(".error-summary").text
    assert "opiekuna" in errors
    assert not VolunteerApplication.objects.exists()

    ten = TODAY.replace(year=TODAY.year - 10)
    response = apply(
        client,
        offer,
        is_adult=None,
        date_of_birth=ten.isoformat(),
        guardian_name="Opiekun Próbny",
        guardian_consent="on",
    )
    assert response.status_code == 400
    assert "13" in html(response).select_one(".error-summary").text

    response = apply(
        client,
        offer,
        is_adult=None,
        date_of_birth=fourteen.isoformat(),
        guardian_name="Opiekun Próbny",
        guardian_consent="on",
    )
    assert response.status_code == 200
    application = VolunteerApplication.objects.get()
    assert application.is_minor and application.guardian_consent


@pytest.mark.django_db
def test_a_second_application_with_the_same_email_is_refused_kindly(client, tree):
    offer = make_offer(tree["first"])
    assert apply(client, offer).status_code == 200
    response = apply(client, offer, email="ALA@example.org")
    assert response.status_code == 400
    assert "już" in html(response).select_one(".error-summary").text.lower()  # "already"
    assert VolunteerApplication.objects.count() == 1


@pytest.mark.django_db
def test_a_closed_offer_refuses_applications(client, tree):
    offer = make_offer(tree["first"], application_deadline=days(-1))
    response = apply(client, offer)
    assert response.status_code == 409
    assert "termin" in html(response).select_one(".note--closed").text
    assert not VolunteerApplication.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_honeypot_stores_nothing(client, tree):
    offer = make_offer(tree["first"])
    response = apply(client, offer, website="http://spam.example")
    assert response.status_code == 200
    assert not VolunteerApplication.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_rate_limit_per_address(client, tree, settings):
    settings.PORTAL_APPLICATION_RATE = "2/h"
    offer = make_offer(tree["first"])
    assert apply(client, offer, email="a1@example.org").status_code == 200
    assert apply(client, offer, email="a2@example.org").status_code == 200
    response = apply(client, offer, email="a3@example.org")
    assert response.status_code == 429
    assert html(response).find("input", {"name": "email"})["value"] == "a3@example.org"
    assert VolunteerApplication.objects.count() == 2


# The volunteer's link


def link_from_mail(email):
    return re.search(r"https?://\S+/zgloszenie/\?klucz=\S+", email.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db
def test_withdrawing_through_the_link(client, tree):
    editor = editor_of(tree["first"], "koordynator")
    offer = make_offer(tree["first"])
    apply(client, offer)
    link = path_of(link_from_mail(mail.outbox[0]))
    mail.outbox.clear()

    page = client.get(link)
    assert page.status_code == 200
    assert "Ala Próbna" in page.content.decode()
    client.post(link, {"action": "withdraw"})
    application = VolunteerApplication.objects.get()
    assert application.status == VolunteerApplication.Status.WITHDRAWN
    assert any(editor.email in m.to for m in mail.outbox)

    # Withdrawn, the person may apply again.
    assert apply(client, offer).status_code == 200


@pytest.mark.django_db
def test_forged_or_expired_links_change_nothing(client, tree, settings):
    offer = make_offer(tree["first"])
    apply(client, offer)
    link = path_of(link_from_mail(mail.outbox[0]))
    forged = link[:-2] + ("A" if link[-2] != "A" else "B") + link[-1:]
    assert client.post(forged, {"action": "withdraw"}).status_code == 404

    settings.PORTAL_APPLICATION_LINK_MAX_AGE = 0
    response = client.post(link, {"action": "erase"})
    assert response.status_code == 404
    application = VolunteerApplication.objects.get()
    assert application.status == VolunteerApplication.Status.NEW
    assert application.full_name == "Ala Próbna"


@pytest.mark.django_db
def test_the_volunteer_gets_or_erases_their_data(client, tree):
    offer = make_offer(tree["first"])
    apply(client, offer, phone="+48 000 111 222")
    link = path_of(link_from_mail(mail.outbox[0]))
    mail.outbox.clear()

    client.post(link, {"action": "send-data"})
    (copy,) = mail.outbox
    assert copy.to == ["ala@example.org"] and "+48 000 111 222" in copy.body

    response = client.post(link, {"action": "erase"})
    assert response.status_code == 200
    application = VolunteerApplication.objects.get()
    assert application.anonymized_at is not None
    assert "Ala" not in application.full_name and application.phone == ""
    assert application.status == VolunteerApplication.Status.WITHDRAWN
    assert client.get(link).status_code == 404  # the link died with the data


# The organizer's side


@pytest.fixture
def applications(client, tree):
    own = make_offer(tree["first"], title="Oferta pierwszej")
    other = make_offer(tree["second"], title="Oferta drugiej")
    apply(client, own, email="dla-pierwszej@example.org")
    apply(client, other, email="dla-drugiej@example.org")
    cache.clear()
    return {
        "own": VolunteerApplication.objects.get(offer=own),
        "other": VolunteerApplication.objects.get(offer=other),
    }


@pytest.mark.django_db
def test_organizers_see_only_their_own_applications(client, tree, applications):
    editor = editor_of(tree["first"], "pierwsza")
    client.force_login(editor)
    listing = client.get("/admin/volunteering/applications/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "dla-pierwszej@example.org" in text
    assert "dla-drugiej@example.org" not in text

    other = f"/admin/volunteering/applications/{applications['other'].pk}/"
    for response in [
        client.get(other, follow=True),
        client.post(other, {"status": "declined"}, follow=True),
        client.get(other + "porozumienie.pdf", follow=True),
    ]:
        # Not found (Django's locale middleware first redirects a 404 to the /pl/ path).
        assert response.status_code == 404
        assert "dla-drugiej" not in response.content.decode()
    applications["other"].refresh_from_db()
    assert applications["other"].status == "new"

    export = client.get("/admin/volunteering/applications/?export=csv").content.decode()
    assert "dla-pierwszej@example.org" in export and "dla-drugiej" not in export


@pytest.mark.django_db
def test_people_without_an_organization_are_refused(client, tree, applications):
    user = User.objects.create_user("ktos", "ktos@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(user)
    for url in [
        "/admin/volunteering/applications/",
        f"/admin/volunteering/applications/{applications['own'].pk}/",
    ]:
        # Wagtail answers a refused admin view with a redirect to the dashboard.
        response = client.get(url)
        assert response.status_code == 302 and response.url == "/admin/"
        assert "dla-pierwszej" not in client.get(url, follow=True).content.decode()


@pytest.mark.django_db
def test_city_editors_see_all_applications(client, tree, applications):
    user = User.objects.create_user("miasto", "miasto@example.org", "x" * 12)
    user.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(user)
    text = client.get("/admin/volunteering/applications/").content.decode()
    assert "dla-pierwszej@example.org" in text and "dla-drugiej@example.org" in text


@pytest.mark.django_db
def test_accepting_and_the_paperwork(client, tree, applications):
    editor = editor_of(tree["first"], "pierwsza")
    client.force_login(editor)
    own = applications["own"]
    url = f"/admin/volunteering/applications/{own.pk}/"
    # No paperwork before the application is accepted.
    assert client.get(url + "porozumienie.pdf", follow=True).status_code == 404

    mail.outbox.clear()
    response = client.post(
        url,
        {
            "status": "accepted",
            "service_from": days(-30).isoformat(),
            "service_to": days(-1).isoformat(),
            "hours_worked": "24.5",
            "work_description": "Spacery z psami i pomoc w schronisku.",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "accepted" and own.hours_worked == 24.5
    assert mail.outbox[0].to == ["dla-pierwszej@example.org"]  # the volunteer is told

    for name in ("porozumienie.pdf", "zaswiadczenie.pdf"):
        pdf = client.get(url + name)
        assert pdf.status_code == 200
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        # The font with Polish letters is embedded (ReportLab's own fonts lack ą, ę, ł, ż).
        assert b"DejaVuSans" in pdf.content
    if shutil.which("pdftotext"):
        text = _pdf_text(client.get(url + "porozumienie.pdf").content)
        assert "POROZUMIENIE" in text and "Ala Próbna" in text and "Fundacja Cztery Łapy" in text


def _pdf_text(content):
    return subprocess.run(
        [shutil.which("pdftotext"), "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.django_db
def test_an_ngo_editor_adds_offers_beneath_their_own_profile_only(client, tree):
    editor = editor_of(tree["first"], "pierwsza")
    client.force_login(editor)
    own = client.get(f"/admin/pages/add/ngo_volunteering/volunteerofferpage/{tree['first'].pk}/")
    other = client.get(f"/admin/pages/add/ngo_volunteering/volunteerofferpage/{tree['second'].pk}/")
    assert own.status_code == 200
    assert other.status_code in (302, 403)


# Retention


@pytest.mark.django_db
def test_old_applications_are_anonymized_by_the_command(client, tree):
    old = make_offer(tree["first"], start_date=days(-500), end_date=days(-400))
    recent = make_offer(tree["first"])
    for offer, email in [(old, "stara@example.org"), (recent, "nowa@example.org")]:
        VolunteerApplicationFactory(offer=offer, full_name="Osoba Próbna", email=email)

    call_command("anonymize_applications", "--months", "12", "--dry-run", stdout=_Sink())
    assert VolunteerApplication.objects.filter(anonymized_at__isnull=False).count() == 0

    out = _Sink()
    call_command("anonymize_applications", "--months", "12", stdout=out)
    assert "1 applications" in out.text
    old_application = VolunteerApplication.objects.get(offer=old)
    assert old_application.anonymized_at is not None
    assert old_application.email != "stara@example.org"
    assert VolunteerApplication.objects.get(offer=recent).email == "nowa@example.org"


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.mark.django_db
def test_demo_has_offers_across_organizations(client, demo):
    offers = VolunteerOfferPage.objects.filter(locale__language_code="pl").live()
    assert offers.count() >= 5
    assert offers.exclude(organization=None).values("organization").distinct().count() >= 3
    index = offers.first().get_parent()
    response = client.get("/pl/wolontariat/")
    assert response.status_code == 200
    assert html(response).select(".card--offer")
    assert client.get("/en/volunteering/").status_code == 200
    assert index is not None


@pytest.mark.django_db
def test_offers_are_found_by_the_portal_search_in_any_word_form(client, tree):
    make_offer(
        tree["first"],
        title="Spacery z psami ze schroniska",
        tasks="Wyprowadzanie psów na spacery.",
        areas=[area("ekologia-i-ochrona-zwierzat")],
    )
    response = client.get("/pl/szukaj/", {"q": "schronisku"})
    titles = [a.get_text() for a in html(response).select(".search-result__title a")]
    assert any("schroniska" in title for title in titles)
    types = html(response).select("[data-facet=type] label")
    assert any("oferta wolontariatu" in label.get_text().lower() for label in types)


@pytest.mark.django_db
def test_an_application_nobody_would_read_reaches_the_profile_address_then_the_city(
    client, tree, site, settings
):
    from pages.models import OfficeSettings

    # The second organization has no editor account, and the offer no contact address.
    lonely = tree["second"]
    offer = make_offer(lonely, title="Sprzątanie parku", contact_email="")
    apply(client, offer)
    notice = next(
        m for m in mail.outbox if "Sprzątanie parku" in m.subject and m.to != ["ala@example.org"]
    )
    assert notice.to == [lonely.email]

    mail.outbox.clear()
    lonely.email = ""
    lonely.save()
    office = OfficeSettings.for_site(site)
    office.email = "ngo@urzad.example.org"
    office.save()
    apply(client, offer, email="ola@example.org")
    notice = next(m for m in mail.outbox if m.to != ["ola@example.org"])
    assert notice.to == ["ngo@urzad.example.org"]


@pytest.mark.django_db
def test_city_editors_see_applications_nobody_answered_for_a_week(client, tree):
    offer = make_offer(tree["second"], title="Sprzątanie parku")
    apply(client, offer)
    application = VolunteerApplication.objects.get()
    VolunteerApplication.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    city = User.objects.create_user("miasto", "miasto@example.org", "x" * 12)
    city.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    client.force_login(city)
    panel = html(client.get("/admin/")).select_one("#unanswered-applications-heading")
    assert panel is not None and "ponad 7 dni" in panel.text
    assert "Sprzątanie parku" in panel.find_parent("section").text

    # An NGO editor's dashboard does not list other organizations' waiting applications.
    client.force_login(editor_of(tree["first"], "koordynatorka"))
    assert html(client.get("/admin/")).select_one("#unanswered-applications-heading") is None

    # Answered (or recent) applications are not listed.
    client.force_login(city)
    VolunteerApplication.objects.filter(pk=application.pk).update(status="accepted")
    assert html(client.get("/admin/")).select_one("#unanswered-applications-heading") is None


@pytest.mark.django_db
def test_the_paperwork_and_consent_read_as_correct_polish(client, tree, applications):
    # "przez Fundacja ...", "zwanym dalej" for a fundacja and "24.5 godzin" were wrong Polish:
    # the organization's name now stands alone in the nominative, hours in Polish numbers.
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    own = applications["own"]
    assert "Organizator tej oferty: Fundacja Cztery Łapy." in own.consent_text
    assert "przez Fundacja" not in own.consent_text
    own.status = "accepted"
    own.hours_worked = 24.5
    own.service_from, own.service_to = days(-30), days(-1)
    own.save()
    client.force_login(editor_of(tree["first"], "pierwsza"))
    url = f"/admin/volunteering/applications/{own.pk}/"
    certificate = " ".join(_pdf_text(client.get(url + "zaswiadczenie.pdf").content).split())
    assert "w łącznym wymiarze 24,5 godziny" in certificate
    assert "Korzystający (organizator): Fundacja Cztery Łapy." in certificate
    assert "na rzecz Fundacja" not in certificate
    agreement = " ".join(_pdf_text(client.get(url + "porozumienie.pdf").content).split())
    assert "zwanym" not in agreement and "reprezentowany" not in agreement
    assert "(dalej: Korzystający)" in agreement


@pytest.mark.django_db
def test_a_ukrainian_volunteer_gets_the_offer_title_in_ukrainian(client, tree, homes):
    offer = make_offer(tree["first"], title="Spacery z psami")
    ukrainian = offer.copy_for_translation(homes["uk"].locale, copy_parents=True)
    ukrainian.title = "Прогулянки з собаками"
    publish_page(ukrainian)
    apply(client, ukrainian)
    to_volunteer = next(m for m in mail.outbox if m.to == ["ala@example.org"])
    assert "Прогулянки з собаками" in to_volunteer.subject
    assert "Прогулянки з собаками" in to_volunteer.body
    assert "Spacery z psami" not in to_volunteer.subject + to_volunteer.body
