from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from pages.wagtail_hooks import SectionMenuItem

from . import admin


@hooks.register("register_admin_urls")
def register_leaders_urls():
    return [path("leaders/", admin.leaders_view, name="leaders_admin")]


@hooks.register("register_admin_menu_item")
def register_leaders_menu_item():
    return SectionMenuItem(
        "leaders", _("Local leaders"), reverse("leaders_admin"), icon_name="user", order=452
    )
