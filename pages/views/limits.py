"""Kept for the views that still import the helper from here (pages.views.leaders)."""

from pages.ratelimit import form_rate_limited  # noqa: F401
