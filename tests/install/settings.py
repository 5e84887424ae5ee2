"""A minimal host: a Wagtail site of another city that installs only the reusable apps.

No `portal` (the demo host): no site tree, districts or host middleware of its own. The database
is the SQLite file INSTALL_DATABASE names (tests/core/test_packaging.py gives each run a fresh one).
The feature apps it takes are INSTALL_FEATURES (comma-separated modules, e.g. `pages.calendar`):
core alone when empty. Its own `templates/base.html` is the whole of what a host must give the
apps' templates (the contract is written in it).
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
FEATURES = [name for name in os.environ.get("INSTALL_FEATURES", "").split(",") if name]

SECRET_KEY = "install-test-only-secret-key-not-for-production-0123456789"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
# The host's package is whatever folder holds this file (tests.install here, a copy elsewhere).
ROOT_URLCONF = f"{__package__}.urls"

INSTALLED_APPS = [
    "pages",
    *FEATURES,
    "blocks",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("INSTALL_DATABASE", ":memory:"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Another city"
WAGTAILADMIN_BASE_URL = BASE_URL = "http://city.example.org"
# Required by pages (check pages.E001): its own e-mail change confirms the new address by mail.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
