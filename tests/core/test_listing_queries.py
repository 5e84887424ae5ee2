"""What a listing costs in SQL, and the caches that keep it small (issue 22).

The facets' counts and Wagtail's work before a view (site, route, view restrictions, settings)
are kept per content generation (pages.listing, pages.routing): a repeated listing costs its
page of results and their count, and a publication shows at once. The layout cache is on here
as in production (LAYOUT_CACHE, the default); the page cache is off, as in `make bench`'s
uncached tables.
"""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    area,
    district,
    pages_in_bulk,
    publish_page,
)
from tests.helpers import html

MAX_LISTING_QUERIES = 12


@pytest.fixture
def generation_caches(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    settings.LAYOUT_CACHE = True
    # The generation's file of this test alone: another test process of this checkout (xdist's
    # second worker) starts new generations all the time in var/.
    settings.VAR_DIR = tmp_path


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response


def facet_counts(response, name):
    """{value: the count shown next to it} of one facet of the directory's filters."""
    counts = {}
    for box in html(response).select(f'input[name="{name}"]'):
        label = box.find_parent("label").get_text(" ", strip=True)
        counts[box["value"]] = int(label.rsplit("(", 1)[1].rstrip(")"))
    return counts


# The facet cache


@pytest.fixture
def directory(homes):
    return OrganizationIndexPageFactory(parent=homes["pl"], title="Organizacje", slug="organizacje")


@pytest.mark.django_db
def test_a_repeated_filtered_listing_costs_fewer_queries_and_a_publication_shows_at_once(
    client, directory, generation_caches
):
    with pages_in_bulk():
        for _ in range(3):
            OrganizationPageFactory(
                parent=directory, areas=[area("seniorzy")], districts=[district("jezyce")]
            )
    queries_of(client, directory.url)  # creates the site's settings rows: a new generation
    url = directory.url + "?area=kultura-i-sztuka&area=seniorzy&district=jezyce"
    first, response = queries_of(client, url)
    assert facet_counts(response, "area")["seniorzy"] == 3
    second, response = queries_of(client, url)
    assert second < first
    assert facet_counts(response, "area")["seniorzy"] == 3

    # The same filters in another order (and an unknown value, and an empty one) are the same
    # set: their counts come from the same entries.
    reordered, response = queries_of(
        client,
        directory.url
        + "?district=&district=jezyce&area=seniorzy&area=nie-ma-takiej&area=kultura-i-sztuka",
    )
    assert reordered == second
    assert facet_counts(response, "district")["jezyce"] == 3

    added = OrganizationPageFactory(
        parent=directory, areas=[area("seniorzy")], districts=[district("jezyce")]
    )
    publish_page(added)
    _count, response = queries_of(client, url)
    assert facet_counts(response, "area")["seniorzy"] == 4
    assert facet_counts(response, "district")["jezyce"] == 4


@pytest.mark.django_db
def test_an_unpublished_organization_leaves_the_counts_and_its_address_at_once(
    client, directory, generation_caches
):
    kept = OrganizationPageFactory(parent=directory, areas=[area("seniorzy")])
    OrganizationPageFactory(parent=directory, areas=[area("seniorzy")])
    address = kept.url
    queries_of(client, directory.url)
    _count, response = queries_of(client, directory.url)
    assert facet_counts(response, "area")["seniorzy"] == 2
    queries_of(client, address)  # its route is kept now
    kept.unpublish()
    _count, response = queries_of(client, directory.url)
    assert facet_counts(response, "area")["seniorzy"] == 1
    assert client.get(address).status_code == 404


@pytest.mark.django_db
def test_a_page_made_private_leaves_the_listing_at_once(client, directory, generation_caches):
    from wagtail.models import PageViewRestriction

    private = OrganizationPageFactory(parent=directory, areas=[area("seniorzy")])
    OrganizationPageFactory(parent=directory, areas=[area("seniorzy")])
    queries_of(client, directory.url)
    _count, response = queries_of(client, directory.url)
    assert facet_counts(response, "area")["seniorzy"] == 2
    assert client.get(private.url).status_code == 200

    PageViewRestriction.objects.create(page=private, restriction_type="login")
    _count, response = queries_of(client, directory.url)
    assert facet_counts(response, "area")["seniorzy"] == 1
    # The route to the page is kept; its restriction is checked on every request.
    assert client.get(private.url).status_code == 302


@pytest.mark.django_db
def test_a_password_kept_with_the_route_is_still_asked_of_every_visitor(
    client, directory, generation_caches
):
    from wagtail.models import PageViewRestriction

    page = OrganizationPageFactory(parent=directory, title="Fundacja Za Hasłem")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-haslo"
    )
    for _ in range(3):  # the route and the restriction are kept after the first
        assert 'name="password"' in client.get(page.url).content.decode()
    client.post(
        f"/pl/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "tajne-haslo", "return_url": page.url},
    )
    assert 'name="password"' not in client.get(page.url).content.decode()
    # Another visitor, without the password in their session, is asked for it.
    from django.test import Client

    assert 'name="password"' in Client().get(page.url).content.decode()


