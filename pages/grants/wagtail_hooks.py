"""The grants app's admin: the grants register, kept by the city's editors, and the nominations
for the calls' evaluation committees, which they decide."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin import CommitteeNominationViewSet
from .models import AwardedGrant


class AwardedGrantViewSet(SnippetViewSet):
    """The grants register as editors keep it: entered here or imported with import_grants."""

    model = AwardedGrant
    icon = "doc-full-inverse"
    menu_label = _("Grants register")
    add_to_admin_menu = True
    menu_order = 470
    list_display = ["organization_name", "task_title", "amount", "year", "mode"]
    list_filter = ["year", "mode"]
    search_fields = ["organization_name", "task_title"]
    search_backend_name = None  # plain database filters: the rows are not in a search index
    ordering = ["-year", "organization_name"]
    # The addresses and URL names the register had under the pages app: editors' bookmarks
    # and every reverse() keep working.
    url_prefix = "snippets/pages/awardedgrant"
    url_namespace = "wagtailsnippets_pages_awardedgrant"


register_snippet(AwardedGrantViewSet)


@hooks.register("register_admin_viewset")
def register_committee_nominations():
    return CommitteeNominationViewSet()
