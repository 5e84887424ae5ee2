"""The newsletter in Wagtail's admin: composing, previewing, testing and sending issues."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pages.wagtail_hooks import SectionMenuItem

from . import admin


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    return [
        path("newsletter/", admin.issues_view, name="newsletter_issues"),
        path("newsletter/<int:issue_id>/", admin.issue_view, name="newsletter_issue"),
        path("newsletter/<int:issue_id>/preview/", admin.preview_view, name="newsletter_preview"),
    ]


@hooks.register("register_admin_menu_item")
def register_newsletter_menu_item():
    return SectionMenuItem(
        "newsletter", _("Newsletter"), reverse("newsletter_issues"), icon_name="mail", order=453
    )
