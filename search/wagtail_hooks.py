"""Admin: a report of the searches that found nothing (Reports > Searches without results)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ZeroResultQuery


class ZeroResultsReportView(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    index_url_name = "portal_search_zero_results"
    index_results_url_name = "portal_search_zero_results_results"
    model = ZeroResultQuery
    # The queries are what residents typed, names and addresses included: only those given
    # the model's view permission read them (the city's editors), not every admin user.
    permission_policy = ModelPermissionPolicy(ZeroResultQuery)
    any_permission_required = ["view"]
    list_export = ["query_string", "language", "hits", "last_searched_at"]
    columns = [
        Column("query_string", label=_("search")),
        Column("language", label=_("language")),
        Column("hits", label=_("times searched")),
        DateColumn("last_searched_at", label=_("last searched")),
    ]

    def get_queryset(self):
        return ZeroResultQuery.objects.order_by("-last_searched_at")


class ReportReadersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("portal_search.view_zeroresultquery")


@hooks.register("register_admin_urls")
def register_zero_results_urls():
    return [
        path(
            "reports/searches-without-results/",
            ZeroResultsReportView.as_view(),
            name="portal_search_zero_results",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultsReportView.as_view(results_only=True),
            name="portal_search_zero_results_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_zero_results_menu_item():
    return ReportReadersMenuItem(
        _("Searches without results"),
        reverse("portal_search_zero_results"),
        name="searches-without-results",
        icon_name="search",
        order=900,
    )
