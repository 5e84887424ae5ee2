from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pages.wagtail_hooks import SectionMenuItem

from . import admin

# Consultations: moderation of comments and the office's answers.


@hooks.register("register_admin_urls")
def register_consultation_urls():
    return [
        path("consultations/", admin.consultations_index, name="consultation_admin_index"),
        path(
            "consultations/<int:consultation_id>/",
            admin.comments_view,
            name="consultation_comments",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_consultations_menu_item():
    return SectionMenuItem(
        "consultations",
        _("Consultation comments"),
        reverse("consultation_admin_index"),
        icon_name="comment",
        order=448,
    )
