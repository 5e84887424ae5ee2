"""District councils: the list of councils, a council's page with its district's events, offers,
initiatives, premises and organizations (only that district's, only live and public ones, in the
reader's language), one council per district and language, refused to NGO editors, and a page
whose number of queries does not grow with what its sections hold."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages import district_sections
from pages.district_councils.models import DistrictCouncilIndexPage, DistrictCouncilPage
from pages.initiatives.models import LocalInitiative, LocalInitiativePage
from pages.premises.models import PremisesIndexPage, PremisesPage
from tests.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.factories import OrganizationPageFactory, area, district, locale
from tests.helpers import html
from tests.volunteering.factories import VolunteerOfferIndexPageFactory, VolunteerOfferPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(homes):
    page = DistrictCouncilIndexPage(title="Rady osiedli", slug="rady-osiedli")
    homes["pl"].add_child(instance=page)
    page.save_revision().publish()
    return page


def council(index, slug="jezyce", title=None, **fields):
    term = district(slug, index.locale.language_code)
    fields = {
        "seat": "ul. Przykładowa 1, Poznań",
        "duty_hours": "wtorki 17:00-19:00",
        "email": f"rada.{slug}@example.org",
        **fields,
    }
    page = DistrictCouncilPage(
        title=title or f"Rada Osiedla {term.name}", slug=f"rada-{slug}", district=term, **fields
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def jezyce(councils):
    return council(councils, lead="Budżet osiedla i dyżury radnych.")


@pytest.fixture
def places(homes, ngo_directory):
    """The other families' pages: a calendar, a list of offers, premises, local initiative."""
    calendar = CalendarPageFactory(parent=homes["pl"])
    offers = VolunteerOfferIndexPageFactory(parent=homes["pl"])
    premises = PremisesIndexPage(title="Lokale", slug="lokale")
    homes["pl"].add_child(instance=premises)
    initiatives = LocalInitiativePage(
        title="Inicjatywa lokalna", slug="inicjatywa-lokalna", criteria="<p>Kryteria.</p>"
    )
    homes["pl"].add_child(instance=initiatives)
    return {
        "calendar": calendar,
        "offers": offers,
        "premises": premises,
        "initiatives": initiatives,
        "directory": ngo_directory,
    }


def in_days(days, hour=17):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def event(places, title, slug="jezyce", days=7, **fields):
    return EventPageFactory(
        parent=places["calendar"],
        title=title,
        start=in_days(days),
        district=district(slug),
        **fields,
    )


def offer(places, title, slug="jezyce", **fields):
    return VolunteerOfferPageFactory(
        parent=places["offers"], title=title, district=district(slug), **fields
    )


def premises_unit(places, title, slug="jezyce", **fields):
    unit = PremisesPage(
        title=title,
        address="ul. Lokalowa 3",
        floor_area="40.00",
        rent="5 zł/m²",
        district=district(slug),
        **fields,
    )
    places["premises"].add_child(instance=unit)
    return unit


def initiative(title, slug="jezyce", status="accepted"):
    today = timezone.localdate()
    return LocalInitiative.objects.create(
        title=title,
        group_name="Sąsiedzi",
        area=area("kultura-i-sztuka"),
        district=district(slug),
        description="Opis.",
        starts_on=today,
        ends_on=today,
        city_support="Zgoda na teren.",
        contact_name="Osoba Kontaktowa",
        contact_email="kontakt@example.org",
        status=status,
    )


def organization(places, title, slugs=("jezyce",), **fields):
    return OrganizationPageFactory(
        parent=places["directory"],
        title=title,
        districts=[district(slug) for slug in slugs],
        **fields,
    )


def section_texts(response):
    doc = html(response)
    return {
        section["class"][-1].removeprefix("district-section--"): [
            li.get_text(" ", strip=True) for li in section.select("li")
        ]
        for section in doc.select("section.district-section")
    }


