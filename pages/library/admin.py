"""The library in the admin: the catalogue and the loans, for the centre's staff.

Wagtail's generic model viewsets: listings with filters and a CSV/XLSX export, forms with the
model's own validation (a loan beyond the free copies is refused with the reason).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from pages.admin_views import related_index_view

from .models import LibraryItem, Loan


class LibraryItemFilterSet(WagtailFilterSet):
    class Meta:
        model = LibraryItem
        fields = ["kind", "language"]


class LibraryItemViewSet(ModelViewSet):
    model = LibraryItem
    name = "library_items"
    url_prefix = "library/items"
    icon = "doc-full"
    menu_label = _("Catalogue")
    add_to_admin_menu = False
    list_display = ["title", "author", "kind", "year", "copies"]
    list_export = ["title", "author", "publisher", "year", "isbn", "kind", "language", "copies"]
    export_filename = "library-catalogue"
    search_fields = ["title", "author", "isbn"]
    filterset_class = LibraryItemFilterSet
    panels = [
        FieldPanel("title"),
        FieldPanel("author"),
        FieldPanel("publisher"),
        FieldPanel("year"),
        FieldPanel("isbn"),
        FieldPanel("kind"),
        FieldPanel("language"),
        FieldPanel("areas"),
        FieldPanel("description"),
        FieldPanel("copies"),
    ]


class LoanFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Loan
        fields = ["status"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        overdue = {"status": Loan.Status.LENT, "due_on__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


class LoanViewSet(ModelViewSet):
    model = Loan
    index_view_class = related_index_view("item", "organization")
    name = "library_loans"
    url_prefix = "library/loans"
    icon = "date"
    menu_label = _("Loans")
    add_to_admin_menu = False
    list_display = ["item", "organization", "status", "collect_by", "due_on"]
    list_export = [
        "item",
        "organization",
        "status",
        "reserved_at",
        "collect_by",
        "lent_on",
        "due_on",
        "returned_on",
    ]
    export_filename = "library-loans"
    search_fields = ["item__title", "organization__title"]
    filterset_class = LoanFilterSet
    panels = [
        FieldPanel("item"),
        FieldPanel("organization"),
        FieldPanel("status"),
        FieldPanel("due_on"),
        FieldPanel("notes"),
    ]


class LibraryViewSetGroup(ViewSetGroup):
    menu_label = _("NGO library")
    menu_icon = "doc-full"
    menu_order = 455
    items = (LibraryItemViewSet, LoanViewSet)
