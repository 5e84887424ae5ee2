#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    from django.core.exceptions import ImproperlyConfigured

    from portal.settings.env import ConfigurationError

    try:
        # Load the settings here so that a bad environment variable is reported in one line.
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018
    except (ConfigurationError, ImproperlyConfigured) as exc:
        sys.exit(f"Configuration error: {exc}")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