def test_a_council_shows_only_its_districts_live_public_and_upcoming_items(client, jezyce, places):
    event(places, "Festyn na Jeżycach")
    event(places, "Festyn, który już był", days=-3)
    event(places, "Festyn na Wildzie", slug="wilda")
    weekly = event(places, "Dyżur radnych", days=1, frequency="WEEKLY", count=4)
    weekly.save_revision().publish()
    offer(places, "Sprzątanie parku")
    offer(places, "Szkic oferty", live=False)
    offer(
        places,
        "Oferta po terminie",
        application_deadline=timezone.localdate() - datetime.timedelta(1),
    )
    offer(places, "Oferta z Wildy", slug="wilda")
    premises_unit(places, "Lokal przy Rynku Jeżyckim")
    premises_unit(places, "Lokal wynajęty", status="rented")
    premises_unit(places, "Lokal na Wildzie", slug="wilda")
    initiative("Zielone podwórko")
    initiative("Inicjatywa jeszcze nieoceniona", status="submitted")
    initiative("Inicjatywa z Wildy", slug="wilda")
    organization(places, "Stowarzyszenie Jeżyckie")
    organization(places, "Fundacja z Wildy", slugs=("wilda",))
    hidden = organization(places, "Fundacja Ukryta")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")

    response = client.get(jezyce.url)
    assert response.status_code == 200
    sections = section_texts(response)
    assert list(sections) == [
        "events",
        "volunteer_offers",
        "initiatives",
        "premises",
        "organizations",
    ]
    # A repeating event once, at its next date.
    assert [text.split(" — ")[0] for text in sections["events"]] == [
        "Dyżur radnych",
        "Festyn na Jeżycach",
    ]
    assert [text.split(" — ")[0] for text in sections["volunteer_offers"]] == ["Sprzątanie parku"]
    assert [text.split(" — ")[0] for text in sections["initiatives"]] == ["Zielone podwórko"]
    assert [text.split(" — ")[0] for text in sections["premises"]] == ["Lokal przy Rynku Jeżyckim"]
    assert sections["organizations"] == ["Stowarzyszenie Jeżyckie"]
    doc = html(response)
    assert doc.select_one("a[href='mailto:rada.jezyce@example.org']")
    assert "wtorki 17:00-19:00" in doc.select_one("dl.facts").text
    link = doc.select_one(".district-section--initiatives a")["href"]
    assert client.get(link).status_code == 200


def test_the_list_shows_each_council_with_its_district_and_filters_by_text(client, councils):
    council(councils, lead="Budżet osiedla i dyżury radnych.")
    council(councils, "wilda", lead="Zielone podwórka.")
    draft = council(councils, "rataje")
    draft.unpublish()

    def cards(**params):
        doc = html(client.get(councils.url, params))
        return [
            (card.select_one(".card__title").text, card.select_one(".card__meta").text)
            for card in doc.select(".district-council")
        ]

    assert cards() == [
        ("Rada Osiedla Jeżyce", "Dzielnica: Jeżyce"),
        ("Rada Osiedla Wilda", "Dzielnica: Wilda"),
    ]
    assert cards(q="podwórka") == [("Rada Osiedla Wilda", "Dzielnica: Wilda")]
    assert cards(q="jeżyce") == [("Rada Osiedla Jeżyce", "Dzielnica: Jeżyce")]
    response = client.get(councils.url, {"q": "<b>nic</b>"})
    assert "Żadna rada osiedla" in response.content.decode()
    assert html(response).select_one("#councils-q")["value"] == "<b>nic</b>"
    assert "<b>nic</b>" not in response.content.decode()


