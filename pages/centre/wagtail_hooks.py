"""The centre in Wagtail's admin: rooms and equipment, opening hours, closures and advisors as
snippets, the bookings screen and every advisor's day."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pages import roles
from pages.wagtail_hooks import SectionMenuItem

from .models import Advisor, Closure, OpeningHours, Resource


class CentreSnippetViewSet(SnippetViewSet):
    """A snippet of the centre at the admin address and URL names it had as a ``pages`` model
    (``/admin/snippets/pages/resource/``, ``wagtailsnippets_pages_resource``): the staff's
    bookmarks and links keep working although the app label changed."""

    def get_admin_url_namespace(self):
        return f"wagtailsnippets_pages_{self.model._meta.model_name}"

    def get_admin_base_path(self):
        return f"snippets/pages/{self.model._meta.model_name}"


# The NGO centre: rooms and equipment, opening hours, bookings.


class ResourceViewSet(CentreSnippetViewSet):
    model = Resource
    icon = "home"
    list_display = ["name", "kind", "capacity", "active"]
    search_backend_name = None
    search_fields = ["name"]


class OpeningHoursViewSet(CentreSnippetViewSet):
    model = OpeningHours
    icon = "time"


class ClosureViewSet(CentreSnippetViewSet):
    model = Closure
    icon = "warning"


class CentreViewSetGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, OpeningHoursViewSet, ClosureViewSet)
    menu_icon = "home"
    menu_label = _("NGO centre")
    menu_name = "centre"
    menu_order = 450


register_snippet(CentreViewSetGroup)


@hooks.register("register_admin_urls")
def register_centre_urls():
    from . import admin as views

    return [path("centre/bookings/", views.bookings_view, name="centre_bookings")]


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item():
    return SectionMenuItem(
        "bookings", _("Bookings"), reverse("centre_bookings"), icon_name="date", order=451
    )


class AdvisorViewSet(CentreSnippetViewSet):
    model = Advisor
    icon = "user"
    list_display = ["name", "topic", "rule", "active"]
    search_backend_name = None
    search_fields = ["name"]
    menu_label = _("Advisors")
    add_to_admin_menu = False


register_snippet(AdvisorViewSet)


@hooks.register("register_admin_urls")
def register_advice_urls():
    from . import advice_admin as views

    return [path("centre/advice/", views.day_view, name="advice_day")]


class AdvisorsMenuItem(MenuItem):
    def is_shown(self, request):
        return (
            roles.can_run(request.user, "advice")
            or Advisor.objects.filter(user=request.user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_advice_menu_item():
    return AdvisorsMenuItem(
        _("Advice appointments"), reverse("advice_day"), icon_name="calendar", order=454
    )