# Every listing within the bound, in the demo content


LISTINGS = {
    # listing: (index page model, the filtered query, the text query or None)
    "directory": ("OrganizationIndexPage", "?area=seniorzy&district=jezyce", "?q=fundacja"),
    "volunteering": ("VolunteerOfferIndexPage", "?area=seniorzy&mode=on_site", "?q=pomoc"),
    "trainings": ("TrainingIndexPage", "?mode=on_site&audience=seniors", None),
    "stories": ("StoryIndexPage", "?area=seniorzy&year=2025", "?q=sasiedzi"),
    "knowledge": ("KnowledgeIndexPage", "?area=seniorzy&category=guide", "?q=poradnik"),
    "news": ("NewsIndexPage", "?area=seniorzy&year=2026", "?q=festyn"),
    "grants register": ("GrantsRegisterPage", "?year=2026&mode=open_competition", None),
    "grant calls": ("GrantCallIndexPage", None, None),
    "consultations": ("ConsultationIndexPage", None, None),
    # "From now on" to the minute: to the microsecond, its counts were never kept.
    "calendar": ("CalendarPage", "?area=seniorzy&free=1", "?q=festyn"),
    "partners": ("PartnersIndexPage", None, None),
    "premises": ("PremisesIndexPage", None, None),
    "district councils": ("DistrictCouncilIndexPage", None, None),
    "fairs": ("FairIndexPage", None, None),
}
CASES = [
    pytest.param(listing, variant, id=f"{listing}, {variant}")
    for listing, (_model, filtered, text) in LISTINGS.items()
    for variant, query in (("all", ""), ("filtered", filtered), ("text", text))
    if query is not None
]


def _index_url(model_name):
    # By class name: the families are moving into apps of their own (issue 21).
    model = next(m for m in apps.get_models() if m.__name__ == model_name)
    page = model.objects.live().filter(locale__language_code="pl").first()
    assert page is not None, f"the demo has no {model_name}"
    return page.url


@pytest.mark.parametrize(("listing", "variant"), CASES)
def test_a_listing_runs_at_most_twelve_queries(client, demo, generation_caches, listing, variant):
    model_name, filtered, text = LISTINGS[listing]
    url = _index_url(model_name) + {"all": "", "filtered": filtered, "text": text}[variant]
    # The first request creates the site's settings rows (a change: a new generation), the
    # second reads what is then kept.
    queries_of(client, url)
    queries_of(client, url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    queries = [query["sql"][:160] for query in captured.captured_queries]
    assert len(queries) <= MAX_LISTING_QUERIES, "\n".join(queries)
    # Nothing is counted again: the total and every facet's counts are kept per generation.
    counted = [sql for sql in queries if "COUNT(" in sql.upper()]
    assert not counted, "\n".join(counted)


@pytest.mark.django_db
def test_a_finished_index_task_starts_a_new_generation(homes, generation_caches):
    # With a task worker the index changes after the publication: what a text filter found
    # before must not be kept past it.
    from portal.cache import current_generation
    from search.indexing import index_page

    before = current_generation()
    index_page.enqueue(homes["pl"].pk)
    assert current_generation() != before
