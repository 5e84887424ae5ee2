"""Composing and sending the newsletter: picking recent content, building each e-mail.

What an issue may pick is a small registry of page types (``PICKERS``): a page family adds itself
with ``register_picker("app_label.Model", label, order)``, a feature app from its
``AppConfig.ready()``; an issue lists the kinds by ``order``, whichever app registered first.
"""

import datetime

from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

PICKERS = []
PICK_DAYS = 31
PER_KIND = 5


def register_picker(model_label, label, order):
    if any(known == model_label for _order, known, _label in PICKERS):
        return
    PICKERS.append((order, model_label, label))
    PICKERS.sort(key=lambda picker: picker[0])


register_picker("pages.EventPage", _("Events"), 30)
register_picker("pages.TrainingPage", _("Trainings"), 40)
register_picker("pages.GrantCallPage", _("Grant calls"), 50)


def pick_recent(issue, days=PICK_DAYS):
    """Fill ``issue`` with what was published in its language in the last ``days`` days."""
    from pages.models import NewsletterItem

    since = timezone.now() - datetime.timedelta(days=days)
    order = issue.items.count()
    created = []
    with translation.override(issue.language):
        for _order, model_label, label in PICKERS:
            model = apps.get_model(model_label)
            pages = (
                model.objects.live()
                .public()
                .filter(locale__language_code=issue.language, first_published_at__gte=since)
                .order_by("-first_published_at")[:PER_KIND]
            )
            for page in pages:
                created.append(
                    NewsletterItem(
                        issue=issue,
                        kind=str(label),
                        title=page.title,
                        url=page.get_full_url(),
                        summary=(getattr(page, "lead", "") or page.search_description or "")[:400],
                        sort_order=order,
                    )
                )
                order += 1
    NewsletterItem.objects.bulk_create(created)
    return len(created)


def unsubscribe_url(subscriber, request=None):
    """The one-click address (RFC 8058) of one subscriber."""
    from django.urls import reverse
    from wagtail.admin.utils import get_admin_base_url

    return get_admin_base_url() + reverse("newsletter_one_click", args=[subscriber.token])


def build_message(issue, email, unsubscribe):
    """The issue as a multipart e-mail to one address, with RFC 8058 one-click unsubscribe."""
    items = list(issue.items.all())
    with translation.override(issue.language):
        context = {"issue": issue, "items": items, "unsubscribe_url": unsubscribe}
        html = render_to_string("pages/newsletter/email.html", context)
        text = render_to_string("pages/newsletter/email.txt", context)
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(issue.subject, text, None, [email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def preview_html(issue):
    with translation.override(issue.language):
        return render_to_string(
            "pages/newsletter/email.html",
            {"issue": issue, "items": list(issue.items.all()), "unsubscribe_url": "#"},
        )
