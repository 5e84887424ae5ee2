"""The newsletter's mail: the confirmation of a subscription (double opt-in), and an issue sent
in batches by tasks, one delivery row per recipient (django-tasks; immediate in development)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from pages.mail import mail_task, send_in_language

from .composing import build_message, unsubscribe_url
from .models import NewsletterDelivery, NewsletterIssue, NewsletterPage, NewsletterSubscriber


@mail_task
def send_newsletter_confirmation(subscriber_id):
    subscriber = NewsletterSubscriber.objects.filter(pk=subscriber_id, state="pending").first()
    if subscriber is None:
        return
    page = NewsletterPage.objects.live().filter(locale__language_code=subscriber.language).first()
    page = page or NewsletterPage.objects.live().first()
    link = f"{page.get_full_url()}potwierdz/{subscriber.token}/" if page else ""
    send_in_language(
        subscriber.language,
        subscriber.email,
        gettext_lazy("Confirm your newsletter subscription"),
        "ngo_newsletter/confirm_email.txt",
        {"link": link},
    )


NEWSLETTER_BATCH = 200


@task()
def send_newsletter_batch(issue_id):
    """Send up to NEWSLETTER_BATCH pending deliveries of an issue; enqueue the rest."""
    issue = NewsletterIssue.objects.filter(pk=issue_id).first()
    if issue is None:
        return
    deliveries = list(
        NewsletterDelivery.objects.filter(issue=issue, status="pending")
        .select_related("subscriber")
        .order_by("pk")[:NEWSLETTER_BATCH]
    )
    for delivery in deliveries:
        subscriber = delivery.subscriber
        delivery.attempts += 1
        if subscriber is None or subscriber.state != "confirmed":
            delivery.status, delivery.error = "failed", "unsubscribed"
        else:
            try:
                build_message(issue, subscriber.email, unsubscribe_url(subscriber)).send()
                delivery.status, delivery.error, delivery.sent_at = "sent", "", timezone.now()
            except Exception as error:  # noqa: BLE001 (every failure is logged on the row)
                delivery.status, delivery.error = "failed", str(error)[:500]
        delivery.save(update_fields=["status", "error", "attempts", "sent_at"])
    if NewsletterDelivery.objects.filter(issue=issue, status="pending").exists():
        send_newsletter_batch.enqueue(issue_id)
    else:
        NewsletterIssue.objects.filter(pk=issue_id).update(state="sent", sent_at=timezone.now())
