"""The admin's roles and the directory's review workflow, made after every `migrate`.

Groups and Wagtail workflows refer to permissions, which Django creates only after all migrations
have run; so they are ensured from a post_migrate handler (idempotent: found by name, never
duplicated, never overwriting what an administrator changed) instead of a data migration.

- "City editors": edit and publish everything public, manage taxonomies, settings and media, see
  and decide profile claims.
- "City moderators": the review step of the "NGO profile review" workflow.
- "NGO: <name> (#id)": one group per organization, made when its profile page is created.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CITY_EDITORS = "City editors"
CITY_MODERATORS = "City moderators"
NGO_REVIEW_WORKFLOW = "NGO profile review"
NGO_REVIEW_TASK = "City moderator review"
NGO_GROUP_PREFIX = "NGO: "
NGO_COLLECTIONS = "NGO"

CITY_EDITOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("pages", "add_areaofpublicbenefit"),
    ("pages", "change_areaofpublicbenefit"),
    ("pages", "delete_areaofpublicbenefit"),
    ("pages", "add_district"),
    ("pages", "change_district"),
    ("pages", "delete_district"),
    ("pages", "change_officesettings"),
    ("pages", "view_profileclaim"),
    ("pages", "change_profileclaim"),
    ("pages", "invite_organization_editor"),
    ("taggit", "add_tag"),
    ("taggit", "change_tag"),
]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
NGO_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_roles(**kwargs):
    """post_migrate: the city's groups, their permissions and the review workflow."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    if not Page.objects.filter(depth=1).exists():
        return
    with transaction.atomic():
        root = Page.get_first_root_node()
        editors, _ = Group.objects.get_or_create(name=CITY_EDITORS)
        editors.permissions.add(*[permission(*p) for p in CITY_EDITOR_MODEL_PERMISSIONS])
        for kind in ("add", "change", "publish", "lock", "unlock", "bulk_delete"):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission("wagtailcore", f"{kind}_page")
            )
        root_collection = Collection.get_first_root_node()
        for perm in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editors, collection=root_collection, permission=permission(*perm)
            )

        moderators, _ = Group.objects.get_or_create(name=CITY_MODERATORS)
        moderators.permissions.add(permission("wagtailadmin", "access_admin"))
        for kind in ("change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=moderators, page=root, permission=permission("wagtailcore", f"{kind}_page")
            )
        ngo_review_workflow()


def ngo_review_workflow():
    """The workflow every NGO change to the directory goes through."""
    workflow = Workflow.objects.filter(name=NGO_REVIEW_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=NGO_REVIEW_WORKFLOW, active=True)
        task = GroupApprovalTask.objects.create(name=NGO_REVIEW_TASK)
        task.groups.set([Group.objects.get(name=CITY_MODERATORS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    from pages.models import OrganizationIndexPage

    for index in OrganizationIndexPage.objects.all():
        assign_ngo_review(index, workflow)
    return workflow


def assign_ngo_review(index_page, workflow=None):
    workflow = workflow or Workflow.objects.filter(name=NGO_REVIEW_WORKFLOW).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=workflow)


def organization_group_name(page):
    return f"{NGO_GROUP_PREFIX}{page.title[:120]} (#{page.pk})"


def ensure_organization_group(page):
    """The editor group of one organization: edit its profile and add pages beneath it.

    It can neither publish (changes go through the review workflow) nor touch any other page.
    Only the source (Polish) profile gets a group: translations are made by translators and
    receive the synchronized data from it.
    """
    if page.editor_group_id:
        return page.editor_group
    if page.get_translations().filter(editor_group__isnull=False).exists():
        return None
    with transaction.atomic():
        group = Group.objects.create(name=organization_group_name(page))
        group.permissions.add(permission("wagtailadmin", "access_admin"))
        for kind in ("add", "change"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=permission("wagtailcore", f"{kind}_page")
            )
        collection = _ngo_collections().add_child(name=f"#{page.pk:07d} {page.title[:200]}")
        for perm in NGO_MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group, collection=collection, permission=permission(*perm)
            )
        type(page).objects.filter(pk=page.pk).update(editor_group=group)
        page.editor_group = group
    return group


def _ngo_collections():
    """The parent of the organizations' collections.

    Wagtail keeps collections sorted by name, and adding one in the middle renumbers every
    sibling after it; names that start with the zero-padded page id always sort last, so
    thousands of imported organizations are added in constant time each.
    """
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=NGO_COLLECTIONS).first()
    return parent or root.add_child(name=NGO_COLLECTIONS)


def is_city_editor(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=CITY_EDITORS).exists())


def organizations_edited_by(user):
    """The organizations whose editor group ``user`` belongs to."""
    from pages.models import OrganizationPage

    return OrganizationPage.objects.filter(editor_group__in=user.groups.all())


ROLE_DESCRIPTIONS = {
    CITY_EDITORS: _("edit and publish all public content, decide profile claims"),
    CITY_MODERATORS: _("review what NGOs submit"),
}
