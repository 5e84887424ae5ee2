"""The newsletter: double opt-in, one-click unsubscribe, sending with logs and retries."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from pages import roles
from pages.newsletter.models import (
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterItem,
    NewsletterSubscriber,
)
from tests.helpers import html
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter.factories import (
    NewsletterIssueFactory,
    NewsletterPageFactory,
    NewsletterSubscriberFactory,
)
from tests.stories.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


class FailsOnceBackend(EmailBackend):
    """A mail server that refuses the first message it is given, then works."""

    failed = False

    def send_messages(self, messages):
        if not FailsOnceBackend.failed:
            FailsOnceBackend.failed = True
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


@pytest.fixture
def page(homes):
    newsletter = NewsletterPageFactory(parent=homes["pl"])
    newsletter.save_revision().publish()
    return newsletter


@pytest.fixture
def editor(db):
    user = User.objects.create_user("redakcja", "redakcja@example.org", "x-pass-123456")
    user.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    return user


def subscribe(client, page, email="ola@example.org", **extra):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, {"email": email, "consent": "on", **extra})


def link_in(message, kind):
    url = re.search(rf"https?://\S+/{kind}/\S+/", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def issue_with_item(language="pl"):
    issue = NewsletterIssueFactory(subject="Co słychać", language=language)
    NewsletterItem.objects.create(
        issue=issue, title="Nowy konkurs", url="https://portal.example.org/k/", summary="Ruszył."
    )
    return issue


def test_a_subscriber_confirms_gets_a_test_issue_and_unsubscribes_with_one_click(
    client, page, editor
):
    subscribe(client, page)
    subscriber = NewsletterSubscriber.objects.get()
    assert subscriber.state == NewsletterSubscriber.State.PENDING
    confirm = link_in(mail.outbox[-1], "potwierdz")
    client.get(confirm)
    subscriber.refresh_from_db()
    assert subscriber.state == NewsletterSubscriber.State.CONFIRMED

    issue = issue_with_item()
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/", {"action": "send", "confirm": issue.pk})
    sent = mail.outbox[-1]
    assert sent.to == ["ola@example.org"]
    assert "Nowy konkurs" in sent.body
    assert sent.alternatives[0][1] == "text/html"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(https?://[^>]+)>", sent.extra_headers["List-Unsubscribe"]).group(1)
    client.logout()

    # The mail client's one-click POST carries no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(re.sub(r"^https?://[^/]+", "", unsubscribe))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == NewsletterSubscriber.State.UNSUBSCRIBED

    before = len(mail.outbox)
    second = issue_with_item()
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{second.pk}/", {"action": "send", "confirm": second.pk})
    assert len(mail.outbox) == before


def test_unconfirmed_addresses_receive_nothing_and_subscribing_leaks_nothing(client, page, editor):
    NewsletterSubscriber.objects.create(
        email="znana@example.org", language="pl", state=NewsletterSubscriber.State.CONFIRMED
    )
    known = subscribe(client, page, email="znana@example.org").content.decode()
    unknown = subscribe(client, page, email="nowa@example.org").content.decode()
    notice = lambda text: html_text(text, ".notice")  # noqa: E731
    assert notice(known) == notice(unknown)
    assert [m.to for m in mail.outbox] == [["nowa@example.org"]]  # no mail to the known one

    issue = issue_with_item()
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/", {"action": "send", "confirm": issue.pk})
    assert [m.to for m in mail.outbox[1:]] == [["znana@example.org"]]


def html_text(content, selector):
    from bs4 import BeautifulSoup

    return BeautifulSoup(content, "html.parser").select_one(selector).text.strip()


def test_sending_logs_every_delivery_and_a_failure_can_be_retried(client, page, editor, settings):
    for number in range(3):
        NewsletterSubscriberFactory(email=f"c{number}@example.org", state="confirmed")
    NewsletterSubscriberFactory(email="en@example.org", language="en", state="confirmed")
    settings.EMAIL_BACKEND = "tests.newsletter.test_newsletter.FailsOnceBackend"
    FailsOnceBackend.failed = False
    issue = issue_with_item()
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/", {"action": "send", "confirm": issue.pk})
    statuses = sorted(issue.deliveries.values_list("status", flat=True))
    assert statuses == ["failed", "sent", "sent"]  # the English subscriber is not in it
    progress = html(client.get(f"/admin/newsletter/{issue.pk}/"))
    assert progress.select_one("#failed-count").text == "1"

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/", {"action": "retry"})
    assert sorted(issue.deliveries.values_list("status", flat=True)) == ["sent", "sent", "sent"]
    issue.refresh_from_db()
    assert issue.state == NewsletterIssue.State.SENT
    assert len(mail.outbox) == 3


def test_picking_recent_content_fills_the_issue_from_its_language(client, homes, editor, page):
    index = NewsIndexPageFactory(parent=homes["pl"])
    NewsPageFactory(parent=index, title="Świeża wiadomość", live=False).save_revision().publish()
    stories = StoryIndexPageFactory(parent=homes["pl"])
    StoryPageFactory(parent=stories, title="Świeża praktyka", live=False).save_revision().publish()
    issue = NewsletterIssue.objects.create(subject="Listopad", language="pl")
    client.force_login(editor)
    client.post(f"/admin/newsletter/{issue.pk}/", {"action": "pick"})
    # News first, good practices last, whichever app registered its picker first.
    assert list(issue.items.order_by("sort_order").values_list("title", flat=True)) == [
        "Świeża wiadomość",
        "Świeża praktyka",
    ]
    preview = client.get(f"/admin/newsletter/{issue.pk}/preview/").content.decode()
    assert "Świeża wiadomość" in preview


def test_purge_erases_old_unsubscribed_and_unconfirmed_addresses(page):
    old = timezone.now() - datetime.timedelta(days=40)
    gone = NewsletterSubscriber.objects.create(
        email="stara@example.org", language="pl", state="unsubscribed", unsubscribed_at=old
    )
    recent = NewsletterSubscriber.objects.create(
        email="swieza@example.org",
        language="pl",
        state="unsubscribed",
        unsubscribed_at=timezone.now(),
    )
    unconfirmed = NewsletterSubscriber.objects.create(email="nie@example.org", language="pl")
    NewsletterSubscriber.objects.filter(pk=unconfirmed.pk).update(created_at=old)
    issue = issue_with_item()
    NewsletterDelivery.objects.create(issue=issue, subscriber=gone, status="sent")
    call_command("purge_newsletter_subscribers", verbosity=0)
    assert list(NewsletterSubscriber.objects.values_list("email", flat=True)) == [recent.email]
    assert NewsletterDelivery.objects.get().subscriber is None  # the log stays, anonymous


def test_the_newsletter_admin_is_refused_to_anonymous_and_ngo_editors(client, page):
    issue = issue_with_item()
    assert (
        client.post(
            f"/admin/newsletter/{issue.pk}/", {"action": "send", "confirm": issue.pk}
        ).status_code
        == 302
    )
    moderator = User.objects.create_user("moderator", "m@example.org", "x-pass-123456")
    moderator.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(moderator)
    NewsletterSubscriber.objects.create(email="tajny@example.org", language="pl", state="confirmed")
    response = client.post(
        f"/admin/newsletter/{issue.pk}/", {"action": "send", "confirm": issue.pk}
    )
    assert response.status_code in (302, 403)
    assert not issue.deliveries.exists()
    assert "tajny@example.org" not in client.get("/admin/newsletter/").content.decode()


def test_demo_has_subscribers_and_a_composed_issue(demo):
    assert NewsletterSubscriber.objects.filter(state="confirmed").count() >= 5
    assert NewsletterIssue.objects.get().items.exists()


def test_sending_asks_first_and_says_to_how_many(client, page):
    editor = User.objects.create_user("redakcja", "r@example.org", "x-pass-123456")
    editor.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    for n in range(3):
        NewsletterSubscriberFactory(email=f"s{n}@example.org", state="confirmed")
    issue = issue_with_item()
    client.force_login(editor)
    # One press on "Send to all subscribers" sends nothing: it asks, naming the audience.
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/admin/newsletter/{issue.pk}/", {"action": "send"})
    assert response.status_code == 200
    assert "trafi do 3 subskrybentów" in html(response).select_one("#send-summary").text
    assert not issue.deliveries.exists() and not mail.outbox
    issue.refresh_from_db()
    assert issue.state == NewsletterIssue.State.DRAFT

    confirmed = {"action": "send", "confirm": issue.pk}
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/admin/newsletter/{issue.pk}/", confirmed)
        client.post(f"/admin/newsletter/{issue.pk}/", confirmed)  # a double click
    assert sorted(m.to[0] for m in mail.outbox) == [f"s{n}@example.org" for n in range(3)]


@pytest.mark.django_db
def test_the_confirmation_comes_in_the_language_of_the_subscription():
    from pages.newsletter.emails import send_newsletter_confirmation

    subscriber = NewsletterSubscriber.objects.create(email="olena@example.org", language="uk")
    send_newsletter_confirmation.enqueue(subscriber.pk)
    assert mail.outbox[-1].subject == "Підтвердіть підписку на розсилку"
    assert mail.outbox[-1].to == ["olena@example.org"]
