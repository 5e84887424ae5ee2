"""A database made before the newsletter had an app of its own keeps it after migrate.

The models moved from ``pages`` to ``ngo_newsletter`` (pages 0031, ngo_newsletter 0001) without
touching their tables: the newsletter's page, its subscribers (and their areas), an issue with
its items and deliveries, the permission that runs the newsletter's screen and the portal
search's entry must all be there, under the new app, after migrating forward; a subscriber's
confirmation link still works. (tests/centre/test_centre_migration.py does the same for the centre.)
"""

from django.contrib.auth.models import Group, Permission, User
from wagtail.models import Page

from pages import roles
from pages.newsletter.models import (
    NewsletterDelivery,
    NewsletterIssue,
    NewsletterPage,
    NewsletterSubscriber,
)
from search.models import SearchEntry
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before the newsletter moved (renumbered when branches are merged).
BEFORE = ("pages", "0032_centre_moved_to_ngo_centre")


def test_the_newsletter_made_before_the_move_is_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    page = old_page(
        old,
        home,
        "NewsletterPage",
        "Newsletter",
        "newsletter",
        intro="<p>Co słychać w trzecim sektorze.</p>",
    )
    area = old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug="seniorzy", locale__language_code="pl"
    )
    Subscriber = old.get_model("pages", "NewsletterSubscriber")
    reader = Subscriber.objects.create(
        email="czytelniczka@example.org", language="pl", state="confirmed", token="stary-token"
    )
    reader.areas.add(area)
    pending = Subscriber.objects.create(
        email="nowy@example.org", language="pl", state="pending", token="do-potwierdzenia"
    )
    issue = old.get_model("pages", "NewsletterIssue").objects.create(
        subject="Listopad", language="pl", state="sent"
    )
    old.get_model("pages", "NewsletterItem").objects.create(
        issue=issue, kind="Aktualności", title="Nabór wniosków", url="https://example.org/"
    )
    old.get_model("pages", "NewsletterDelivery").objects.create(
        issue=issue, subscriber=reader, status="sent", attempts=1
    )
    # The newsletter's screen handed to someone outside the city editors, by its permission.
    change = old.get_model("auth", "Permission").objects.get(
        content_type__app_label="pages", codename="change_newsletterissue"
    )
    group = old.get_model("auth", "Group").objects.create(name="Newsletter: redakcja")
    group.permissions.add(change)
    entry = SearchEntry.objects.create(
        page_id=page.pk, language="pl", content_type="pages.newsletterpage", title=page.title
    )
    entry.facets.create(facet="type", value="pages.newsletterpage")

    migrate_to_the_end()

    specific = Page.objects.get(pk=page.pk).specific
    assert isinstance(specific, NewsletterPage)
    assert specific.content_type.app_label == "ngo_newsletter"
    moved = NewsletterSubscriber.objects.get(pk=reader.pk)
    assert (moved.email, moved.token, moved.state) == (
        "czytelniczka@example.org",
        "stary-token",
        "confirmed",
    )
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    sent = NewsletterIssue.objects.get(pk=issue.pk)
    assert [item.title for item in sent.items.all()] == ["Nabór wniosków"]
    assert NewsletterDelivery.objects.get(issue=sent).subscriber == moved

    assert client.get(specific.url).status_code == 200
    # A confirmation link mailed before the move confirms after it.
    assert client.get(f"{specific.url}potwierdz/do-potwierdzenia/").status_code == 200
    assert NewsletterSubscriber.objects.get(pk=pending.pk).state == "confirmed"

    # Handed out by model, the permission still runs the newsletter's screen under the new label.
    assert list(
        Group.objects.get(name="Newsletter: redakcja").permissions.values_list(
            "content_type__app_label", "codename"
        )
    ) == [("ngo_newsletter", "change_newsletterissue")]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_newsletterissue"
    ).exists()
    user = User.objects.create_user("newsletter", "n@example.org", "x-pass-123456")
    user.groups.add(Group.objects.get(name="Newsletter: redakcja"))
    assert roles.can_run(User.objects.get(pk=user.pk), "newsletter")

    # The search names the page's type by the new label.
    entry = SearchEntry.objects.get(page_id=page.pk)
    assert entry.content_type == "ngo_newsletter.newsletterpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_newsletter.newsletterpage"
    ]
