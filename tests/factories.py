"""Factories for the portal's page types (wagtail-factories)."""

import factory
import wagtail_factories
from wagtail.models import Locale

from pages.models import (
    AreaOfPublicBenefit,
    District,
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    StandardPage,
)

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