def test_one_council_per_district_and_language(client, city_editor, councils, jezyce, homes):
    client.force_login(city_editor)
    url = f"/admin/pages/add/ngo_district_councils/districtcouncilpage/{councils.pk}/"
    data = nested_form_data(
        {
            "title": "Druga rada Jeżyc",
            "slug": "druga-rada",
            "district": district("jezyce").pk,
            "seat": "ul. Inna 2",
            "body": streamfield([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "już ma stronę rady" in response.content.decode()
    assert html(response).select_one("input[name=title]")["value"] == "Druga rada Jeżyc"
    assert DistrictCouncilPage.objects.count() == 1

    data["district"] = district("wilda").pk
    data["slug"] = "rada-wilda"
    assert client.post(url, data).status_code == 302
    assert DistrictCouncilPage.objects.filter(slug="rada-wilda").exists()

    # The English tree has a council page of its own for the same district, but one only.
    english = jezyce.copy_for_translation(locale("en"), copy_parents=True)
    english.full_clean()
    english.save_revision().publish()
    wilda = DistrictCouncilPage.objects.get(slug="rada-wilda")
    wilda.save_revision().publish()
    english_wilda = wilda.copy_for_translation(locale("en"))
    english_wilda.full_clean()
    english_wilda.district = district("jezyce", "en")
    with pytest.raises(ValidationError) as refused:
        english_wilda.full_clean()
    assert list(refused.value.message_dict) == ["district"]


def test_an_ngo_editor_can_neither_add_nor_edit_council_pages(client, editor_a, councils, jezyce):
    client.force_login(editor_a)
    add = f"/admin/pages/add/ngo_district_councils/districtcouncilpage/{councils.pk}/"
    edit = f"/admin/pages/{jezyce.pk}/edit/"
    for url in (add, edit):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Rada Osiedla Jeżyce" not in response.content.decode()
    response = client.post(
        edit,
        nested_form_data(
            {
                "title": "Przejęta",
                "slug": jezyce.slug,
                "district": jezyce.district_id,
                "seat": "x",
                "body": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )
    assert response.status_code in (302, 403)
    jezyce.refresh_from_db()
    assert jezyce.title == "Rada Osiedla Jeżyce"
    assert not DistrictCouncilPage.objects.exclude(pk=jezyce.pk).exists()


def test_text_is_escaped(client, councils):
    page = council(
        councils,
        lead="<script>alert('lead')</script>",
        seat="<img src=x onerror=alert(1)>",
        members="Przewodnicząca <b>rady</b>\n<script>alert('x')</script>",
    )
    body = client.get(page.url).content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>rady</b>" not in body
    assert "&lt;script&gt;alert(&#x27;lead&#x27;)&lt;/script&gt;" in body
    roles = [li.text for li in html(client.get(page.url)).select("#council-members + ul li")]
    assert roles == ["Przewodnicząca <b>rady</b>", "<script>alert('x')</script>"]


def test_the_english_page_shows_english_items_where_they_exist(client, jezyce, places, homes):
    english_council = jezyce.copy_for_translation(locale("en"), copy_parents=True)
    english_council.title = "Jeżyce District Council"
    english_council.save_revision().publish()
    translated = organization(places, "Stowarzyszenie Przetłumaczone")
    organization(places, "Fundacja Tylko Po Polsku")
    english = translated.copy_for_translation(locale("en"), copy_parents=True)
    english.title = "The Translated Association"
    english.save_revision().publish()
    translated_offer = offer(places, "Sprzątanie parku")
    english_offer = translated_offer.copy_for_translation(locale("en"), copy_parents=True)
    english_offer.title = "Cleaning the park"
    english_offer.save_revision().publish()

    response = client.get(english_council.url)
    assert response.status_code == 200
    sections = section_texts(response)
    assert sections["organizations"] == ["Fundacja Tylko Po Polsku", "The Translated Association"]
    assert [text.split(" — ")[0] for text in sections["volunteer_offers"]] == ["Cleaning the park"]
    doc = html(response)
    assert doc.select_one("#district-organizations").text == "Organizations active in the district"
    # The Polish page keeps the Polish titles.
    polish = section_texts(client.get(jezyce.url))
    assert "Stowarzyszenie Przetłumaczone" in polish["organizations"]


def test_the_page_works_without_the_other_families(client, jezyce, places, monkeypatch):
    member = organization(places, "Stowarzyszenie Jeżyckie")
    offer(places, "Sprzątanie parku")
    # A city that installs the directory alone: no calendar, volunteering, initiatives, premises.
    kept = {k: v for k, v in district_sections._sections.items() if k == "organizations"}
    monkeypatch.setattr(district_sections, "_sections", kept)
    response = client.get(jezyce.url)
    assert response.status_code == 200
    assert list(section_texts(response)) == ["organizations"]
    member.unpublish()
    response = client.get(jezyce.url)
    assert not html(response).select("section.district-section")
    assert "Nic nie jest teraz opublikowane dla osiedla Jeżyce." in response.content.decode()


def test_the_queries_of_a_council_page_do_not_grow_with_its_sections(client, jezyce, places):
    def fill(first, count):
        for number in range(first, first + count):
            event(places, f"Wydarzenie {number}", days=number + 1)
            offer(places, f"Oferta {number}")
            premises_unit(places, f"Lokal {number}").save_revision().publish()
            initiative(f"Inicjatywa {number}")
            organization(places, f"Organizacja {number}")

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(jezyce.url)
        assert response.status_code == 200
        return len(captured.captured_queries), section_texts(response)

    fill(0, 2)
    client.get(jezyce.url)  # the site's settings rows are made on a first visit
    small, sections = count()
    assert all(len(items) == 2 for items in sections.values()), sections
    fill(2, 8)
    large, sections = count()
    assert all(len(items) == 5 for items in sections.values()), sections
    assert large == small


def test_an_organizations_profile_links_the_councils_of_its_districts(client, jezyce, places):
    member = organization(places, "Stowarzyszenie Jeżyckie", slugs=("jezyce", "wilda"))
    doc = html(client.get(member.url))
    links = doc.select("#district-councils-heading + ul a")
    assert [(a.text, a["href"]) for a in links] == [("Rada Osiedla Jeżyce", jezyce.url)]
    elsewhere = organization(places, "Fundacja z Wildy", slugs=("wilda",))
    assert not html(client.get(elsewhere.url)).select("#district-councils-heading")


def test_the_footer_links_the_list_of_councils(client, councils, homes):
    doc = html(client.get(homes["pl"].url))
    assert doc.select_one("#footer-district + ul a")["href"] == councils.url


def test_page_rules():
    from pages.models import HomePage

    assert DistrictCouncilIndexPage.can_create_at(HomePage())
    assert DistrictCouncilPage.parent_page_types == [
        "ngo_district_councils.DistrictCouncilIndexPage"
    ]
    assert not DistrictCouncilPage.can_create_at(HomePage())


def test_the_portal_search_finds_a_council_by_the_word_district(client, councils, settings):
    settings.PORTAL_SEARCH = {**settings.PORTAL_SEARCH, "ELASTICSEARCH_URL": None}
    council(councils, "wilda", title="Rada Wildy", seat="ul. Przykładowa 1")
    doc = html(client.get("/pl/szukaj/", {"q": "osiedle"}))
    assert "Rada Wildy" in [a.get_text() for a in doc.select(".search-result__title a")]
