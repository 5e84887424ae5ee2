"""One public address: ``BASE_URL`` decides the default Wagtail Site's hostname and port.

Wagtail builds every absolute page URL (``get_full_url``: mails, exports, the iCal ``URL``, the
"add to calendar" links, the sitemap) from the Site record, and every admin link from
``WAGTAILADMIN_BASE_URL``. The settings derive ``WAGTAILADMIN_BASE_URL`` from ``BASE_URL``, and
``migrate`` (post_migrate, below) writes ``BASE_URL``'s host and port into the default Site, so
both kinds of link name the address the portal is served at, whatever host a request came in
under. A system check warns when the Site no longer matches (edited in the admin, or ``BASE_URL``
changed without a ``migrate``).

Wagtail's Site can say ``http://host:port``, ``http://host`` (80) and ``https://host`` (443) only:
``https`` on another port, or a path after the host, cannot be a Site's address, and the check
says so.
"""

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    """The public address without a trailing slash."""
    return (getattr(settings, "BASE_URL", None) or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def host_and_port(url):
    """The (hostname, port) of a Site serving ``url``."""
    parts = urlsplit(url)
    return parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def root_url(hostname, port):
    """What Wagtail's ``Site.root_url`` gives for this host and port."""
    if port == 80:
        return f"http://{hostname}"
    if port == 443:
        return f"https://{hostname}"
    return f"http://{hostname}:{port}"


def sync_default_site(site_model=None, using=DEFAULT_DB_ALIAS):
    """Give the default Site ``BASE_URL``'s host and port; True when it changed.

    Idempotent, and a no-op before the site tree exists (an emptied database).
    """
    if site_model is None:
        from wagtail.models import Site as site_model
    site = site_model.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = host_and_port(base_url())
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    # save(), not update(): Wagtail's post_save handler clears its cache of site root paths.
    site.save(using=using, update_fields=["hostname", "port"])
    return True


def sync_after_migrate(sender, using=DEFAULT_DB_ALIAS, plan=None, **kwargs):
    """post_migrate: the real Site model (the handler may run Wagtail's save signals), once its
    table exists."""
    from wagtail.models import Site

    # Migrated backwards to before wagtailcore's tables: nothing to sync.
    with contextlib.suppress(DatabaseError):
        sync_default_site(Site, using=using)


def _database_exists():
    """False for an SQLite file not created yet: connecting would create an empty one."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return True
    return Path(connection.settings_dict["NAME"]).exists()


@checks.register(checks.Tags.compatibility)
def check_default_site_matches_base_url(app_configs=None, **kwargs):
    from wagtail.models import Site

    if not _database_exists():
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        # No database yet (before the first migrate): migrate will set the Site.
        return []
    if site is None:
        return []
    expected = base_url()
    if site.root_url == expected:
        return []
    hostname, port = host_and_port(expected)
    if root_url(hostname, port) != expected:
        hint = (
            "Wagtail's Site can be http://host:port, http://host or https://host only: give "
            "BASE_URL one of these forms."
        )
    else:
        hint = "Run `manage.py migrate` (it sets the default Site from BASE_URL)."
    return [
        checks.Warning(
            f"The default Site's address {site.root_url} differs from BASE_URL {expected}: "
            "links in e-mails, feeds and exports would point to the Site's address.",
            hint=hint,
            id="portal.W001",
        )
    ]
