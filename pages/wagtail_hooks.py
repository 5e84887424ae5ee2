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

from . import admin_scoping, roles, taxonomy_menu
from .models import (
    AreaOfPublicBenefit,
    District,
    OrganizationPage,
)
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
    """Areas and districts, then the feature apps' taxonomies (pages.taxonomy_menu)."""

    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomies")
    menu_name = "taxonomies"

    def __init__(self):
        self.items = (AreaOfPublicBenefitViewSet, DistrictViewSet, *taxonomy_menu.viewsets())
        super().__init__()


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


@hooks.register("register_admin_urls")
def register_account_email_urls():
    from .views import account_email

    return [
        path(
            "account/email/confirm/<str:token>/",
            account_email.confirm_email_change_view,
            name="ngo_account_email_confirm",
        ),
    ]


@hooks.register("register_account_settings_panel")
def register_email_settings_panel(request, user, profile):
    # Replaces the e-mail field of Wagtail's own panel (WAGTAIL_EMAIL_MANAGEMENT_ENABLED=False):
    # a new address counts only after it confirms, or anyone could take over an invitation.
    from .views.account_email import EmailSettingsPanel

    return EmailSettingsPanel(request, user, profile)


class SectionMenuItem(MenuItem):
    """A menu item of one of the city's own screens, shown to those its view lets in: the
    same permission (``roles.SECTION_PERMISSIONS``), not a group's name."""

    def __init__(self, section, *args, **kwargs):
        self.section = section
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return roles.can_run(request.user, self.section)


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return SectionMenuItem(
        "claims", _("Profile claims"), reverse("ngo_access_claims"), icon_name="user", order=450
    )


@hooks.register("register_page_header_buttons")
def invite_editor_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, OrganizationPage) and user.has_perm(
        "pages.invite_organization_editor"
    ):
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


class OutdatedTranslationsPanel(Component):
    """Translators' work on their dashboard: the translations whose Polish source changed after
    them (each opens in the translation editor), and the Polish pages not translated yet into
    every language (each starts one)."""

    name = "outdated_translations"
    template_name = "pages/translations/outdated_panel.html"
    order = 160
    shown = 10

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        from .translations import untranslated_pages

        is_translator = self.user.groups.filter(name=roles.TRANSLATORS).exists()
        if not (is_translator or roles.is_city_editor(self.user)):
            return ""
        outdated = roles.outdated_translations()
        self.pages = list(outdated[: self.shown])
        untranslated = untranslated_pages()
        self.untranslated = list(untranslated.select_related("locale")[: self.shown])
        if not (self.pages or self.untranslated):
            return ""
        self.count = outdated.count() if self.pages else 0
        self.untranslated_count = untranslated.count() if self.untranslated else 0
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {
            "pages": self.pages,
            "count": self.count,
            "untranslated": self.untranslated,
            "untranslated_count": self.untranslated_count,
        }


@hooks.register("construct_homepage_panels")
def add_outdated_translations_panel(request, panels):
    panels.append(OutdatedTranslationsPanel(request.user))


# The Mayor's patronage: requests and decisions (city editors).


@hooks.register("register_admin_urls")
def register_patronage_urls():
    from .views import patronage as views

    return [
        path("patronage/", views.requests_index, name="patronage_requests"),
        path("patronage/<int:request_id>/", views.decide_view, name="patronage_decide"),
    ]


@hooks.register("register_admin_menu_item")
def register_patronage_menu_item():
    return SectionMenuItem(
        "patronage",
        _("Patronage requests"),
        reverse("patronage_requests"),
        icon_name="pick",
        order=449,
    )


# What an NGO editor sees of other organizations (pages/admin_scoping.py).


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return admin_scoping.pages_visible_to(request.user, pages)


@hooks.register("before_move_page")
def refuse_moves_out_of_reach(request, page, destination):
    admin_scoping.check_move(request, page, destination)


# After Wagtail's own images and documents hooks (order 0), which register the unscoped ones.
@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    for name, viewset in admin_scoping.admin_api_endpoints().items():
        router.register_endpoint(name, viewset)
