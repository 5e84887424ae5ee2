"""Production: secrets from the environment, HTTPS everywhere, tasks in a worker.

Passes `manage.py check --deploy` with no warnings. Behind a reverse proxy that terminates TLS,
set SECURE_PROXY_SSL_HEADER=true so Django trusts its X-Forwarded-Proto header.
"""

from urllib.parse import urlsplit

from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.require(
    "SECRET_KEY", "Production needs a long random secret: set SECRET_KEY in the environment."
)
if len(SECRET_KEY) < 50:
    raise env.ConfigurationError("SECRET_KEY must be at least 50 characters long in production.")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise env.ConfigurationError(
        "ALLOWED_HOSTS is required in production: a comma-separated list of the site's hosts."
    )
# Every link in mails, feeds and exports names BASE_URL (portal/site_address.py): the
# development default (127.0.0.1:8000) would send residents nowhere.
env.require(
    "BASE_URL", "Production needs the public address: set BASE_URL, e.g. https://ngo.example.org."
)
if not validate_host(urlsplit(BASE_URL).hostname, ALLOWED_HOSTS):  # noqa: F405
    raise env.ConfigurationError(
        "BASE_URL's host must be one of ALLOWED_HOSTS, or its links would be refused."
    )

# A connection kept between requests: opening one per request cost PostgreSQL's home page 40% of
# its requests per second (issue 22); health checks replace a connection the server dropped.
DATABASES["default"]["CONN_MAX_AGE"] = env.get_int("CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
if env.get_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.get_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.get_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Compressed, cache-busted static files served by WhiteNoise (run `collectstatic` on deploy).
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405  (uploads: the disk, or S3-compatible storage with S3_BUCKET)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Tasks are stored in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
