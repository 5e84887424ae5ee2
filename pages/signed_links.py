"""Signed links mailed to people, each kind with the time it works for.

A signed link is a key: it lets whoever holds the mail change or delete what it names. None may
work forever, so each kind has a maximum age that fits its use (settings
``PORTAL_SIGNED_LINK_MAX_AGE_DAYS`` overrides a kind, in days). An expired link shows a page
that says so (``expired_response``) rather than a bare 404.
"""

from django.conf import settings
from django.core import signing

DAY = 24 * 3600

# Days a link of each kind works, counted from when it was signed (the mail was sent).
MAX_AGE_DAYS = {
    # A leader edits or deletes the profile with it; after that the office does it on request.
    "leader-profile": 365,
    # Cancelling an advice appointment: appointments are booked weeks, not months, ahead.
    "advice-appointment": 120,
    # Cancelling a room booking: bookings may be made up to a year ahead.
    "centre-booking": 400,
    # The staff's calendar subscription to a resource's bookings: shown again in the admin
    # (with a fresh signature) whenever it is needed; two years before it must be copied anew.
    "centre-feed": 730,
}


def max_age(kind):
    days = getattr(settings, "PORTAL_SIGNED_LINK_MAX_AGE_DAYS", {}).get(kind, MAX_AGE_DAYS[kind])
    return days * DAY


def dumps(kind, data, salt):
    return signing.dumps(data, salt=salt)


def loads(kind, token, salt):
    """The signed data; ``signing.SignatureExpired`` when older than the kind's maximum age,
    ``signing.BadSignature`` when forged or damaged."""
    return signing.loads(token, salt=salt, max_age=max_age(kind))


def expired_response(page, request):
    """The page a person sees when following a link that has expired (410 Gone)."""
    response = page.render(request, template="pages/link_expired.html")
    response.status_code = 410
    return response
