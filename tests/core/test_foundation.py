"""The foundation: languages, the site tree, the base template, the admin, the demo content."""

import datetime
import json

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from pages.models import HomePage, OfficeSettings, StandardPage
from tests.helpers import html

pytestmark = pytest.mark.django_db

SKIP_LINK = {"pl": "Przejdź do treści", "en": "Skip to content", "uk": "Перейти до вмісту"}


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_home_page_answers_in_each_language(client, homes, language):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    doc = html(response)
    assert doc.html["lang"] == language
    assert doc.h1.get_text(strip=True) == homes[language].title
    alternates = {link["hreflang"]: link["href"] for link in doc.find_all("link", rel="alternate")}
    assert alternates == {
        "pl": "http://testserver/pl/",
        "en": "http://testserver/en/",
        "uk": "http://testserver/uk/",
        "x-default": "http://testserver/pl/",
    }
    # The interface speaks the page's language: the compiled catalogues are in use.
    assert doc.find("a", class_="skip-link").get_text() == SKIP_LINK[language]


def test_base_template_has_landmarks_skip_link_and_search(client, homes):
    doc = html(client.get("/pl/"))

    skip = doc.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert doc.find("main", id="main") is not None
    assert doc.find("header") is not None and doc.find("footer") is not None
    search = doc.find("form", role="search")
    assert search["action"] == "/pl/szukaj/"
    assert search.find("label")["for"] == search.find("input", type="search")["id"]
    switcher = doc.find("nav", class_="language-switcher")
    assert [a["hreflang"] for a in switcher.find_all("a")] == ["pl", "en", "uk"]
    assert switcher.find("a", attrs={"aria-current": "true"})["hreflang"] == "pl"


def test_root_redirects_to_a_language(client, homes):
    assert client.get("/")["Location"] == "/pl/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="uk")["Location"] == "/uk/"


def test_language_switcher_links_to_translation_or_home(client, homes, demo):
    doc = html(client.get("/en/about/"))
    links = {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}
    assert links == {"pl": "/pl/o-portalu/", "en": "/en/about/", "uk": "/uk/pro-portal/"}

    # A page with no Ukrainian version: the switcher leads to the Ukrainian home, and no
    # hreflang alternate pretends a translation exists.
    only_polish = StandardPage(title="Tylko po polsku", slug="tylko-po-polsku")
    homes["pl"].add_child(instance=only_polish)
    doc = html(client.get("/pl/tylko-po-polsku/"))
    links = {a["hreflang"]: a["href"] for a in doc.select("nav.language-switcher a")}
    assert links["uk"] == "/uk/"
    assert [link["hreflang"] for link in doc.find_all("link", rel="alternate")] == [
        "pl",
        "x-default",
    ]


