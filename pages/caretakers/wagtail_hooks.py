"""The caretakers in the admin: the centre staff's menu (assignments, advice log, incubated
groups, organizations without a caretaker, a group's steps) and, on an organization editor's
dashboard, who their caretaker at the centre is (never the advice log)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from pages import roles
from pages.tasks import city_inbox

from . import admin
from .models import caretaker_name, current_caretakers
from .permissions import is_centre_staff


@hooks.register("register_admin_viewset")
def register_caretakers_viewsets():
    return admin.CaretakersViewSetGroup()


@hooks.register("register_admin_urls")
def register_caretakers_urls():
    return [
        path(
            "caretakers/without-caretaker/",
            admin.without_caretaker_view,
            name="caretakers_without",
        ),
        path(
            "caretakers/incubation/<int:group_id>/steps/",
            admin.steps_view,
            name="incubation_steps",
        ),
    ]


class CentreStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_centre_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_without_caretaker_menu_item():
    return CentreStaffMenuItem(
        _("Organizations without a caretaker"),
        reverse("caretakers_without"),
        icon_name="warning",
        order=456,
    )


class CaretakerPanel(Component):
    """An organization editor's dashboard: their caretaker at the NGO centre and the centre's
    e-mail, for each organization they edit."""

    name = "ngo_caretaker"
    template_name = "ngo_caretakers/admin/caretaker_panel.html"
    order = 136

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        organizations = list(roles.organizations_edited_by(self.user).order_by("title"))
        if not organizations:
            return ""
        caretakings = current_caretakers(organizations)
        self.rows = [
            (
                organization,
                caretaker_name(caretakings[organization.pk].caretaker)
                if organization.pk in caretakings
                else "",
            )
            for organization in organizations
        ]
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        inbox = city_inbox()
        return {"rows": self.rows, "centre_email": inbox[0] if inbox else ""}


@hooks.register("construct_homepage_panels")
def add_caretaker_panel(request, panels):
    panels.append(CaretakerPanel(request.user))
