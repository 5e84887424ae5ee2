"""One public address: BASE_URL names every link that leaves the site.

Seen from the person who follows the link: a volunteer clicking the link in their confirmation,
an organizer opening the application in the admin, a resident subscribing to a feed or reading
an export. With the portal served at a non-default port, each link must name that port.
"""

import csv
import datetime
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import User
from django.core import checks, mail
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import Site

from portal import site_address
from tests.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory, publish_page
from tests.helpers import html
from tests.volunteering.factories import VolunteerOfferIndexPageFactory, VolunteerOfferPageFactory
from tests.volunteering.test_volunteering import apply

pytestmark = pytest.mark.django_db

BASE_URL = "http://127.0.0.1:8123"
LINK = re.compile(r"https?://[^\s<>\"')]+")


@pytest.fixture
def served_at_8123(settings, site):
    """The portal served at 127.0.0.1:8123, as `make run PORT=8123` sets it up: BASE_URL, then
    `migrate`."""
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE_URL
    call_command("migrate", interactive=False, verbosity=0)
    return BASE_URL


def public(url):
    return url.startswith(BASE_URL + "/")


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_in(message):
    texts = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    return {link.rstrip(".,;") for text in texts for link in LINK.findall(text)}


# The sync


def test_migrate_gives_the_default_site_the_base_urls_host_and_port(settings, site):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE_URL
    call_command("migrate", interactive=False, verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert site.root_url == BASE_URL
    # Idempotent: nothing left to change.
    assert site_address.sync_default_site() is False


def test_the_check_warns_when_the_site_is_not_at_base_url(settings, site):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE_URL
    warnings = [m for m in checks.run_checks() if m.id == "portal.W001"]
    assert len(warnings) == 1
    assert BASE_URL in warnings[0].msg
    site_address.sync_default_site()
    assert not [m for m in checks.run_checks() if m.id == "portal.W001"]


def test_the_check_names_a_base_url_no_site_can_have(settings, site):
    """https on a port other than 443 cannot be a Wagtail Site's address: say so."""
    settings.BASE_URL = "https://portal.example.org:8443"
    site_address.sync_default_site()
    warnings = [m for m in checks.run_checks() if m.id == "portal.W001"]
    assert len(warnings) == 1
    assert "http://host:port" in warnings[0].hint


# The mails of an application


@pytest.fixture
def offer(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    organization = OrganizationPageFactory(parent=directory, title="Fundacja Cztery Łapy")
    offers = VolunteerOfferIndexPageFactory(parent=homes["pl"])
    return publish_page(
        VolunteerOfferPageFactory(parent=offers, organization=organization, title="Spacery z psami")
    )


def test_every_link_in_both_application_mails_leads_to_the_portal(client, served_at_8123, offer):
    organizer = User.objects.create_user("koordynatorka", "koordynatorka@example.org", "x" * 12)
    organizer.groups.add(offer.organization.editor_group)
    assert apply(client, offer).status_code == 200

    to_volunteer = next(m for m in mail.outbox if m.to == ["ala@example.org"])
    to_organizer = next(m for m in mail.outbox if organizer.email in m.to)
    for message in (to_volunteer, to_organizer):
        links = links_in(message)
        assert links, message.body
        for link in links:
            assert public(link), link
            response = client.get(path_of(link))
            if response.status_code == 302 and "/admin/login/" in response["Location"]:
                # The organizer's links open once they sign in.
                client.force_login(organizer)
                response = client.get(path_of(link))
                client.logout()
            assert response.status_code == 200, link


# Feeds and exports


@pytest.fixture
def event(homes):
    calendar = CalendarPageFactory(parent=homes["pl"])
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(days=20)
    page = EventPageFactory(
        parent=calendar, title="Festyn", start=start, end=start + datetime.timedelta(hours=2)
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_ics_feeds_and_calendar_links_name_the_public_address(client, served_at_8123, event):
    calendar = event.get_parent().specific
    for feed in (event.url + "ical/", calendar.url + "ical/"):
        parsed = Calendar.from_ical(client.get(feed).content)
        urls = [str(component["URL"]) for component in parsed.walk("VEVENT")]
        assert urls and all(public(url) for url in urls), urls
        assert all(
            uid.endswith("@127.0.0.1") for uid in (str(c["UID"]) for c in parsed.walk("VEVENT"))
        )

    page = html(client.get(event.url))
    google = page.find("a", href=re.compile(r"^https://calendar\.google\.com/"))["href"]
    outlook = page.find("a", href=re.compile(r"^https://outlook\.live\.com/"))["href"]
    assert public(parse_qs(urlsplit(google).query)["details"][0])
    assert public(parse_qs(urlsplit(outlook).query)["body"][0])
    # The link to subscribe to the calendar's feed.
    listing = html(client.get(calendar.url))
    feed_link = listing.find("link", type="text/calendar")["href"]
    assert public(feed_link), feed_link


def test_exports_name_the_public_address(client, served_at_8123, homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    organization = publish_page(OrganizationPageFactory(parent=directory, title="Fundacja Most"))
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(directory.url + "eksport/csv/").content.decode("utf-8-sig"))
        )
    )
    assert [row["url"] for row in rows] == [f"{BASE_URL}{organization.url}"]
    data = json.loads(client.get(directory.url + "eksport/json/").content)
    assert public(data["source"])
    assert [row["url"] for row in data["organizations"]] == [f"{BASE_URL}{organization.url}"]


def test_sitemap_and_robots_name_the_public_address(client, served_at_8123, homes):
    text = client.get("/sitemap-pages.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", text) + re.findall(r'href="([^"]+)"', text)
    assert locations and all(public(url) for url in locations), locations
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in robots


def test_canonical_and_language_links_name_the_public_address(client, served_at_8123, homes):
    """A page fetched under another host (here the test client's) still names one address."""
    page = html(client.get("/pl/"))
    assert page.find("link", rel="canonical")["href"] == f"{BASE_URL}/pl/"
    assert page.find("meta", property="og:url")["content"] == f"{BASE_URL}/pl/"
    alternates = [link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)]
    assert alternates and all(public(url) for url in alternates), alternates
