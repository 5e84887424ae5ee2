"""Admin integration of the calendar: its event categories (in core's Taxonomies menu, through
pages.taxonomy_menu) and the organizations' calendar feeds."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pages import admin_scoping

from .models import EventCategory, OrganizationCalendarFeed


class EventCategoryViewSet(SnippetViewSet):
    model = EventCategory
    icon = "date"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["sort_order"]


class OrganizationCalendarFeedViewSet(SnippetViewSet):
    """Organizations' own calendars, imported as drafts by `manage.py import_ical --all`."""

    model = OrganizationCalendarFeed
    icon = "calendar-alt"
    menu_label = _("Calendar feeds")
    add_to_admin_menu = True
    menu_order = 460
    list_display = ["organization", "url", "active", "last_imported_at", "last_error"]
    list_filter = ["active"]
    # A feed's address may carry the organization's secret token: its chooser lists only the
    # feeds of the user's own organizations.
    chooser_viewset_class = admin_scoping.scoped_chooser_viewset(admin_scoping.feeds_visible_to)


register_snippet(OrganizationCalendarFeedViewSet)
