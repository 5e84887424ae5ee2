"""Core's factories (wagtail-factories): the standard page, the NGO directory's pages, the
taxonomies' lookups and the helpers every app's tests use (``publish_page``, ``pages_in_bulk``).

Each feature app's page types and models have their factories in ``tests/<app>/factories.py``;
nothing of a feature is imported here, so core's tests need no feature app."""

from contextlib import contextmanager

import factory
import wagtail_factories
from wagtail.models import Locale

from pages.models import (
    AreaOfPublicBenefit,
    District,
    HomePage,
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    StandardPage,
)
from portal.demo import bulk

# True inside `pages_in_bulk()`: `publish_page` then takes the demo loader's bulk path.
_in_bulk = False


@contextmanager
def pages_in_bulk():
    """Build many pages fast, for tests that compare a listing's queries at two sizes.

    The benchmark loader's path (portal/demo/bulk.py): pages are live when `add_child` saves
    them, `publish_page` adds no revision, per-save indexing is off and both search indexes are
    rebuilt once when the block ends. What a listing reads is the same as after a publication.
    """
    global _in_bulk
    with bulk.indexes_rebuilt_at_the_end(True):
        _in_bulk = True
        try:
            yield
        finally:
            _in_bulk = False


def publish_page(page):
    """Publish a page as an editor would (a revision), or in bulk without one."""
    if _in_bulk:
        assert page.live, "in bulk, a page is published by being saved live"
        bulk.publish_without_revision(page)
    else:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


# Valid identifiers (checksums included) for tests: KRS numbers need no checksum.
VALID_NIPS = ["5260250995", "7251801126", "1132191233", "5213017228", "7740001454"]
VALID_REGONS = ["012345678", "123456785", "192598184", "000331501", "630303246"]


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Strona {n}")
    slug = factory.Sequence(lambda n: f"strona-{n}")

    class Meta:
        model = StandardPage


class OrganizationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Organizacje"
    slug = "organizacje"

    class Meta:
        model = OrganizationIndexPage


class OrganizationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Stowarzyszenie Testowe {n}")
    slug = factory.Sequence(lambda n: f"stowarzyszenie-testowe-{n}")
    legal_form = LegalForm.ASSOCIATION
    krs = factory.Sequence(lambda n: f"{n:010d}")
    city = "Poznań"
    postal_code = "61-001"
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")

    class Meta:
        model = OrganizationPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()

    @factory.post_generation
    def districts(self, create, extracted, **kwargs):
        if create and extracted:
            self.districts.set(extracted)
            self.save()


def area(slug, language="pl"):
    return AreaOfPublicBenefit.objects.get(slug=slug, locale__language_code=language)


def district(slug, language="pl"):
    return District.objects.get(slug=slug, locale__language_code=language)


def locale(language):
    return Locale.objects.get(language_code=language)


def home(language="pl"):
    """The home page of ``language`` (the default site's root is the Polish one)."""
    return HomePage.objects.get(depth=2, locale__language_code=language)


def home_organization():
    """An organization page under the Polish home page, for a model factory's organization."""
    return OrganizationPageFactory(parent=home())
