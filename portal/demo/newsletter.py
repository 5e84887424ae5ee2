"""The demo newsletter: its page, confirmed subscribers (example.org) and one composed issue."""

from django.utils import timezone

from pages.models import HomePage
from pages.newsletter.composing import pick_recent
from pages.newsletter.models import NewsletterIssue, NewsletterPage, NewsletterSubscriber

from .stories import _index_pages

PAGES = {
    "pl": ("Newsletter", "newsletter", "<p>Co słychać w trzecim sektorze: raz w miesiącu.</p>"),
    "en": ("Newsletter", "newsletter", "<p>News of the third sector, once a month.</p>"),
    "uk": ("Розсилка", "rozsylka", "<p>Новини третього сектору раз на місяць.</p>"),
}


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    _index_pages(homes, NewsletterPage, PAGES, context)
    if NewsletterSubscriber.objects.exists():
        return
    for number in range(max(5, context.size // 5)):
        NewsletterSubscriber.objects.create(
            email=f"czytelnik{number}@example.org",
            language=["pl", "pl", "en", "uk"][number % 4],
            state=NewsletterSubscriber.State.CONFIRMED,
            confirmed_at=timezone.now(),
        )
    issue = NewsletterIssue.objects.create(
        subject="Co słychać w trzecim sektorze",
        language="pl",
        intro="Najważniejsze wiadomości z ostatniego miesiąca.",
    )
    pick_recent(issue)
    context.count("newsletter")
