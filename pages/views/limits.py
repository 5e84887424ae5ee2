"""The rate limit of the public forms, with the message a person sees."""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited


def form_rate_limited(request, group, form=None, rate=None):
    """True when this client sent too many of these forms (``PORTAL_APPLICATION_RATE``, or
    ``rate`` for a group that counts other requests, such as the open API's).

    The form, if given, is validated and gets the message on top, so the page shows it with
    everything that was typed; the view answers 429.
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
        form.add_error(None, _("Too many requests from your connection. Try again in an hour."))
    return limited
