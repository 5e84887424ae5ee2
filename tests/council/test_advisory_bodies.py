"""Advisory bodies beyond the council (issue 24, item 3): a Civic Dialogue Commission with its
members by term, its meetings in the calendar and the iCal feed, its resolutions and opinions by
year; the bodies' list (the council first); the query counts of both pages; who may edit them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pages.council.models import (
    AdvisoryBodyIndexPage,
    AdvisoryBodyMeeting,
    AdvisoryBodyMember,
    AdvisoryBodyPage,
    AdvisoryBodyResolution,
    AdvisoryBodyTerm,
)
from tests.calendar.factories import CalendarPageFactory
from tests.council.factories import AdvisoryBodyIndexPageFactory, AdvisoryBodyPageFactory
from tests.helpers import form_values, html

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
THIS_YEAR = TODAY.year


def publish(page):
    page.save_revision().publish()
    return AdvisoryBodyPage.objects.get(pk=page.pk)


@pytest.fixture
def index(homes):
    return AdvisoryBodyIndexPageFactory(parent=homes["pl"])


@pytest.fixture
def kdo(index, org_a, org_b):
    page = AdvisoryBodyPageFactory(
        parent=index,
        title="KDO ds. Polityki Społecznej",
        slug="kdo-spoleczna",
        kind="commission",
        theme="polityka społeczna",
        legal_basis="zarządzenie Prezydenta nr 1/2026",
    )
    current = AdvisoryBodyTerm.objects.create(
        page=page,
        name="obecna",
        starts_on=TODAY - datetime.timedelta(days=300),
        ends_on=TODAY + datetime.timedelta(days=700),
    )
    past = AdvisoryBodyTerm.objects.create(
        page=page,
        name="poprzednia",
        starts_on=TODAY - datetime.timedelta(days=1500),
        ends_on=TODAY - datetime.timedelta(days=301),
    )
    AdvisoryBodyMember.objects.create(
        page=page, term=current, name="Alicja Obecna", role="chair", organization=org_a
    )
    AdvisoryBodyMember.objects.create(
        page=page, term=current, name="Bartosz Miejski", side="city", role="secretary"
    )
    AdvisoryBodyMember.objects.create(
        page=page, term=past, name="Celina Dawna", role="chair", organization=org_b
    )
    AdvisoryBodyMeeting.objects.create(
        page=page,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        place="Sala Dialogu",
        agenda="Opinia o programie pomocy seniorom.",
    )
    AdvisoryBodyResolution.objects.create(
        page=page,
        number=f"3/{THIS_YEAR}",
        adopted_on=datetime.date(THIS_YEAR, 1, 10),
        title="w sprawie planu pracy",
    )
    AdvisoryBodyResolution.objects.create(
        page=page,
        kind="opinion",
        status="with_remarks",
        number=f"7/{THIS_YEAR - 1}",
        adopted_on=datetime.date(THIS_YEAR - 1, 6, 1),
        title="o projekcie programu senioralnego",
    )
    return publish(page)


def members_of(doc):
    return [
        " ".join(row.get_text(" ").split())
        for row in doc.select("#members-heading ~ table tbody tr")
    ]


def test_the_index_lists_the_council_first_then_the_commissions(client, index, kdo):
    publish(AdvisoryBodyPageFactory(parent=index, title="Rada Pożytku", slug="rada"))
    publish(
        AdvisoryBodyPageFactory(
            parent=index, title="KDO ds. Kultury", slug="kdo-kultura", kind="commission"
        )
    )
    doc = html(client.get(index.url))
    titles = [a.text for a in doc.select(".advisory-body .card__title a")]
    assert titles == ["Rada Pożytku", "KDO ds. Kultury", "KDO ds. Polityki Społecznej"]
    cards = [" ".join(card.get_text(" ").split()) for card in doc.select(".advisory-body")]
    assert "Komisja Dialogu Obywatelskiego · polityka społeczna" in cards[2]
    assert "Najbliższe posiedzenie" in cards[2]
    assert "Nie zaplanowano posiedzenia" in cards[0]


def test_a_commission_shows_the_current_terms_members_and_keeps_the_past_term(client, kdo, org_a):
    doc = html(client.get(kdo.url))
    assert "Komisja Dialogu Obywatelskiego" in doc.select_one("h1 + .card__meta").text
    assert "zarządzenie Prezydenta nr 1/2026" in doc.select_one(".legal-basis").text
    assert "(kadencja obecna)" in doc.select_one("#members-heading").text
    current = [
        " ".join(row.get_text(" ").split())
        for row in doc.select("#members-heading + table tbody tr")
    ]
    assert current == [
        "Alicja Obecna przewodniczący Stowarzyszenie Alfa",
        "Bartosz Miejski sekretarz Miasto",
    ]
    assert doc.select_one("#members-heading + table a")["href"] == org_a.url
    past = doc.select_one("details.past-term")
    assert "poprzednia" in past.summary.text
    assert "Celina Dawna" in past.text and "Alicja Obecna" not in past.text


def test_a_commissions_meetings_are_in_the_calendar_and_its_ical_feed(client, homes, kdo):
    calendar = CalendarPageFactory(parent=homes["pl"])
    listing = client.get(calendar.url).content.decode()
    assert "KDO ds. Polityki Społecznej" in listing and "Sala Dialogu" in listing
    found = client.get(calendar.url, {"q": "seniorom"}).content.decode()
    assert "Sala Dialogu" in found
    feed = client.get(f"{calendar.url}ical/")
    body = (b"".join(feed.streaming_content) if feed.streaming else feed.content).decode()
    assert "KDO ds. Polityki Społecznej" in body and "Sala Dialogu" in body
    # The body's page links each coming meeting to its day in the calendar.
    link = html(client.get(kdo.url)).select_one(".meeting__calendar")["href"]
    assert link.startswith(calendar.url + "?from=")
    assert "Sala Dialogu" in client.get(link).content.decode()
    other_days = client.get(calendar.url, {"from": "2000-01-01", "to": "2000-01-02"})
    assert "Sala Dialogu" not in other_days.content.decode()
    # Unpublished, the commission leaves the calendar.
    kdo.unpublish()
    assert "Sala Dialogu" not in client.get(calendar.url).content.decode()


def test_resolutions_and_opinions_are_listed_and_filtered_by_year(client, kdo):
    def listed(**params):
        doc = html(client.get(kdo.url, params))
        return [" ".join(li.get_text(" ").split()) for li in doc.select("li.resolution")]

    everything = listed()
    assert len(everything) == 2
    assert everything[0].startswith(f"Uchwała 3/{THIS_YEAR} z dnia")
    assert everything[0].endswith("w sprawie planu pracy przyjęta")
    assert everything[1].startswith(f"Opinia 7/{THIS_YEAR - 1}")
    assert everything[1].endswith("z uwagami")
    assert listed(year=THIS_YEAR - 1) == everything[1:]
    assert listed(year=THIS_YEAR) == everything[:1]
    # A year without resolutions, or not a year at all, shows them all.
    assert listed(year="1999") == everything
    assert listed(year="<script>") == everything
    years = html(client.get(kdo.url)).select(".year-filter a")
    assert [a.text for a in years] == ["Wszystkie lata", str(THIS_YEAR), str(THIS_YEAR - 1)]


def test_an_opinion_has_an_opinions_status_and_a_term_an_end_after_its_start(kdo):
    opinion = AdvisoryBodyResolution(
        page=kdo, kind="opinion", status="adopted", number="1", adopted_on=TODAY, title="X"
    )
    with pytest.raises(ValidationError) as refused:
        opinion.full_clean()
    assert "status" in refused.value.message_dict
    member = AdvisoryBodyMember(page=kdo, name="Ktoś", side="organization")
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert "organization" in refused.value.message_dict


def test_text_is_escaped(client, kdo):
    kdo.theme = "<script>alert('x')</script>"
    kdo.save_revision().publish()
    body = client.get(kdo.url).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_the_index_costs_the_same_queries_with_two_and_with_six_bodies(client, index):
    def queries_with(count):
        for n in range(count - AdvisoryBodyPage.objects.child_of(index).count()):
            page = AdvisoryBodyPageFactory(
                parent=index, title=f"KDO {count}-{n}", slug=f"kdo-{count}-{n}", kind="commission"
            )
            AdvisoryBodyMeeting.objects.create(
                page=page, starts_at=timezone.now() + datetime.timedelta(days=n + 1), place="S"
            )
            publish(page)
        client.get(index.url)  # caches warmed alike for both sizes
        with CaptureQueriesContext(connection) as queries:
            assert len(html(client.get(index.url)).select(".advisory-body")) == count
        return len(queries)

    assert queries_with(2) == queries_with(6)


def test_a_body_page_costs_the_same_queries_with_two_and_with_six_of_each(
    client, homes, kdo, ngo_directory
):
    from tests.factories import OrganizationPageFactory

    CalendarPageFactory(parent=homes["pl"])
    term = kdo.terms.get(name="obecna")

    def queries_with(count):
        for n in range(count - kdo.members.filter(term=term).count()):
            organization = OrganizationPageFactory(parent=ngo_directory, title=f"Klub {count}-{n}")
            AdvisoryBodyMember.objects.create(
                page=kdo, term=term, name=f"Osoba {count}-{n}", organization=organization
            )
        for n in range(count - kdo.meetings.count()):
            AdvisoryBodyMeeting.objects.create(
                page=kdo, starts_at=timezone.now() + datetime.timedelta(days=n + 1), place="S"
            )
        for n in range(count - kdo.resolutions.count()):
            AdvisoryBodyResolution.objects.create(
                page=kdo, number=f"{count}-{n}", adopted_on=TODAY, title="T"
            )
        client.get(kdo.url)
        with CaptureQueriesContext(connection) as queries:
            doc = html(client.get(kdo.url))
        assert len(doc.select("#members-heading + table tbody tr")) == count
        assert len(doc.select("li.resolution")) == count
        assert len(doc.select(".meeting__calendar")) == count
        return len(queries)

    assert queries_with(2) == queries_with(6)


def test_a_city_editor_edits_a_commission_and_chooses_only_its_own_terms(
    client, city_editor, index, kdo
):
    other = AdvisoryBodyPageFactory(parent=index, title="KDO ds. Kultury", slug="kdo-kultura")
    foreign = AdvisoryBodyTerm.objects.create(
        page=other, name="obca", starts_on=TODAY, ends_on=TODAY
    )
    client.force_login(city_editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[kdo.pk])
    form = client.get(edit_url)
    assert form.status_code == 200
    choices = [o.text for o in html(form).select("#id_members-0-term option")]
    assert "obca" not in choices and {"obecna", "poprzednia"} <= set(choices)

    data = form_values(form, "page-edit-form")
    data["action-publish"] = ["publish"]
    data["members-0-term"] = [str(foreign.pk)]
    refused = client.post(edit_url, data)
    assert refused.status_code == 200
    assert html(refused).select_one("#id_theme")["value"] == "polityka społeczna"

    data["members-0-term"] = [str(kdo.terms.get(name="poprzednia").pk)]
    data["theme"] = ["pomoc społeczna"]
    response = client.post(edit_url, data)
    assert response.status_code == 302, html(response).select(".error-message")
    kdo.refresh_from_db()
    assert kdo.theme == "pomoc społeczna"
    first = kdo.members.get(pk=int(data["members-0-id"][0]))
    assert first.term.name == "poprzednia"


def test_an_ngo_editor_and_anonymous_cannot_edit_or_add_a_body(client, editor_a, index, kdo):
    edit_url = reverse("wagtailadmin_pages:edit", args=[kdo.pk])
    add_url = reverse("wagtailadmin_pages:add", args=["ngo_council", "advisorybodypage", index.pk])
    for url in (edit_url, add_url):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(editor_a)
    for url in (edit_url, add_url):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Alicja Obecna" not in response.content.decode()
    response = client.post(edit_url, {"title": "Przejęta", "slug": kdo.slug})
    assert response.status_code in (302, 403)
    kdo.refresh_from_db()
    assert kdo.title == "KDO ds. Polityki Społecznej"


def test_the_demo_has_the_council_and_two_commissions_in_three_languages(client, demo):
    for code in ("pl", "en", "uk"):
        index = AdvisoryBodyIndexPage.objects.get(locale__language_code=code)
        doc = html(client.get(index.url))
        kinds = [
            body.kind for body in AdvisoryBodyPage.objects.child_of(index).live().order_by("title")
        ]
        assert sorted(kinds) == ["commission", "commission", "council"], code
        assert len(doc.select(".advisory-body")) == 3
        commission = AdvisoryBodyPage.objects.child_of(index).filter(kind="commission").first()
        page = html(client.get(commission.url))
        assert len(members_of(page)) >= 5
        assert page.select("details.past-term")
        assert page.select("li.resolution")
    index = AdvisoryBodyIndexPage.objects.get(locale__language_code="pl")
    first = html(client.get(index.url)).select_one(".advisory-body .card__title a").text
    assert first == "Rada Działalności Pożytku Publicznego"


def test_a_translation_shows_the_members_of_its_current_and_past_terms(client, homes, kdo):
    from wagtail.models import Locale

    english = kdo.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    doc = html(client.get(english.url))
    assert "(term obecna)" in doc.select_one("#members-heading").text
    assert [row.split()[0] for row in members_of(doc)[:2]] == ["Alicja", "Bartosz"]
    assert "Celina Dawna" in doc.select_one("details.past-term").text
