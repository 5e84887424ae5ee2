"""The partnership requests NGOs sent, for the city (read and exported, never edited)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from pages.admin_views import related_index_view

from .models import PartnershipRequest


class PartnershipRequestFilterSet(WagtailFilterSet):
    class Meta:
        model = PartnershipRequest
        fields = ["help_kind"]


class PartnershipRequestViewSet(ModelViewSet):
    model = PartnershipRequest
    index_view_class = related_index_view("organization", "partner")
    name = "partnership_requests"
    url_prefix = "partners/requests"
    icon = "mail"
    menu_label = _("Partnership requests")
    menu_order = 456
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["organization", "partner", "help_kind", "created_at"]
    list_export = ["created_at", "organization", "partner", "help_kind", "message"]
    export_filename = "partnership-requests"
    search_fields = ["organization__title", "partner__title"]
    filterset_class = PartnershipRequestFilterSet
    # Sent by NGOs: the city reads them, it does not write them.
    form_fields = ["help_kind", "message"]
