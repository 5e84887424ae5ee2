"""Subscribing to the newsletter (double opt-in), confirming, and one-click unsubscribing."""

from django import forms
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from pages.models import AreaOfPublicBenefit
from pages.ratelimit import form_rate_limited

from .models import NewsletterSubscriber, new_token

CONSENT = gettext_lazy(
    "I agree that the city office sends me the newsletter to this address. I can unsubscribe "
    "with one click in every issue; my address is then erased."
)


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    areas = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Areas that interest you (optional)"),
        queryset=AreaOfPublicBenefit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(label=CONSENT)
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = AreaOfPublicBenefit.objects.filter(
            locale__language_code=language
        )


def subscribe_view(page, request):
    language = page.locale.language_code
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST, language=language)
        if request.POST.get("website"):
            return page.render(request, context_overrides={"sent": True})
        if form_rate_limited(request, "newsletter-subscribe", form):
            status = 429
        elif form.is_valid():
            _subscribe(form.cleaned_data, language)
            # The same answer whether or not the address was known: nothing leaks.
            return page.render(request, context_overrides={"sent": True})
        else:
            status = 400
    else:
        form = SubscribeForm(language=language)
    response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    return response


def _subscribe(data, language):
    from .emails import send_newsletter_confirmation

    subscriber, created = NewsletterSubscriber.objects.get_or_create(
        email=data["email"].lower(),
        defaults={"language": language, "consent_text": str(CONSENT)},
    )
    if subscriber.state == NewsletterSubscriber.State.CONFIRMED:
        return
    if not created:
        subscriber.state = NewsletterSubscriber.State.PENDING
        subscriber.language = language
        subscriber.token = new_token()
        subscriber.consent_text = str(CONSENT)
        subscriber.save()
    subscriber.areas.set(data["areas"])
    transaction.on_commit(lambda: send_newsletter_confirmation.enqueue(subscriber.pk))


def confirm_view(page, request, token):
    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if subscriber is None or subscriber.state == NewsletterSubscriber.State.UNSUBSCRIBED:
        raise Http404
    if subscriber.state == NewsletterSubscriber.State.PENDING:
        subscriber.state = NewsletterSubscriber.State.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["state", "confirmed_at"])
    return page.render(request, context_overrides={"confirmed": True})


def unsubscribe_view(page, request, token):
    """The page's own unsubscribe route: a button (POSTs to the one-click address)."""
    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    return page.render(
        request,
        context_overrides={
            "confirm_unsubscribe": True,
            "unsubscribe_action": reverse("newsletter_one_click", args=[token]),
        },
    )


# One-click unsubscribe (RFC 8058): mail clients POST without a CSRF token, so this is a plain
# Django view outside Wagtail's page serving, exempt from CSRF. The token in the URL is the
# secret; a GET shows a button instead, as link checkers and previews follow GET links.
@csrf_exempt
def one_click_unsubscribe(request, token):
    from django.shortcuts import render

    subscriber = NewsletterSubscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    with translation.override(subscriber.language):
        if request.method == "POST":
            if subscriber.state != NewsletterSubscriber.State.UNSUBSCRIBED:
                subscriber.state = NewsletterSubscriber.State.UNSUBSCRIBED
                subscriber.unsubscribed_at = timezone.now()
                subscriber.save(update_fields=["state", "unsubscribed_at"])
            return render(request, "ngo_newsletter/unsubscribed.html", {"done": True})
        return render(request, "ngo_newsletter/unsubscribed.html", {"done": False})
