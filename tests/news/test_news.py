"""News: the office's and the organizations', one listing with filters and feeds per area."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Workflow

from pages import profile_sections, roles
from pages.models import HomePage, OrganizationPage
from pages.news.models import NewsIndexPage, NewsPage
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    StandardPageFactory,
    area,
)
from tests.helpers import html
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    return {
        "news": NewsIndexPageFactory(parent=homes["pl"]),
        "first": OrganizationPageFactory(parent=directory, title="Fundacja Zielony Skwer"),
        "second": OrganizationPageFactory(parent=directory, title="Stowarzyszenie Sąsiedzi"),
    }


def titles(response):
    return [a.text.strip() for a in html(response).select(".card__title a")]


def publish(page):
    page.save_revision().publish()
    return page


def test_news_may_live_under_the_listing_or_an_organization_only(tree, homes):
    assert NewsPage.can_create_at(tree["news"])
    assert NewsPage.can_create_at(tree["first"])
    assert not NewsPage.can_create_at(homes["pl"])
    standard = StandardPageFactory(parent=homes["pl"])
    assert not NewsPage.can_create_at(standard)
    assert not NewsIndexPage.can_create_at(tree["news"])
    assert NewsIndexPage.can_create_at(homes["en"])


def test_listing_shows_office_and_organization_news_newest_first(client, tree):
    today = timezone.localdate()
    NewsPageFactory(parent=tree["news"], title="Starsza", date=today - datetime.timedelta(days=9))
    NewsPageFactory(parent=tree["first"], title="Od fundacji", date=today)
    NewsPageFactory(parent=tree["news"], title="Szkic", live=False)
    response = client.get(tree["news"].url)
    assert titles(response) == ["Od fundacji", "Starsza"]
    card = html(response).select(".card__meta")[0].text
    assert "Fundacja Zielony Skwer" in card


def test_filters_by_area_year_and_organization_combine_with_counts(client, tree):
    seniors, ecology = area("seniorzy"), area("ekologia-i-ochrona-zwierzat")
    NewsPageFactory(
        parent=tree["news"], title="Seniorzy 2025", date=datetime.date(2025, 5, 1), areas=[seniors]
    )
    NewsPageFactory(
        parent=tree["news"], title="Seniorzy 2026", date=datetime.date(2026, 5, 1), areas=[seniors]
    )
    NewsPageFactory(
        parent=tree["first"], title="Ekologia 2026", date=datetime.date(2026, 6, 1), areas=[ecology]
    )
    mention = NewsPageFactory(
        parent=tree["news"], title="O sąsiadach", date=datetime.date(2026, 1, 1)
    )
    mention.organizations.set([tree["second"]])
    publish(mention)

    url = tree["news"].url
    assert titles(client.get(url, {"area": "seniorzy"})) == ["Seniorzy 2026", "Seniorzy 2025"]
    assert titles(client.get(url, {"area": "seniorzy", "year": "2026"})) == ["Seniorzy 2026"]
    # An organization's news: written beneath its profile, or naming it.
    assert titles(client.get(url, {"organization": tree["first"].slug})) == ["Ekologia 2026"]
    assert titles(client.get(url, {"organization": tree["second"].slug})) == ["O sąsiadach"]

    doc = html(client.get(url, {"year": "2026"}))
    counts = {
        label.select_one("input")["value"]: label.select_one(".count").text
        for label in doc.select(".filters label")
        if label.select_one("input[name=area]")
    }
    assert counts == {"seniorzy": "(1)", "ekologia-i-ochrona-zwierzat": "(1)"}


def test_unknown_filter_values_are_ignored(client, tree):
    NewsPageFactory(parent=tree["news"], title="Jedyna")
    response = client.get(tree["news"].url, {"area": "nie-ma", "year": "20x6", "page": "999"})
    assert response.status_code == 200
    assert titles(response) == ["Jedyna"]


def test_feed_per_area_lists_only_that_area(client, tree):
    NewsPageFactory(parent=tree["news"], title="Dla seniorów", areas=[area("seniorzy")])
    NewsPageFactory(
        parent=tree["news"], title="O przyrodzie", areas=[area("ekologia-i-ochrona-zwierzat")]
    )
    atom = client.get(tree["news"].url + "kanal/", {"area": "seniorzy"})
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(atom.content)  # noqa: S314 (the portal's own feed)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == ["Dla seniorów"]
    rss = ET.fromstring(client.get(tree["news"].url + "kanal/rss/").content)  # noqa: S314
    assert sorted(i.findtext("title") for i in rss.iter("item")) == [
        "Dla seniorów",
        "O przyrodzie",
    ]


def test_the_feed_links_back_to_the_listing_so_filtered(client, tree):
    NewsPageFactory(parent=tree["news"], title="Dla seniorów", areas=[area("seniorzy")])
    atom = client.get(tree["news"].url + "kanal/", {"area": "seniorzy"})
    feed = ET.fromstring(atom.content)  # noqa: S314 (the portal's own feed)
    link = feed.find("{http://www.w3.org/2005/Atom}link[@rel='alternate']").get("href")
    assert link.endswith(tree["news"].url + "?area=seniorzy")


def test_profile_lists_the_organization_news(client, tree):
    NewsPageFactory(parent=tree["first"], title="Nasz festyn")
    NewsPageFactory(parent=tree["second"], title="Nie nasza")
    page = client.get(tree["first"].url).content.decode()
    assert "Nasz festyn" in page and "Nie nasza" not in page


def test_the_profile_shows_news_through_the_section_the_news_app_registers(client, tree):
    NewsPageFactory(parent=tree["first"], title="Nasz festyn")
    headings = html(client.get(tree["first"].url)).select("#news-heading")
    assert [heading.text for heading in headings] == ["Aktualności"]

    # A site without the news app has no such section: the profile does not know news.
    (section,) = [section for section in profile_sections.sections() if section.name == "news"]
    profile_sections.unregister("news")
    try:
        doc = html(client.get(tree["first"].url))
    finally:
        profile_sections.register(section.name, section.template, section.items, section.order)
    assert doc.select("#news-heading") == []
    assert "Nasz festyn" not in doc.text


def test_beneath_a_profile_editors_may_add_offers_events_and_news_only(tree):
    profile = tree["first"]
    addable = [
        model._meta.label
        for model in type(profile).creatable_subpage_models()
        if model.can_create_at(profile)
    ]
    assert sorted(addable) == [
        "ngo_calendar.EventPage",
        "ngo_news.NewsPage",
        "ngo_volunteering.VolunteerOfferPage",
    ]


def test_listing_costs_the_same_queries_at_two_sizes(client, tree):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get(tree["news"].url)
        return len(queries)

    for _number in range(3):
        NewsPageFactory(parent=tree["news"], areas=[area("seniorzy")])
    count()  # the first request creates the site's settings rows
    small = count()
    for _number in range(3):
        NewsPageFactory(parent=tree["first"], areas=[area("seniorzy")])
    for _number in range(10):
        NewsPageFactory(parent=tree["news"], areas=[area("ekologia-i-ochrona-zwierzat")])
    assert count() == small


def test_an_ngo_editor_writes_news_under_the_profile_but_cannot_publish_it(tree):
    organization = OrganizationPage.objects.get(pk=tree["first"].pk)
    editor = get_user_model().objects.create_user("zielony", "zielony@example.org", "x-pass-123456")
    editor.groups.add(organization.editor_group)
    permissions = organization.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert not permissions.can_publish_subpage()

    news = NewsPageFactory(parent=organization, title="Zaproszenie na festyn", live=False)
    assert not news.permissions_for_user(editor).can_publish()
    assert news.get_workflow() == Workflow.objects.get(name=roles.NGO_REVIEW_WORKFLOW)
    # Another organization's editors cannot touch it.
    other = get_user_model().objects.create_user("sasiedzi", "s@example.org", "x-pass-123456")
    other.groups.add(OrganizationPage.objects.get(pk=tree["second"].pk).editor_group)
    assert not news.permissions_for_user(other).can_edit()


def test_the_lead_is_required(tree):
    news = NewsPage(title="Bez leadu", slug="bez-leadu", lead="")
    with pytest.raises(ValidationError):
        news.full_clean()


def test_demo_content_has_news_in_the_listing_and_on_a_profile(client, demo):
    index = NewsIndexPage.objects.get(locale__language_code="pl")
    assert len(titles(client.get(index.url))) >= 5
    assert NewsPage.objects.filter(depth__gt=index.depth + 1).exists()
    assert HomePage.objects.count() == 3