def test_unknown_page_gives_404_in_the_visitors_language(client, homes):
    response = client.get("/uk/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()


def test_admin_login_page_answers(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_admin_refuses_anonymous_visitors(client, db):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_migrations_are_complete(db):
    # makemigrations --check exits non-zero when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("hour", range(24))
def test_the_system_checks_pass_at_every_hour_of_the_day(hour, monkeypatch):
    # Django's fields.W161 takes a fixed time default for a mistaken "now" when the check runs
    # within ten seconds of that time: `check --deploy` (CI, a deploy) must pass at any hour.
    from django.core import checks
    from django.db.models import fields

    moment = datetime.datetime(2026, 12, 7, hour, 0, 3)
    monkeypatch.setattr(fields, "_get_naive_now", lambda: moment)
    warnings = [message.id for message in checks.run_checks(tags=["models"])]
    assert "fields.W161" not in warnings


def test_three_locales_and_one_home_per_language(locales, homes):
    assert set(locales) == {"pl", "en", "uk"}
    assert set(homes) == {"pl", "en", "uk"}
    assert len({home.translation_key for home in homes.values()}) == 1


def test_demo_data_is_idempotent(demo):
    counts = (Page.objects.count(), StandardPage.objects.count(), OfficeSettings.objects.count())
    titles = sorted(Page.objects.values_list("title", flat=True))

    call_command("load_demo_data", size=5, verbosity=0)

    assert (
        Page.objects.count(),
        StandardPage.objects.count(),
        OfficeSettings.objects.count(),
    ) == counts
    assert sorted(Page.objects.values_list("title", flat=True)) == titles
    assert StandardPage.objects.count() >= 3


def test_demo_data_fills_footer_from_site_settings(client, demo):
    footer = html(client.get("/en/")).find("footer")
    assert "ngo@example.org" in footer.get_text()
    assert footer.find("a", href="mailto:ngo@example.org") is not None


def test_demo_home_has_content_in_each_language(client, demo):
    assert "Razem dla miasta" in client.get("/pl/").content.decode()
    assert "Together for the city" in client.get("/en/").content.decode()
    assert "Разом для міста" in client.get("/uk/").content.decode()


def test_json_ld_cannot_be_broken_out_of(client, homes):
    home = homes["pl"]
    home.title = "</script><script>alert(1)</script>"
    home.save_revision().publish()

    doc = html(client.get("/pl/"))
    # The title did not open a script of its own: no script element runs its text.
    assert not [
        s
        for s in doc.find_all("script")
        if s.string and "alert(1)" in s.string and s.get("type") != "application/ld+json"
    ]
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "WebSite"
    assert data["inLanguage"] == "pl"


def test_private_pages_are_not_listed_in_search(client, homes):
    secret = StandardPage(title="Wewnętrzny regulamin", slug="wewnetrzny")
    homes["pl"].add_child(instance=secret)
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    public = StandardPage(title="Regulamin portalu", slug="regulamin")
    homes["pl"].add_child(instance=public)

    doc = html(client.get("/pl/szukaj/", {"q": "regulamin"}))
    titles = [a.get_text() for a in doc.select(".search-results a")]
    assert titles == ["Regulamin portalu"]


def test_search_keeps_to_the_current_language(client, demo):
    doc = html(client.get("/en/search/", {"q": "portal"}))
    hrefs = [a["href"] for a in doc.select(".search-results a")]
    assert "/en/about/" in hrefs
    assert all(href.startswith("/en/") for href in hrefs)
    assert doc.find("input", type="search")["value"] == "portal"


class TestPageRules:
    def test_home_page_only_at_the_root(self):
        assert HomePage.parent_page_types == ["wagtailcore.Page"]
        assert HomePage.can_create_at(Page.get_first_root_node()) is False  # one per language

    def test_content_pages_under_home_not_at_root(self, homes):
        assert StandardPage.can_create_at(homes["pl"])
        assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_sitemap_lists_every_language_with_alternates(client, demo):
    about = StandardPage.objects.get(slug="o-portalu")
    about.save_revision().publish()
    about.refresh_from_db()
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    # The index says when the pages last changed: the latest publication, just now.
    lastmod = index.split("<lastmod>")[1].split("</lastmod>")[0]
    assert datetime.datetime.fromisoformat(lastmod) == about.last_published_at
    text = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/pl/o-portalu/", "/en/about/", "/uk/pro-portal/", "/en/organizations/"):
        assert f"<loc>http://testserver{path}</loc>" in text
    assert 'hreflang="uk" href="http://testserver/uk/pro-portal/"' in text


def test_sitemap_comes_in_pages_whose_alternates_cross_page_boundaries(client, demo, monkeypatch):
    from pages.sitemaps import MultilingualSitemap

    monkeypatch.setattr(MultilingualSitemap, "limit", 5)
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-pages.xml?p=2</loc>" in index
    pages, number = [], 1
    while f"sitemap-pages.xml?p={number}<" in index or number == 1:
        response = client.get("/sitemap-pages.xml", {"p": number})
        assert response.status_code == 200
        assert response.content.decode().count("<url>") <= 5
        pages.append(response.content.decode())
        number += 1
    # The Ukrainian "about" page is on a later page than the Polish one, yet both name each other.
    polish = next(p for p in pages if "<loc>http://testserver/pl/o-portalu/</loc>" in p)
    assert 'hreflang="uk" href="http://testserver/uk/pro-portal/"' in polish
    assert "<loc>http://testserver/uk/pro-portal/</loc>" not in polish


def test_robots_txt_points_to_the_sitemap_and_keeps_out_the_admin(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_carry_canonical_and_opengraph_tags(client, demo):
    doc = html(client.get("/uk/orhanizatsii/", {"area": "seniorzy"}))
    assert doc.find("link", rel="canonical")["href"] == "http://testserver/uk/orhanizatsii/"
    assert doc.find("meta", property="og:locale")["content"] == "uk_UA"
    assert doc.find("meta", property="og:title")["content"] == "Організації"
    assert doc.find("meta", attrs={"name": "twitter:card"}) is not None


@pytest.mark.parametrize(
    "path, language",
    [
        ("/pl/deklaracja-dostepnosci/", "pl"),
        ("/en/accessibility-statement/", "en"),
        ("/uk/deklaratsiia-dostupnosti/", "uk"),
    ],
)
def test_accessibility_statement_is_published_and_linked_from_every_page(
    client, demo, path, language
):
    doc = html(client.get(path))
    for element_id in (
        "a11y-podmiot",
        "a11y-url",
        "a11y-data-publikacja",
        "a11y-data-aktualizacja",
        "a11y-status",
        "a11y-data-sporzadzenie",
        "a11y-kontakt",
        "a11y-osoba",
        "a11y-email",
        "a11y-telefon",
        "a11y-procedura",
        "a11y-architektura",
    ):
        assert doc.find(id=element_id) is not None, element_id
    assert doc.find(id="a11y-data-publikacja").get_text() == "2026-11-01"
    footer_links = [a["href"] for a in html(client.get(f"/{language}/")).select("footer a")]
    assert path in footer_links


def test_one_accessibility_statement_per_language(homes):
    from pages.models import AccessibilityStatementPage

    assert AccessibilityStatementPage.can_create_at(homes["pl"])
    assert AccessibilityStatementPage.max_count_per_parent == 1


@pytest.mark.parametrize(
    ("path", "language", "heading"),
    [
        ("/pl/cokolwiek/", "pl", "Przepraszamy"),
        ("/en/anything/", "en", "Sorry, something went wrong"),
        ("/uk/bud-shcho/", "uk", "Вибачте"),
    ],
)
def test_server_error_page_keeps_layout_and_language_without_the_database(
    rf, path, language, heading, django_assert_num_queries
):
    from pages.views.site import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get(path))
    assert response.status_code == 500
    doc = html(response)
    assert doc.find("html")["lang"] == language
    assert heading in doc.find("h1").text
    assert doc.select_one("a.skip-link") and doc.select_one("nav.language-switcher")
    assert doc.find("link", rel="stylesheet")["href"].endswith("css/portal.css")


def test_sitemap_queries_do_not_grow_with_pages(client, homes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import (
        OrganizationIndexPageFactory,
        OrganizationPageFactory,
        pages_in_bulk,
    )

    directory = OrganizationIndexPageFactory(parent=homes["pl"])

    def index_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured.captured_queries)

    def queries():
        client.get("/sitemap-pages.xml")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-pages.xml").status_code == 200
        return len(captured.captured_queries)

    with pages_in_bulk():
        for _ in range(5):
            OrganizationPageFactory(parent=directory)
    at_5 = queries()
    index_at_5 = index_queries()
    with pages_in_bulk():
        for _ in range(45):
            OrganizationPageFactory(parent=directory)
    assert queries() == at_5
    assert index_queries() == index_at_5


def test_bench_scale_demo_data_is_live_dated_and_searchable(client, homes, monkeypatch):
    """At benchmark scale pages are published without revisions and indexed once at the end
    (portal/demo/bulk.py): a resident must not be able to tell."""
    from pages.models import LegalForm, OrganizationIndexPage, OrganizationPage
    from portal.demo import bulk

    monkeypatch.setattr(bulk, "BULK_FROM", 5)
    call_command("load_demo_data", size=5, verbosity=0)

    organization = OrganizationPage.objects.get(slug="org-00003", locale__language_code="pl")
    assert organization.live and organization.first_published_at is not None
    assert organization.latest_revision is None
    # Its areas, districts and tags were saved (they were set after add_child, in memory only,
    # so every facet of the benchmark counted over empty tables).
    assert organization.areas.exists() and organization.districts.exists()
    assert organization.tags.exists()
    area = organization.areas.first()
    filtered = html(client.get("/pl/organizacje/", {"area": area.slug}))
    assert organization.title in filtered.get_text()
    doc = html(client.get("/pl/szukaj/", {"q": organization.title}))
    assert organization.url in [a["href"] for a in doc.select(".search-results a")]
    directory = html(client.get("/pl/organizacje/", {"q": organization.title}))
    assert organization.title in directory.get_text()
    # Wagtail's own index (the admin's page search) was rebuilt too.
    assert organization.page_ptr in Page.objects.search(organization.title)

    # The per-save indexing is back on for what is published afterwards.
    later = OrganizationPage(
        title="Grupa Późniejsza Zupełnie Nowa",
        slug="pozniejsza",
        legal_form=LegalForm.INFORMAL_GROUP,
    )
    OrganizationIndexPage.objects.get(locale__language_code="pl").add_child(instance=later)
    later.save_revision().publish()
    doc = html(client.get("/pl/szukaj/", {"q": "Późniejsza"}))
    assert later.url in [a["href"] for a in doc.select(".search-results a")]


def test_a_national_register_is_inserted_in_batches_and_works_as_any_other(
    client, homes, monkeypatch, django_user_model
):
    """At national scale (100,000 organizations) profiles are written a batch at a time, with
    tree positions computed by the loader (portal/demo/bulk.py): the tree stays valid and a
    resident or an editor cannot tell them from profiles an editor made."""
    from pages.models import AreaOfPublicBenefit, OrganizationIndexPage, OrganizationPage
    from portal.demo import bulk
    from tests.factories import OrganizationPageFactory

    monkeypatch.setattr(bulk, "BULK_FROM", 5)
    monkeypatch.setattr(bulk, "BATCH_INSERT_FROM", 5)
    monkeypatch.setattr(bulk, "BATCH_SIZE", 7)  # three batches
    call_command("load_demo_data", size=20, only=["organizations"], verbosity=0)

    directory = OrganizationIndexPage.objects.get(locale__language_code="pl")
    profiles = OrganizationPage.objects.child_of(directory)
    assert profiles.live().count() == 20
    assert all(problems == [] for problems in Page.find_problems())
    assert Page.objects.get(pk=directory.pk).numchild == 20
    # Loading again adds nothing; an editor's new profile takes the next place in the tree.
    call_command("load_demo_data", size=20, only=["organizations"], verbosity=0)
    assert profiles.count() == 20
    OrganizationPageFactory(parent=directory, title="Fundacja Dopisana Ręcznie")
    assert all(problems == [] for problems in Page.find_problems())

    organization = profiles.get(slug="org-00012")
    assert organization.url == "/pl/organizacje/org-00012/"
    assert organization.areas.exists() and organization.districts.exists()
    assert organization.tags.exists()
    profile = html(client.get(organization.url))
    assert organization.nip in profile.get_text()

    area = organization.areas.first()
    with_area = OrganizationPage.objects.filter(areas=area, live=True).count()
    filtered = html(client.get("/pl/organizacje/", {"area": area.slug}))
    assert organization.title in filtered.get_text()
    assert f"{with_area}" in filtered.select_one(f"[value='{area.slug}']").parent.get_text()
    assert AreaOfPublicBenefit.objects.filter(pk=area.pk).exists()

    found = html(client.get("/pl/szukaj/", {"q": organization.title}))
    assert organization.url in [a["href"] for a in found.select(".search-results a")]

    editor = django_user_model.objects.create_superuser("krajowy", "krajowy@example.org", "x" * 20)
    client.force_login(editor)
    assert client.get(f"/admin/pages/{organization.pk}/edit/").status_code == 200


@pytest.mark.django_db
def test_a_bulk_load_leaves_postgresql_planner_statistics(homes):
    """Without statistics PostgreSQL took thousands of rows for a handful and chose plans that
    timed out at bench scale (where autovacuum is off, or has not come round yet)."""
    from django.db import connection

    from portal.demo import bulk

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite's planner has no statistics to refresh")

    def analyzed():
        with connection.cursor() as cursor:
            # Statistics are read once per transaction unless the snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'wagtailcore_page'"
            )
            return cursor.fetchone()[0]

    before = analyzed()
    with bulk.indexes_rebuilt_at_the_end(True):
        pass
    after = analyzed()
    assert after is not None and after != before
