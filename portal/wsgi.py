"""WSGI entry point; production settings unless DJANGO_SETTINGS_MODULE says otherwise."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

try:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
except ImproperlyConfigured as exc:
    # One clear line in the server's log instead of a traceback.
    sys.exit(f"Configuration error: {exc}")
