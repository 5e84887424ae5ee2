"""System checks: settings the pages app's security depends on."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def email_changes_need_confirmation(app_configs=None, **kwargs):
    """Wagtail's own e-mail field would change the address at once, without confirming it.

    Invitations are mailed to an address and bound to it, so the account settings must take
    a new address only through `pages.views.account_email` (a mailed link).
    """
    if getattr(settings, "WAGTAIL_EMAIL_MANAGEMENT_ENABLED", True):
        return [
            Error(
                "WAGTAIL_EMAIL_MANAGEMENT_ENABLED must be False: the pages app replaces the "
                "admin's e-mail field with one that confirms the new address by mail.",
                id="pages.E001",
            )
        ]
    return []
