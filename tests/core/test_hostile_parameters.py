"""Every listing answers hostile query strings with a page or a 400, never a server error.

Crawlers and curious residents send deep page numbers, unknown filter values, malformed dates and
very long strings; none of that may cost a 500 (which pages somebody on call) or a slow query.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from pages import roles
from pages.calendar.models import CalendarPage
from pages.centre.models import CentrePage, Resource
from pages.consultations.models import ConsultationIndexPage
from pages.grants.models import GrantCallIndexPage, GrantsRegisterPage
from pages.knowledge.models import KnowledgeIndexPage
from pages.leaders.models import LeadersIndexPage
from pages.models import (
    OrganizationIndexPage,
    OrganizationPage,
)
from pages.news.models import NewsIndexPage
from pages.stories.models import StoryIndexPage
from pages.trainings.models import TrainingIndexPage, TrainingPage, TrainingRegistration
from pages.volunteering.models import VolunteerOfferIndexPage

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

# Ids and dates no table and no calendar can hold: a 40-digit id is larger than any database
# integer (OverflowError in the driver), year 1 and year 9999 are where date arithmetic
# overflows and where a never-ending rule costs seconds to expand.
HUGE = "9" * 40
ID_PARAMETERS = [
    "organizer",
    "organization",
    "org",
    "offer",
    "training",
    "resource",
    "advisor",
    "leader",
    "category",
    "area",
    "district",
    "year",
    "page",
    "p",
    "id",
    "status",
]
EXTREME = [
    dict.fromkeys(ID_PARAMETERS, HUGE),
    {"organizer": [HUGE, "1", "-1", "0"]},
    {"from": "0001-01-01"},
    {"to": "0001-01-01"},
    {"from": "9999-12-31"},
    {"to": "9999-12-31"},
    {"from": "0001-01-01", "to": "9999-12-31"},
    {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    {"date_from": "9999-12-31"},
    {"year": "0001"},
    {"year": "9999"},
    {"tydzien": "9999-12-31"},
    {"tydzien": "0001-01-01"},
    {"dzien": "9999-12-31"},
    {"dzien": "0001-01-01"},
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
                urls += [page.url + "archiwum/"]
            if model is TrainingIndexPage:
                urls.append(page.url + "archiwum/")
            if model is GrantCallIndexPage:
                urls.append(page.url + "ical/")
            if model is OrganizationIndexPage:
                urls += [page.url + "mapa/geojson/", page.url + "eksport/csv/"]
            if model in (VolunteerOfferIndexPage, NewsIndexPage):
                urls.append(page.url + "kanal/")
            if model is GrantsRegisterPage:
                urls += [page.url + "eksport/csv/", page.url + "eksport/json/"]
    for page in LeadersIndexPage.objects.live().filter(locale__language_code="pl"):
        urls.append(page.url)
    for centre in CentrePage.objects.live().filter(locale__language_code="pl"):
        urls += [centre.url + "rezerwacja/", centre.url + "doradztwo/"]
        resource = Resource.objects.filter(active=True).first()
        if resource is not None:
            urls.append(centre.url + f"rezerwacja/{resource.pk}/")
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


def _failures(client, urls, parameter_sets):
    failures = []
    for url in urls:
        for params in parameter_sets:
            try:
                status = client.get(url, params).status_code
            except Exception as error:  # noqa: BLE001 - each URL's error is listed, not the first
                status = f"{type(error).__name__}: {str(error)[:80]}"
            if status not in (200, 400, 404):
                failures.append((url, params, status))
    return failures


@pytest.mark.django_db
def test_every_listing_and_feed_answers_huge_ids_and_extreme_dates_without_a_server_error(
    client, demo
):
    urls = listing_urls()
    assert any("rezerwacja/" in url for url in urls)
    assert _failures(client, urls, EXTREME) == []


@pytest.mark.django_db
def test_calendar_pages_far_from_today_answer_not_found_without_expanding(client, demo):
    calendar = CalendarPage.objects.live().filter(locale__language_code="pl").first()
    for suffix in (
        "tydzien/1/1/",
        "tydzien/9999/52/",
        "tydzien/9999/40/",
        "tydzien/1999/52/",
        "miesiac/1/1/",
        "miesiac/9999/12/",
        "miesiac/1999/12/",
        f"tydzien/{HUGE}/1/",
        f"miesiac/2026/{HUGE}/",
    ):
        assert client.get(calendar.url + suffix).status_code == 404, suffix
    assert client.get(calendar.url + "tydzien/2026/40/").status_code == 200


@pytest.mark.django_db
def test_the_centre_booking_week_far_away_shows_this_week(client, demo):
    centre = CentrePage.objects.live().filter(locale__language_code="pl").first()
    resource = Resource.objects.filter(active=True).first()
    for week in ("9999-12-31", "0001-01-01", "9999-12-27"):
        response = client.get(centre.url + f"rezerwacja/{resource.pk}/", {"tydzien": week})
        assert response.status_code == 200, week
    assert client.get(centre.url + f"rezerwacja/{HUGE}/").status_code == 404


def _admin_urls():
    names = [
        "volunteer_applications",
        "training_admin_index",
        "ngo_access_claims",
        "centre_bookings",
        "advice_day",
        "patronage_requests",
        "consultation_admin_index",
        "newsletter_issues",
        "leaders_admin",
    ]
    return [reverse(name) for name in names]


def _editor(username, group):
    user = User.objects.create_user(username, f"{username}@example.org", "x" * 12)
    user.groups.add(group)
    return user


@pytest.mark.django_db
def test_admin_filters_answer_huge_ids_and_extreme_dates_without_a_server_error(client, demo):
    organization = OrganizationPage.objects.filter(editor_group__isnull=False).first()
    people = [
        _editor("miasto-hostile", Group.objects.get(name=roles.CITY_EDITORS)),
        _editor("ngo-hostile", organization.editor_group),
    ]
    urls = _admin_urls()
    for user in people:
        client.force_login(user)
        # 403 is a refusal a person without the right gets: never a 5xx.
        failures = [
            failure
            for failure in _failures(client, urls, HOSTILE + EXTREME)
            if failure[2] not in (302, 403)
        ]
        assert failures == [], user.username


@pytest.mark.django_db
def test_attendance_with_a_huge_id_saves_the_others(client, demo):
    registration = TrainingRegistration.objects.filter(
        status=TrainingRegistration.Status.REGISTERED
    ).first()
    training = TrainingPage.objects.get(pk=registration.training_id)
    client.force_login(_editor("miasto-obecnosc", Group.objects.get(name=roles.CITY_EDITORS)))
    url = reverse("training_registrations", args=[training.pk])
    response = client.post(url, {"attended": [HUGE, str(registration.pk), "-1", "abc"]})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended
