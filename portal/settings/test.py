"""pytest: fast hashing, immediate tasks, mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off in the tests of page content; tests/core/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
LAYOUT_CACHE = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
# The test client's host: public and admin links in the tests' mails are followed with it.
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# With REDIS_URL set (CI's second pass over the cache and rate-limit tests) the cache and the
# rate limits live in that Redis, as on a site with several web servers. Without it the cache is
# local memory and the rate limits count in the database, as in production without Redis (each
# test's counts go with its transaction).
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_ratelimit_cache",
        },
    }
# Tests log in with client.login()/force_login(), which pass no request to axes; the lockout's
# own tests switch it on (tests/core/test_security.py).
AXES_ENABLED = False
