"""What an NGO editor sees of other organizations in the admin: nothing that is not public.

An NGO editor belongs to the editor group of one organization (``pages.roles``) and edits its
profile and the pages beneath it. Wagtail's own screens answer a signed-in user more than that:
the page chooser lists every page with its draft title and workflow state, the move
confirmation shows any page, the admin API lists every image and document with its address,
snippet choosers list every row (an organization's calendar feed address carries its secret
token), the workflow report names every user who submitted something. Each is narrowed here to
what the organization owns; city editors, moderators, translators and superusers keep
everything.
"""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from pages import roles

# Groups whose members work on the whole site, not on one organization.
WHOLE_SITE_GROUPS = (roles.CITY_EDITORS, roles.CITY_MODERATORS, roles.TRANSLATORS)


def sees_everything(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=WHOLE_SITE_GROUPS).exists()
    )


def own_subtrees(user):
    """A filter on pages: the profiles the user edits and everything beneath them."""
    paths = roles.organizations_edited_by(user).values_list("path", flat=True)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def pages_visible_to(user, pages):
    """Their own pages, and other pages only as the public sees them: live, with no draft
    (a draft title or a page in review is nobody else's business)."""
    if sees_everything(user):
        return pages
    from wagtail.models import Page

    # By id, because the chooser's search can filter only on the page's indexed fields.
    visible = Page.objects.filter(
        own_subtrees(user) | Q(live=True, has_unpublished_changes=False)
    ).values("pk")
    return pages.filter(id__in=visible)


def media_visible_to(user, model, queryset):
    """Images or documents in the collections the user may choose from (an NGO's own)."""
    if sees_everything(user):
        return queryset
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, ["choose", "change"])
    return queryset.filter(pk__in=allowed.values("pk"))


def feeds_visible_to(user, queryset):
    if sees_everything(user):
        return queryset
    return queryset.filter(organization__editor_group__in=user.groups.all())


def check_move(request, page, destination):
    """``before_move_page``: the confirmation shows the destination, so only a move the user
    may make gets that far."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


def admin_api_endpoints():
    """The admin API's images and documents, each narrowed to what the user may choose."""
    from wagtail.documents import get_document_model
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images import get_image_model
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
        def get_queryset(self):
            return media_visible_to(self.request.user, get_image_model(), super().get_queryset())

    class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
        def get_queryset(self):
            return media_visible_to(self.request.user, get_document_model(), super().get_queryset())

    return {"images": ScopedImagesAdminAPIViewSet, "documents": ScopedDocumentsAdminAPIViewSet}


def scoped_chooser_viewset(scope):
    """A snippet chooser whose list, search and chosen views hold only ``scope(user, rows)``."""
    from wagtail.snippets.views import chooser

    class Scoped:
        def get_object_list(self):
            return scope(self.request.user, super().get_object_list())

        def get_object(self, pk):
            return scope(self.request.user, self.model_class.objects.all()).get(pk=pk)

        def get_objects(self, pks):
            return scope(self.request.user, super().get_objects(pks))

    class ScopedChooserViewSet(chooser.SnippetChooserViewSet):
        choose_view_class = type("ChooseView", (Scoped, chooser.ChooseView), {})
        choose_results_view_class = type(
            "ChooseResultsView", (Scoped, chooser.ChooseResultsView), {}
        )
        chosen_view_class = type("ChosenView", (Scoped, chooser.SnippetChosenView), {})
        chosen_multiple_view_class = type(
            "ChosenMultipleView", (Scoped, chooser.SnippetChosenMultipleView), {}
        )

    return ScopedChooserViewSet


def requesters_visible_to(request):
    """The workflow reports' "requested by" choices: the people who submitted pages the user
    may edit (Wagtail lists everyone who ever submitted anything)."""
    from django.contrib.auth import get_user_model
    from django.db.models.functions import Cast
    from wagtail.models import Page, WorkflowState

    User = get_user_model()
    states = WorkflowState.objects.all()
    if not sees_everything(request.user):
        from django.db.models import CharField

        editable = Page.objects.filter(own_subtrees(request.user))
        states = states.filter(
            base_content_type__isnull=False,
            object_id__in=editable.values_list(Cast("id", output_field=CharField()), flat=True),
        )
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


def scope_workflow_reports():
    """Called once from ``PagesConfig.ready``: the reports' filter of users is class data."""
    from wagtail.admin.views.reports import workflows

    for filterset in (workflows.WorkflowReportFilterSet, workflows.WorkflowTasksReportFilterSet):
        requested_by = filterset.base_filters.get("requested_by")
        if requested_by is not None:
            requested_by.queryset = requesters_visible_to


def _chosen_media(block, value):
    """The images and documents chosen anywhere in a StreamField value."""
    from wagtail.blocks import ListBlock, StreamBlock, StructBlock
    from wagtail.documents.blocks import DocumentChooserBlock
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    if value is None:
        return
    if isinstance(block, ImageBlock | ImageChooserBlock | DocumentChooserBlock):
        yield value
    elif isinstance(block, StreamBlock):
        for child in value:
            yield from _chosen_media(child.block, child.value)
    elif isinstance(block, StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _chosen_media(child_block, value.get(name))
    elif isinstance(block, ListBlock):
        for item in value:
            yield from _chosen_media(block.child_block, item)


def _media_of(form, data):
    """(field name, image or document) for every medium the page's fields hold."""
    from wagtail.documents import get_document_model
    from wagtail.fields import StreamField
    from wagtail.images import get_image_model

    media_models = (get_image_model(), get_document_model())
    for name in form.fields:
        value = data(name)
        if value is None:
            continue
        try:
            model_field = form._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None  # a field of the form alone (comment notifications, ...)
        if isinstance(model_field, StreamField):
            for medium in _chosen_media(model_field.stream_block, value):
                if isinstance(medium, media_models):
                    yield name, medium
        elif isinstance(value, media_models):
            yield name, value


class OwnMediaPageForm(WagtailAdminPageForm):
    """The base form of the portal's pages: an NGO editor attaches only their organization's
    images and documents (posting another one's id is refused), and keeps what was there;
    taxonomy fields list the terms of the page's language."""

    def __init__(self, *args, **kwargs):
        from pages.translations import limit_terms_to_locale, page_locale

        super().__init__(*args, **kwargs)
        instance = self.instance
        # Each taxonomy has a row per language: the editor chooses among the page's own.
        limit_terms_to_locale(self, page_locale(instance))
        self._media_before = {
            (type(medium), medium.pk)
            for _name, medium in _media_of(self, lambda name: getattr(instance, name, None))
        }

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        if user is None or sees_everything(user):
            return cleaned_data
        for name, medium in _media_of(self, cleaned_data.get):
            if (type(medium), medium.pk) in self._media_before:
                continue
            allowed = media_visible_to(user, type(medium), type(medium).objects.all())
            if not allowed.filter(pk=medium.pk).exists():
                # Not its title: that would tell what another organization uploaded.
                self.add_error(name, _("Choose an image or a document of your own organization."))
        return cleaned_data
