"""Admin integration of the pages app: taxonomy snippets and the directory's admin views."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AreaOfPublicBenefit, District


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
