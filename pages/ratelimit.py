"""The rate limit of the public forms, with the message a person sees.

Every form a resident can send without an account (applications, registrations, claims,
bookings, comments, subscriptions) is limited per client address by ``PORTAL_APPLICATION_RATE``,
counted by django-ratelimit in the "ratelimit" cache that every process shares.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def form_rate_limited(request, group, form=None, message=None, rate=None):
    """True when this client sent too many of these forms; counts this one. ``rate`` replaces
    ``PORTAL_APPLICATION_RATE`` for a group that counts other requests (the open API's).

    The form, if given, is validated and gets ``message`` (by default "Too many requests…") on
    top, so the page shows it with everything that was typed; the view answers 429.
    """
    limited = is_ratelimited(
        request,
        group=group,
        key="ip",
        rate=rate or getattr(settings, "PORTAL_APPLICATION_RATE", "10/h"),
        increment=True,
    )
    if limited and form is not None:
        form.is_valid()
        form.add_error(
            None, message or _("Too many requests from your connection. Try again in an hour.")
        )
    return limited
