"""Every listing answers hostile query strings with a page or a 400, never a server error.

Crawlers and curious residents send deep page numbers, unknown filter values, malformed dates and
very long strings; none of that may cost a 500 (which pages somebody on call) or a slow query.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from pages.models import (
    CalendarPage,
    ConsultationIndexPage,
    GrantCallIndexPage,
    GrantsRegisterPage,
    KnowledgeIndexPage,
    NewsIndexPage,
    OrganizationIndexPage,
    StoryIndexPage,
    TrainingIndexPage,
    VolunteerOfferIndexPage,
)

HOSTILE = [
    {"page": "100000"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "9" * 40},
    {"q": "x" * 5000},
    {"q": "<script>alert(1)</script>"},
    {"q": "' OR 1=1 --"},
    {"q": "%%%___\\"},
    {"area": "nie-ma-takiego"},
    {"area": ["1", "2", "<b>"]},
    {"district": "9" * 30},
    {"tag": "\x00"},
    {"form": "bogus"},
    {"sort": "password"},
    {"category": "-1"},
    {"organization": "abc"},
    {"from": "2026-13-45"},
    {"to": "yesterday"},
    {"date_from": "99999-01-01", "date_to": "0000-00-00"},
    {"start": "2026-02-30"},
    {"year": "99999999999"},
    {"month": "13"},
    {"week": "99"},
    {"mode": "\u202e"},
    {"lat": "nan", "lon": "inf", "radius": "-5"},
]

LISTINGS = [
    OrganizationIndexPage,
    VolunteerOfferIndexPage,
    TrainingIndexPage,
    CalendarPage,
    StoryIndexPage,
    KnowledgeIndexPage,
    NewsIndexPage,
    GrantCallIndexPage,
    GrantsRegisterPage,
    ConsultationIndexPage,
]


def listing_urls():
    urls = []
    for model in LISTINGS:
        for page in model.objects.live().filter(locale__language_code="pl"):
            urls.append(page.url)
            if model is CalendarPage:
                urls += [page.url + "miesiac/", page.url + "tydzien/", page.url + "ical/"]
            if model is OrganizationIndexPage:
                urls += [page.url + "mapa/geojson/", page.url + "eksport/csv/"]
            if model in (VolunteerOfferIndexPage, NewsIndexPage):
                urls.append(page.url + "kanal/")
            if model is GrantsRegisterPage:
                urls += [page.url + "eksport/csv/", page.url + "eksport/json/"]
    with translation.override("pl"):
        urls.append(reverse("portal_search:search"))
    return urls


@pytest.mark.django_db
def test_every_listing_answers_hostile_parameters_without_a_server_error(client, demo):
    urls = listing_urls()
    # Every family's listing is in the demo content: a listing missing here would go untested.
    assert len(urls) >= len(LISTINGS) + 6
    failures = []
    for url in urls:
        for params in HOSTILE:
            response = client.get(url, params)
            if response.status_code >= 500 or response.status_code not in (200, 400, 404):
                failures.append((url, params, response.status_code))
    assert failures == []


@pytest.mark.django_db
def test_hostile_text_is_escaped_where_a_listing_echoes_it(client, demo):
    for url in listing_urls():
        response = client.get(url, {"q": "<script>alert(1)</script>"})
        assert b"<script>alert(1)</script>" not in response.content, url


@pytest.mark.django_db
def test_calendar_paths_with_impossible_dates_answer_not_found(client, demo):
    calendar = CalendarPage.objects.live().filter(locale__language_code="pl").first()
    for suffix in ("miesiac/2026/13/", "miesiac/0/1/", "tydzien/2026/60/", "tydzien/99999/1/"):
        assert client.get(calendar.url + suffix).status_code == 404, suffix
    assert Page.objects.filter(pk=calendar.pk).exists()
