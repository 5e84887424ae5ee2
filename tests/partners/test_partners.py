"""Business partners: a filterable listing, profiles that never show the partner's address, and
partnership requests NGOs' editors send through the portal; refused from every side that must
be refused."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from pages.partners.models import PartnerPage, PartnershipRequest, PartnersIndexPage
from tests.factories import area
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()
SECRET = "partnerstwa-ukryty@example.org"


@pytest.fixture
def index(homes):
    page = PartnersIndexPage(title="Partnerzy biznesowi", slug="partnerzy")
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def partner(index, title="Drukarnia Przykładowa", **fields):
    fields = {"lead": "Drukujemy ulotki.", "contact_email": SECRET, **fields}
    page = PartnerPage(title=title, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def printer(index):
    page = partner(index, offers_pro_bono=True, offers_in_kind=True)
    page.areas.add(area("kultura-i-sztuka"))
    return page


def write(client, page, organization, **overrides):
    data = {
        "organization": organization.pk,
        "help_kind": "pro_bono",
        "message": "Potrzebujemy 500 ulotek.",
    }
    data.update(overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "napisz/", data)


def names(client, index, **params):
    return [h.text for h in html(client.get(index.url, params)).select(".partner .card__title")]


def test_the_listing_filters_by_offer_kind_and_area(client, index, printer):
    partner(index, title="Uniwersytet Wzorcowy", partner_kind="science", offers_volunteering=True)
    assert names(client, index) == ["Drukarnia Przykładowa", "Uniwersytet Wzorcowy"]
    assert names(client, index, oferuje="pro_bono") == ["Drukarnia Przykładowa"]
    assert names(client, index, oferuje="volunteering") == ["Uniwersytet Wzorcowy"]
    assert names(client, index, rodzaj="science") == ["Uniwersytet Wzorcowy"]
    assert names(client, index, obszar="kultura-i-sztuka") == ["Drukarnia Przykładowa"]
    # Unknown values are ignored, not errors.
    assert len(names(client, index, oferuje="<x>", obszar="nic")) == 2


def test_the_partners_address_is_never_shown(client, index, printer):
    for url in (index.url, printer.url, f"/api/v2/pages/{printer.pk}/", "/pl/szukaj/?q=Drukarnia"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url
    offers = [li.text for li in html(client.get(printer.url)).select(".partner__offers li")]
    assert offers == ["Praca pro bono", "Wsparcie rzeczowe"]


def test_an_ngo_editor_writes_and_the_partner_gets_it_with_reply_to(
    client, printer, editor_a, org_a
):
    client.force_login(editor_a)
    response = write(client, printer, org_a)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    (message,) = mail.outbox
    assert message.to == [SECRET] and message.reply_to == ["alfa@example.org"]
    assert "Stowarzyszenie Alfa" in message.subject
    assert "Potrzebujemy 500 ulotek." in message.body and org_a.get_full_url() in message.body
    sent = PartnershipRequest.objects.get()
    assert (sent.partner, sent.organization, sent.sender) == (printer, org_a, editor_a)


def test_a_second_request_within_30_days_is_refused_and_keeps_the_text(
    client, printer, editor_a, org_a
):
    client.force_login(editor_a)
    write(client, printer, org_a)
    response = write(client, printer, org_a, message="Jeszcze raz piszemy.")
    assert response.status_code == 409
    page = html(response)
    assert "30" in page.select_one(".error-summary").text
    assert page.select_one("textarea[name=message]").text.strip() == "Jeszcze raz piszemy."
    assert PartnershipRequest.objects.count() == 1 and len(mail.outbox) == 1


def test_only_what_the_partner_offers_can_be_asked_for(client, printer, editor_a, org_a):
    client.force_login(editor_a)
    assert write(client, printer, org_a, help_kind="sponsorship").status_code == 400
    assert not PartnershipRequest.objects.exists() and mail.outbox == []


def test_writing_is_refused_to_anonymous_others_and_for_another_organization(
    client, printer, org_b, editor_a
):
    response = client.get(printer.url + "napisz/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(User.objects.create_user("resident", "r@example.org", "pass"))
    assert client.get(printer.url + "napisz/").status_code == 403
    client.force_login(editor_a)
    assert write(client, printer, org_b).status_code == 400  # not their organization
    assert not PartnershipRequest.objects.exists() and mail.outbox == []


def test_writing_needs_the_csrf_token(printer, editor_a, org_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    response = client.post(
        printer.url + "napisz/",
        {"organization": org_a.pk, "help_kind": "pro_bono", "message": "x"},
    )
    assert response.status_code == 403 and not PartnershipRequest.objects.exists()


def test_the_city_reads_the_requests_and_an_ngo_editor_does_not(
    client, printer, editor_a, org_a, city_editor
):
    client.force_login(editor_a)
    write(client, printer, org_a)
    sent = PartnershipRequest.objects.get()
    for url in ("/admin/partners/requests/", f"/admin/partners/requests/inspect/{sent.pk}/"):
        assert client.get(url).status_code in (302, 403), url
    client.force_login(city_editor)
    listing = client.get("/admin/partners/requests/")
    assert listing.status_code == 200 and "Stowarzyszenie Alfa" in listing.content.decode()
    inspect = client.get(f"/admin/partners/requests/inspect/{sent.pk}/")
    assert "Potrzebujemy 500 ulotek." in inspect.content.decode()
    # Read, not rewritten: the city cannot change what an NGO sent.
    assert client.get(f"/admin/partners/requests/edit/{sent.pk}/").status_code in (302, 403)


def test_the_listing_costs_the_same_queries_at_two_sizes(client, index):
    def queries():
        client.get(index.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(index.url).status_code == 200
        return len(captured)

    for number in range(3):
        partner(index, title=f"Firma {number}", offers_pro_bono=True).areas.add(area("seniorzy"))
    small = queries()
    for number in range(3, 20):
        partner(index, title=f"Firma {number}", offers_pro_bono=True).areas.add(area("seniorzy"))
    assert queries() == small


def test_page_rules(homes, index, printer):
    from pages.models import HomePage

    assert PartnersIndexPage.allowed_parent_page_models() == [HomePage]
    assert not PartnersIndexPage.can_create_at(homes["pl"])  # one listing per language
    assert PartnerPage.allowed_parent_page_models() == [PartnersIndexPage]
    assert PartnerPage.allowed_subpage_models() == []


def test_the_demo_partners_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "partners"])
    languages = sorted({page.locale.language_code for page in PartnersIndexPage.objects.live()})
    assert languages == ["en", "pl", "uk"]
    assert PartnerPage.objects.live().filter(locale__language_code="uk").count() == 2
    english = PartnerPage.objects.live().filter(locale__language_code="en").first()
    assert english.contact_email.endswith("@example.org")  # synchronized from the Polish page
