"""Admin integration of the pages app: taxonomy snippets and the directory's admin views."""

from django.conf import settings
from django.db.models import Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import roles
from .models import AreaOfPublicBenefit, District, OrganizationPage
from .models.organizations import STALE_AFTER


class AreaOfPublicBenefitViewSet(SnippetViewSet):
    model = AreaOfPublicBenefit
    icon = "tag"
    list_display = ["name", "point", "slug"]
    search_fields = ["name", "legal_wording"]
    ordering = ["sort_order"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["sort_order"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (AreaOfPublicBenefitViewSet, DistrictViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"


register_snippet(TaxonomyViewSetGroup)


# NGO access: claims, invitations, and the profiles waiting for confirmation.


@hooks.register("register_admin_urls")
def register_ngo_access_urls():
    from .views import organization_access as views

    return [
        path("ngo-access/claims/", views.claims_view, name="ngo_access_claims"),
        path(
            "ngo-access/claims/<int:claim_id>/<str:decision>/",
            views.decide_claim_view,
            name="ngo_access_decide",
        ),
        path("ngo-access/invite/<int:page_id>/", views.invite_view, name="ngo_access_invite"),
    ]


class CityEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_city_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return CityEditorMenuItem(
        _("Profile claims"), reverse("ngo_access_claims"), icon_name="user", order=450
    )


@hooks.register("register_page_header_buttons")
def invite_editor_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, OrganizationPage) and roles.is_city_editor(user):
        yield Button(
            _("Invite an editor"),
            reverse("ngo_access_invite", args=[page.pk]),
            icon_name="user",
            priority=80,
        )


class StaleProfilesPanel(Component):
    """The dashboard's reminder: profiles whose data was not confirmed for over a year."""

    name = "stale_profiles"
    template_name = "pages/organizations/access/stale_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        threshold = timezone.localdate() - STALE_AFTER
        stale = OrganizationPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        ).filter(Q(data_confirmed_at__lt=threshold) | Q(data_confirmed_at__isnull=True))
        if not roles.is_city_editor(self.user):
            stale = stale.filter(editor_group__in=self.user.groups.all())
        return {
            "count": stale.count(),
            "organizations": stale.order_by("data_confirmed_at", "title")[:10],
            "is_city_editor": roles.is_city_editor(self.user),
        }

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["count"]:
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_stale_profiles_panel(request, panels):
    panels.append(StaleProfilesPanel(request.user))
