"""Reading configuration from the environment, failing with one clear line.

Every setting that comes from the environment is read here, so that a missing or malformed value
stops start-up with a message naming the variable (``manage.py`` and ``wsgi.py`` print it as a
single line) rather than a traceback from deep inside Django or a database driver.
"""

import os
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    """A setting read from the environment is missing or malformed."""


def get(name, default=None):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def get_bool(name, default=False):
    value = get(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def get_int(name, default):
    value = get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None


def get_list(name, default=()):
    value = get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def require(name, hint=""):
    value = get(name)
    if value is None:
        raise ConfigurationError(f"{name} is required but not set. {hint}".strip())
    return value


SUPPORTED_DATABASE_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql", "postgis"}


def database(name, default_url):
    """Parse ``DATABASE_URL`` (or the default) into Django's DATABASES entry."""
    url = get(name, default_url)
    scheme = urlsplit(url).scheme
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ConfigurationError(
            f"{name} must be a sqlite:/// or postgres:// URL, got {_redact(url)!r}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=get_int("CONN_MAX_AGE", 0))
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ConfigurationError(f"{name} is malformed ({exc}): {_redact(url)!r}.") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers go on while a writer writes; IMMEDIATE transactions avoid the
        # "database is locked" errors SQLite gives when two writers upgrade their locks at once.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    elif not config.get("NAME"):
        raise ConfigurationError(f"{name} names no database: {_redact(url)!r}.")
    return config


def http_url(name):
    """An optional http(s) URL such as ``ELASTICSEARCH_URL``; None when unset."""
    url = get(name)
    if url is None:
        return None
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigurationError(f"{name} has an invalid port: {_redact(url)!r}.") from None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigurationError(
            f"{name} must be an http:// or https:// URL with a host, got {_redact(url)!r}."
        )
    return url


def redis_url(name):
    url = get(name)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss", "unix"}:
        raise ConfigurationError(f"{name} must be a redis:// URL, got {_redact(url)!r}.")
    return url


def _redact(url):
    """Hide a password in a URL before it is printed."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


MACHINE_TRANSLATORS = {
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "dummy": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}


def machine_translator(name):
    """wagtail-localize's machine translator from MACHINE_TRANSLATION (off when unset).

    ``deepl`` needs MACHINE_TRANSLATION_KEY; ``libretranslate`` needs MACHINE_TRANSLATION_URL
    (and MACHINE_TRANSLATION_KEY when the server asks for one); ``dummy`` only reverses words,
    for trying the editor out.
    """
    kind = get(name)
    if kind is None:
        return None
    if kind not in MACHINE_TRANSLATORS:
        choices = ", ".join(MACHINE_TRANSLATORS)
        raise ConfigurationError(f"{name} must be one of {choices}, not {kind!r}.")
    options = {}
    if kind == "deepl":
        options["AUTH_KEY"] = require(f"{name}_KEY", "DeepL needs its API key.")
    elif kind == "libretranslate":
        options["LIBRETRANSLATE_URL"] = http_url(f"{name}_URL") or require(
            f"{name}_URL", "LibreTranslate needs the address of its server."
        )
        options["API_KEY"] = get(f"{name}_KEY", "")
    return {"CLASS": MACHINE_TRANSLATORS[kind], "OPTIONS": options}
