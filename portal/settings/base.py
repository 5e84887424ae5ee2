"""Settings shared by every environment; dev, test and production adjust them.

Everything that differs between machines comes from the environment through ``env``; see the
configuration table in README.md.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from . import env

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = False
SECRET_KEY = env.get("SECRET_KEY")
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The portal's reusable apps, then the host site.
    "pages",
    "pages.leaders",
    "pages.cooperation",
    "pages.stories",
    "pages.knowledge",
    "pages.news",
    "pages.library",
    "pages.partners",
    "pages.premises",
    "pages.initiatives",
    "pages.surveys",
    "pages.fairs",
    "pages.district_councils",
    "pages.letters",
    "pages.grants",
    "pages.consultations",
    "pages.centre",
    "pages.caretakers",
    "pages.newsletter",
    "pages.calendar",
    "pages.trainings",
    "pages.council",
    "pages.volunteering",
    "blocks",
    "search",
    "portal",
    # Wagtail and its contrib apps.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
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
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    # Last, as its documentation asks: it wraps the other apps' login signals.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so a page served from the cache carries the headers too.
    "portal.middleware.SecurityHeadersMiddleware",
    "portal.middleware.StripNullCharactersMiddleware",
    # CORS and the rate limit of /api/, before the page cache so cached answers get both.
    "portal.api.ApiAccessMiddleware",
    # Anonymous pages and feeds from the cache, before the session and database are touched.
    "portal.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, but an admin 404 is not redirected into the public site.
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The benchmarks read each request's number of SQL queries from a response header.
if env.get_bool("BENCH_QUERY_HEADER", False):
    MIDDLEWARE.insert(0, "portal.middleware.QueryCountHeaderMiddleware")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: a SQLite file under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
if not env.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)  # the embedded default works straight from a fresh clone
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise. The rate limits count in their own
# alias: with Redis the same server, without it Django's database cache (the table comes with
# portal's migration 0001), because a count kept in each process's memory lets N workers accept
# N times the limit.
REDIS_URL = env.redis_url("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "TIMEOUT": 300,
        },
    }
    CACHES["ratelimit"] = CACHES["default"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_ratelimit_cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
RATELIMIT_USE_CACHE = "ratelimit"

# Anonymous pages and feeds are served from the cache for at most this long (and never across
# midnight); any change of content forgets them at once (portal/cache.py). 0 turns it off.
PAGE_CACHE_SECONDS = env.get_int("PAGE_CACHE_SECONDS", 300)
# The menu, language links and footer links of every page, by the same generation; on even
# with PAGE_CACHE_SECONDS=0 (LAYOUT_CACHE=false turns it off).
PAGES_LAYOUT_CACHE_VERSION = "portal.cache.layout_generation"
LAYOUT_CACHE = env.get_bool("LAYOUT_CACHE", True)
# The calendar's iCal feed is kept per generation while the page cache is on (built on every
# request with it off, so that it can be measured).
PAGES_FEED_CACHE_VERSION = "portal.cache.feed_generation"

# Background work (Wagtail 8 runs reference indexing and renditions through django-tasks):
# immediate here, the database backend with `manage.py db_worker` in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-axes first: it refuses a locked-out account before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login brute force: after AXES_FAILURE_LIMIT wrong passwords for one account from one
# address, that account is locked from that address for AXES_COOLOFF_MINUTES (the owner can
# still log in from elsewhere, and another account from the same address is not affected).
# The address is the one the rate limits count by (CLIENT_IP_META_KEY below).
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.get_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.security.lockout_response"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "portal.security.client_ip"
# Where the client's address is read from, for the rate limits and the login lockout:
# REMOTE_ADDR, or behind a reverse proxy the header it sets to the client's address
# (HTTP_X_REAL_IP for nginx's `proxy_set_header X-Real-IP $remote_addr`). Never a header the
# client could send itself past the proxy.
CLIENT_IP_META_KEY = env.get("CLIENT_IP_META_KEY", "REMOTE_ADDR")
RATELIMIT_IP_META_KEY = CLIENT_IP_META_KEY

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Polish first, then English and Ukrainian; every public URL carries its language.
LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", "Polski"),
    ("en", "English"),
    ("uk", "Українська"),
]
# The admin names a content language in the admin's own language ("Opublikuj wersję językową:
# ukraiński"), where LANGUAGES keeps each name in its own language for the public switcher.
WAGTAIL_CONTENT_LANGUAGES = [
    ("pl", _("Polish")),
    ("en", _("English")),
    ("uk", _("Ukrainian")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The portal's own strings, then the Polish and Ukrainian that Wagtail's catalogues lack
# (scripts/upstream_i18n.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.get("STATIC_ROOT", str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.get("MEDIA_ROOT", str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (images, documents, their renditions) go to S3-compatible object storage when S3_BUCKET
# is set: with several web servers, a file one of them received must be there for the others
# (MEDIA_ROOT is one machine's disk). The bucket stays private: links are signed and expire
# (S3_URL_EXPIRE seconds, longer than a page stays cached); documents still pass through
# Wagtail's serve view, which checks privacy before it redirects. The keys come from the
# environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or from the
# machine's role.
S3_BUCKET = env.get("S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.http_url("S3_ENDPOINT_URL"),
            "region_name": env.get("S3_REGION"),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.get_int("S3_URL_EXPIRE", 3600),
            "file_overwrite": False,
        },
    }

# Uploads are limited: 10 MB a document, 10 MB and 40 megapixels an image.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A document's content must be of the kind its extension says (pages/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "pages.uploads.DocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Content-Security-Policy (django-csp) on every page: scripts and styles only from the portal's
# own files (no inline script or style attribute in its templates), map tiles from
# OpenStreetMap, embedded videos from YouTube and Vimeo. The JSON-LD blocks are data, not script,
# and need no exception.
_MAP_TILE_ORIGIN = env.get("MAP_TILE_ORIGIN", "https://tile.openstreetmap.org")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _MAP_TILE_ORIGIN],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # 'self', not 'none': the page editor's live preview shows the page in a frame.
        "frame-ancestors": ["'self'"],
    }
}
# Wagtail's admin (and wagtail-localize's editor) still write inline scripts and style
# attributes in their own templates, which the portal cannot change: under /admin/ scripts and
# styles may be inline, images come from anywhere over HTTPS (embed thumbnails), and everything
# else stays as strict as on the public pages (portal/middleware.py picks the policy).
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
}
# Features no page uses are switched off for the page and everything it embeds (the maps show
# where organizations are, never where the visitor is).
PORTAL_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# How long each kind of signed link mailed to a person works (pages/signed_links.py), in days.
PORTAL_SIGNED_LINK_MAX_AGE_DAYS = {}

# E-mail: the console in development, SMTP in production (EMAIL_HOST and friends).
EMAIL_BACKEND = env.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env.get_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.get_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env.get_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env.get("DEFAULT_FROM_EMAIL", "Portal NGO <portal@example.org>")
SERVER_EMAIL = env.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail
WAGTAIL_SITE_NAME = env.get("SITE_NAME", "Portal organizacji pozarządowych")
# The one public address (scheme, host, port): admin links in mails use it through
# WAGTAILADMIN_BASE_URL, and `migrate` writes its host and port into the default Site, from which
# Wagtail builds every public absolute URL (portal/site_address.py; `make run` sets it from PORT).
BASE_URL = (env.http_url("BASE_URL") or "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A review workflow's approval publishes the page even when the reviewer (a city moderator) may
# not publish directly: the workflow is their only road to publishing (pages/roles.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "pages.workflow_actions.publish_approved"
# No avatars from gravatar.com: editors' e-mail hashes stay here, and the admin's policy
# loads no images over plain HTTP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Portal search: Elasticsearch through elasticsearch-dsl when ELASTICSEARCH_URL is set; the
# database backend above otherwise, and whenever the search server does not answer.
ELASTICSEARCH_URL = env.http_url("ELASTICSEARCH_URL")
PORTAL_SEARCH = {
    "ELASTICSEARCH_URL": ELASTICSEARCH_URL,
    "INDEX_PREFIX": env.get("ELASTICSEARCH_INDEX_PREFIX", "portal"),
    "TIMEOUT": env.get_int("ELASTICSEARCH_TIMEOUT", 2),
}

# Volunteering: how long volunteers' data is kept after an offer ends, and how many applications
# one client address may send (django-ratelimit counts in the cache: set REDIS_URL when several
# server processes run, or each counts on its own).
PORTAL_APPLICATION_RETENTION_MONTHS = env.get_int("APPLICATION_RETENTION_MONTHS", 12)
PORTAL_APPLICATION_RATE = env.get("APPLICATION_RATE_LIMIT", "10/h")
# The NGO centre's private log of advice given to organizations (pages.caretakers): notes older
# than this are deleted daily (delete_old_advice_notes). Five years: an organization's matters
# (a grant's settlement, an audit) reach back that far, and nothing older is needed.
PORTAL_ADVICE_NOTES_RETENTION_YEARS = env.get_int("ADVICE_NOTES_RETENTION_YEARS", 5)

# The open content API (/api/v2/, portal/api.py): requests one client address may make, the
# largest page of results, and the licence the datasets are published under.
API_RATE_LIMIT = env.get("API_RATE_LIMIT", "1000/h")
WAGTAILAPI_LIMIT_MAX = env.get_int("API_LIMIT_MAX", 100)
WAGTAILAPI_BASE_URL = BASE_URL
WAGTAILAPI_SEARCH_ENABLED = True
OPEN_DATA_LICENSE_NAME = env.get("OPEN_DATA_LICENSE_NAME", "CC BY 4.0")
OPEN_DATA_LICENSE_URL = env.get(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
# Where an application goes when its offer has no contact and its organization neither editors
# nor an e-mail, after the office's address in Settings > Office (pages.tasks.city_inbox).
PORTAL_CITY_INBOX = env.get("CITY_INBOX", "")
# City editors' dashboard lists applications still new after this many days.
APPLICATION_UNANSWERED_DAYS = env.get_int("APPLICATION_UNANSWERED_DAYS", 7)
# Repeating events are expanded, shown and accepted this many years ahead (pages/bounds.py).
CALENDAR_HORIZON_YEARS = env.get_int("CALENDAR_HORIZON_YEARS", 3)
# One organization's iCal feed gets this long in all to download (pages/calendar/importer.py).
PORTAL_ICAL_IMPORT_TOTAL_SECONDS = env.get_int("ICAL_IMPORT_TOTAL_SECONDS", 30)
# The whole-calendar iCal feed carries the events of this window around today.
PORTAL_ICAL_FEED_DAYS_BACK = env.get_int("ICAL_FEED_DAYS_BACK", 90)
PORTAL_ICAL_FEED_DAYS_AHEAD = env.get_int("ICAL_FEED_DAYS_AHEAD", 365)
# Days an invitation to edit an organization's profile can be followed (pages.models).
PORTAL_INVITATION_MAX_AGE_DAYS = env.get_int("INVITATION_MAX_AGE_DAYS", 7)
# A new e-mail address counts only once it confirms (pages.views.account_email replaces the field).
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# A new translation starts as a draft: the translator publishes it once it is translated,
# instead of wagtail-localize publishing a copy of the Polish text at once.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation as a translator's first draft in wagtail-localize's editor: off unless
# MACHINE_TRANSLATION names a service. A machine draft is never published by itself: the
# translator reviews it and publishes, like any translation.
_machine_translator = env.machine_translator("MACHINE_TRANSLATION")
if _machine_translator:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = _machine_translator

PORTAL_LANGUAGE_NAMES = {"pl": _("Polish"), "en": _("English"), "uk": _("Ukrainian")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Every finished task and page action is logged at INFO: too chatty for the console.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
