"""The admin login's lockout (django-axes): the login page again, with why and for how long."""

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def client_ip(request):
    """The client's address as the rate limits see it (``CLIENT_IP_META_KEY``)."""
    return request.META.get(getattr(settings, "CLIENT_IP_META_KEY", "REMOTE_ADDR")) or None


def lockout_message():
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return _(
        "Too many wrong passwords for this account. Logging in to it from this connection is "
        "locked for %(minutes)d min.; try again later or ask the portal's administrator."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's login form with the lockout as its error (429), or the message alone.

    The right password is refused too while the lock lasts: axes' backend stops the check
    before the password is read, so the page cannot tell a guesser whether it was right.
    """
    message = lockout_message()
    form = None
    if isinstance(original_response, TemplateResponse) and original_response.context_data:
        form = original_response.context_data.get("form")
    if form is not None and hasattr(form, "add_error"):
        form.is_valid()
        # Replace the "wrong username or password" error: this one says what to do.
        form.errors.pop("__all__", None)
        form.add_error(None, message)
        original_response.content = original_response.rendered_content
        original_response.status_code = 429
        return original_response
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
