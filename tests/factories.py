"""Factories for the portal's page types (wagtail-factories)."""

import datetime
from contextlib import contextmanager

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from pages.calendar.models import CalendarPage, EventCategory, EventPage
from pages.knowledge.models import KnowledgeArticlePage, KnowledgeIndexPage
from pages.models import (
    AreaOfPublicBenefit,
    District,
    LegalForm,
    OrganizationIndexPage,
    OrganizationPage,
    StandardPage,
)
from pages.news.models import NewsIndexPage, NewsPage
from pages.stories.models import StoryIndexPage, StoryPage
from pages.trainings.models import TrainingIndexPage, TrainingPage, TrainingSession
from pages.volunteering.models import VolunteerOfferIndexPage, VolunteerOfferPage
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


class VolunteerOfferIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wolontariat"
    slug = "wolontariat"

    class Meta:
        model = VolunteerOfferIndexPage


class VolunteerOfferPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Oferta wolontariatu {n}")
    slug = factory.Sequence(lambda n: f"oferta-{n}")
    lead = "Pomoc przy festynie osiedlowym."
    tasks = "Obsługa stoisk i gier dla dzieci."
    city = "Poznań"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    class Meta:
        model = VolunteerOfferPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()


class TrainingIndexPageFactory(wagtail_factories.PageFactory):
    title = "Szkolenia"
    slug = "szkolenia"

    class Meta:
        model = TrainingIndexPage


def make_training(parent, days_ahead=14, sessions=1, publish=True, **fields):
    """A training with ``sessions`` sessions starting ``days_ahead`` days from today."""
    number = TrainingPage.objects.count()
    fields.setdefault("title", f"Szkolenie {number}")
    fields.setdefault("slug", f"szkolenie-{number}")
    fields.setdefault("lead", "Jak napisać dobry wniosek o dotację.")
    fields.setdefault("trainers", "Trenerka Przykładowa")
    training = TrainingPage(**fields)
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    training.sessions = [
        TrainingSession(
            date=start + datetime.timedelta(days=7 * n),
            start_time=datetime.time(17, 0),
            end_time=datetime.time(19, 0),
            place="Centrum Organizacji, sala 1",
            online_link="https://meet.example.org/szkolenie",
        )
        for n in range(sessions)
    ]
    training.live = publish
    parent.add_child(instance=training)
    if publish:
        return publish_page(training)
    training.refresh_from_db()
    return training


def area(slug, language="pl"):
    return AreaOfPublicBenefit.objects.get(slug=slug, locale__language_code=language)


def district(slug, language="pl"):
    return District.objects.get(slug=slug, locale__language_code=language)


def locale(language):
    return Locale.objects.get(language_code=language)


class CalendarPageFactory(wagtail_factories.PageFactory):
    title = "Kalendarz wydarzeń"
    slug = "kalendarz"

    class Meta:
        model = CalendarPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An event starting at the given ``start`` (aware), lasting two hours unless ``end``."""

    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    slug = factory.Sequence(lambda n: f"wydarzenie-{n}")
    start = factory.LazyFunction(timezone.now)
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Dobre praktyki"
    slug = "dobre-praktyki"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Historia {n}")
    slug = factory.Sequence(lambda n: f"historia-{n}")
    lead = "Sąsiedzi wspólnie odnowili podwórko."
    year = 2025

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organizations.set(extracted)
            self.save()


def category(slug, language="pl"):
    return EventCategory.objects.get(slug=slug, locale__language_code=language)


class KnowledgeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Baza wiedzy"
    slug = "baza-wiedzy"

    class Meta:
        model = KnowledgeIndexPage


class KnowledgeArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Poradnik {n}")
    slug = factory.Sequence(lambda n: f"poradnik-{n}")
    lead = "Jak założyć stowarzyszenie krok po kroku."

    class Meta:
        model = KnowledgeArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualności"
    slug = "aktualnosci"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wiadomość {n}")
    slug = factory.Sequence(lambda n: f"wiadomosc-{n}")
    lead = "Krótko o tym, co się wydarzyło."
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)
            self.save()
