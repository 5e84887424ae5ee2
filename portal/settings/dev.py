"""Local development: `make run`."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.get_bool("DEBUG", True)
# A fixed key for development only; production refuses to start without its own SECRET_KEY.
SECRET_KEY = env.get("SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
