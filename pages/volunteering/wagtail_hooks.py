"""Volunteering in the Wagtail admin: the applications to each organization's offers (menu,
screens, PDFs) and the dashboard's panels of new and unanswered applications."""

import datetime

from django.conf import settings
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from pages import roles

from .models import VolunteerApplication
from .permissions import applications_visible_to, can_see_applications

# Volunteering: the applications to each organization's offers.


@hooks.register("register_admin_urls")
def register_volunteering_urls():
    from . import admin as views

    return [
        path("volunteering/applications/", views.applications_index, name="volunteer_applications"),
        path(
            "volunteering/applications/<int:application_id>/",
            views.application_detail,
            name="volunteer_application",
        ),
        path(
            "volunteering/applications/<int:application_id>/porozumienie.pdf",
            views.agreement_view,
            name="volunteer_application_agreement",
        ),
        path(
            "volunteering/applications/<int:application_id>/zaswiadczenie.pdf",
            views.certificate_view,
            name="volunteer_application_certificate",
        ),
        path(
            "volunteering/applications/<int:application_id>/erase/",
            views.erase_view,
            name="volunteer_application_erase",
        ),
    ]


class ApplicationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_applications(request.user)


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return ApplicationsMenuItem(
        _("Volunteer applications"),
        reverse("volunteer_applications"),
        icon_name="group",
        order=440,
    )


class NewApplicationsPanel(Component):
    """The dashboard tells organizers how many new applications wait for them."""

    name = "new_applications"
    template_name = "ngo_volunteering/admin/new_applications_panel.html"
    order = 140

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not can_see_applications(self.user):
            return ""
        new = applications_visible_to(self.user).filter(status=VolunteerApplication.Status.NEW)
        count = new.count()
        if not count:
            return ""
        self.count = count
        self.latest = list(new.select_related("offer").order_by("-created_at")[:5])
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"count": self.count, "applications": self.latest}


@hooks.register("construct_homepage_panels")
def add_new_applications_panel(request, panels):
    panels.append(NewApplicationsPanel(request.user))
    panels.append(UnansweredApplicationsPanel(request.user))


class UnansweredApplicationsPanel(Component):
    """City editors see applications that no organizer has answered for days: the volunteer
    waits, and the organization may have nobody reading its mail."""

    name = "unanswered_applications"
    template_name = "ngo_volunteering/admin/unanswered_applications_panel.html"
    order = 141

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not roles.is_city_editor(self.user):
            return ""
        self.days = int(getattr(settings, "APPLICATION_UNANSWERED_DAYS", 7))
        waiting = VolunteerApplication.objects.filter(
            status=VolunteerApplication.Status.NEW,
            created_at__lt=timezone.now() - datetime.timedelta(days=self.days),
        )
        self.count = waiting.count()
        if not self.count:
            return ""
        self.oldest = list(
            waiting.select_related("offer", "offer__organization").order_by("created_at")[:10]
        )
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"count": self.count, "days": self.days, "applications": self.oldest}
