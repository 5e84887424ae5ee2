"""The admin's roles and the directory's review workflow, made after every `migrate`.

Groups and Wagtail workflows refer to permissions, which Django creates only after all migrations
have run; so they are ensured from a post_migrate handler (idempotent: found by name, never
duplicated, never overwriting what an administrator changed) instead of a data migration.

- "Redaktorzy miasta" (city editors): edit and publish everything public, manage taxonomies,
  settings (office details, main menu, promoted search results, the site's address) and media,
  run the grants register, the NGO centre (rooms, hours, closures, advisors) and the
  organizations' calendar feeds, see and decide profile claims.
- "Moderatorzy miasta" (city moderators): the review step of the NGO content review workflow and
  consultation comments; they publish only by approving in it (no publish permission of their
  own), and get none of the city's registers or settings.
- "Tłumacze" (translators): translate pages into English and Ukrainian with wagtail-localize;
  they edit and publish the English and Ukrainian trees only, never the Polish source; none of
  the city's registers or settings (the main menu's labels in three languages are the city
  editors').
- "Doradcy centrum" (centre advisors): their own advice appointments; they are the centre's
  staff, and the caretakers app (when installed) gives the group its registers: organizations'
  caretakers, the private advice log, incubated groups (pages/caretakers/permissions.py).
- "NGO: <name> (#id)": one group per organization, made when its profile page is created.

Workflows: "Przegląd treści organizacji" (NGO content review: a city moderator's approval, then a
city editor's second review for an organization's first submission) on the directory, so every
profile and everything beneath a profile (offers) goes through it; "Publikacja miejska" (city
publication: one city editor's approval) on the home pages, for everything else.
"""

import functools

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

# Names the office's staff read in Polish buttons, mails and lists ("Prześlij do akceptacji:
# Przegląd treści organizacji"); Wagtail shows them as stored, untranslated, so they are stored
# in the office's language. Databases made before keep working: their English names are renamed.
CITY_EDITORS = "Redaktorzy miasta"
CITY_MODERATORS = "Moderatorzy miasta"
NGO_REVIEW_WORKFLOW = "Przegląd treści organizacji"
NGO_REVIEW_TASK = "Akceptacja moderatora miasta"
FIRST_TIME_TASK = "Druga akceptacja nowej organizacji"
CITY_PUBLICATION_WORKFLOW = "Publikacja miejska"
CITY_PUBLICATION_TASK = "Akceptacja redaktora miasta"
TRANSLATORS = "Tłumacze"
ADVISORS = "Doradcy centrum"
FORMER_NAMES = {
    Group: {
        "City editors": CITY_EDITORS,
        "City moderators": CITY_MODERATORS,
        "Translators": TRANSLATORS,
        "Centre advisors": ADVISORS,
    },
    Workflow: {
        "NGO profile review": NGO_REVIEW_WORKFLOW,  # before offers joined it
        "NGO content review": NGO_REVIEW_WORKFLOW,
        "City publication": CITY_PUBLICATION_WORKFLOW,
    },
    Task: {
        "City moderator review": NGO_REVIEW_TASK,
        "Second review of a first-time organization": FIRST_TIME_TASK,
        "City editor approval": CITY_PUBLICATION_TASK,
    },
}
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


def _crud(app_label, model):
    return [(app_label, f"{kind}_{model}") for kind in ("add", "change", "delete", "view")]


# The sections the city runs alone (issue 19: each answered a city editor "nie posiadasz
# uprawnień"). Moderators review what NGOs submit and translators translate pages: none of these
# is their work, so they get none of them; NGO editors get none either (another organization's
# calendar feed address carries its secret token, the grants register and the centre are the
# city's).
CITY_EDITOR_MODEL_PERMISSIONS += [
    # Taxonomies: areas and districts (the calendar adds its event categories).
    ("pages", "view_areaofpublicbenefit"),
    ("pages", "view_district"),
    # Settings > Main menu.
    ("pages", "change_navigationsettings"),
    # Settings > Promoted search results.
    *_crud("wagtailsearchpromotions", "searchpromotion"),
    # Settings > Sites: correct a site's name, hostname and port (BASE_URL) or root page. Not
    # add or delete: a second Site or a deleted one takes the portal off its address, a
    # superuser's decision.
    ("wagtailcore", "change_site"),
    ("wagtailcore", "view_site"),
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

# The city's own admin screens (not Wagtail's model views): each is run by whoever holds its
# permission, so the menu and the view ask the same question (not a group's name) and an
# administrator can hand one screen to someone outside the city editors.
SECTION_PERMISSIONS = {
    "claims": ("pages", "change_profileclaim"),
    "patronage": ("pages", "change_patronagerequest"),
}
CITY_EDITOR_MODEL_PERMISSIONS += list(SECTION_PERMISSIONS.values())
# Moderators get the city screens registered for them too (``register_section(...,
# moderators=True)``: the consultation comments, residents' comments to moderate).
MODERATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
]


def register_section(section, app_label, codename, moderators=False):
    """A feature app's own city screen (from its ``AppConfig.ready()``): run by whoever holds
    the permission, which the city editors' group is given (and the moderators' group, with
    ``moderators=True``)."""
    SECTION_PERMISSIONS[section] = (app_label, codename)
    if (app_label, codename) not in CITY_EDITOR_MODEL_PERMISSIONS:
        CITY_EDITOR_MODEL_PERMISSIONS.append((app_label, codename))
    if moderators and (app_label, codename) not in MODERATOR_MODEL_PERMISSIONS:
        MODERATOR_MODEL_PERMISSIONS.append((app_label, codename))


def register_city_permissions(app_label, *codenames):
    """Model permissions a feature app gives the city editors' group (from its
    ``AppConfig.ready()``), e.g. a register only the city keeps."""
    for codename in codenames:
        if (app_label, codename) not in CITY_EDITOR_MODEL_PERMISSIONS:
            CITY_EDITOR_MODEL_PERMISSIONS.append((app_label, codename))


def register_city_models(app_label, *models):
    """Registers of a feature app that the city keeps in the admin (from its ``ready()``):
    the city editors' group may add, change, delete and view them."""
    for perm in (p for model in models for p in _crud(app_label, model)):
        if perm not in CITY_EDITOR_MODEL_PERMISSIONS:
            CITY_EDITOR_MODEL_PERMISSIONS.append(perm)


def grant_city_editors(*permissions):
    """Model permissions of a feature app (``(app_label, codename)``, from its
    ``AppConfig.ready()``) that the city editors' group is given at ``post_migrate``."""
    for permission in permissions:
        if permission not in CITY_EDITOR_MODEL_PERMISSIONS:
            CITY_EDITOR_MODEL_PERMISSIONS.append(permission)


def can_run(user, section):
    """Whether ``user`` may use one of the city's own admin screens (``SECTION_PERMISSIONS``)."""
    app_label, codename = SECTION_PERMISSIONS[section]
    return user.is_active and user.has_perm(f"{app_label}.{codename}")


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
        rename_former()
        root = Page.get_first_root_node()
        editors, _ = Group.objects.get_or_create(name=CITY_EDITORS)
        editors.permissions.add(*[permission(*p) for p in CITY_EDITOR_MODEL_PERMISSIONS])
        if apps.is_installed("search"):
            # Residents' searches without results: the city's to read, not every NGO's.
            editors.permissions.add(permission("portal_search", "view_zeroresultquery"))
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
        moderators.permissions.add(*[permission(*p) for p in MODERATOR_MODEL_PERMISSIONS])
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=root, permission=permission("wagtailcore", "change_page")
        )
        # Moderators publish only by approving in a workflow (WAGTAIL_FINISH_WORKFLOW_ACTION):
        # with the publish permission their "Publish" button skipped the review, and a
        # first-time organization's second review. Taken back from databases that had it.
        GroupPagePermission.objects.filter(
            group=moderators, page=root, permission=permission("wagtailcore", "publish_page")
        ).delete()
        # The centre's advisors sign in only to see their own appointments.
        advisors, _ = Group.objects.get_or_create(name=ADVISORS)
        advisors.permissions.add(permission("wagtailadmin", "access_admin"))
        translators()
        ngo_review_workflow()
        city_publication_workflow()


def rename_former():
    for model, names in FORMER_NAMES.items():
        for former, name in names.items():
            if not model.objects.filter(name=name).exists():
                model.objects.filter(name=former).update(name=name)


def translators():
    """Translators edit and publish the translated trees; the Polish one is out of reach."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from pages.models import HomePage

    group, _ = Group.objects.get_or_create(name=TRANSLATORS)
    # wagtail-localize makes this permission in a data migration, not from a model's Meta:
    # made again here if a flushed database (a transactional test) lost it.
    submit, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_by_natural_key("wagtail_localize", "translation"),
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    group.permissions.add(permission("wagtailadmin", "access_admin"), submit)
    for home in HomePage.objects.exclude(locale__language_code=settings.LANGUAGE_CODE):
        for kind in ("add", "change", "publish"):
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=permission("wagtailcore", f"{kind}_page")
            )
    return group


def ngo_review_workflow():
    """The workflow every NGO change to the directory goes through."""
    from pages.models import FirstTimeOrganizationTask, OrganizationIndexPage

    workflow = Workflow.objects.filter(name=NGO_REVIEW_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=NGO_REVIEW_WORKFLOW, active=True)
        task = GroupApprovalTask.objects.create(name=NGO_REVIEW_TASK)
        task.groups.set([Group.objects.get(name=CITY_MODERATORS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not FirstTimeOrganizationTask.objects.filter(workflow_tasks__workflow=workflow).exists():
        task = FirstTimeOrganizationTask.objects.create(name=FIRST_TIME_TASK)
        task.groups.set([Group.objects.get(name=CITY_EDITORS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=1)
    for index in OrganizationIndexPage.objects.all():
        assign_ngo_review(index, workflow)
    return workflow


def city_publication_workflow():
    """The lighter review of the city's own pages: one city editor's approval."""
    from pages.models import HomePage

    workflow = Workflow.objects.filter(name=CITY_PUBLICATION_WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=CITY_PUBLICATION_WORKFLOW, active=True)
        task = GroupApprovalTask.objects.create(name=CITY_PUBLICATION_TASK)
        task.groups.set([Group.objects.get(name=CITY_EDITORS)])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for home in HomePage.objects.all():
        if not WorkflowPage.objects.filter(page=home).exists():
            WorkflowPage.objects.create(page=home, workflow=workflow)
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


def organization_editors_only(refusal, back_to_page=False):
    """A page's sub-view that only an organization's editors use (reserving a book, applying for
    premises, writing to a partner): it gets the organizations the user edits, by title, after
    the request. Signed out: the admin's sign-in page, which brings them back (to the page itself
    with ``back_to_page``, for a view that only takes a POST); signed in but editing no
    organization: 403 with ``refusal``, the reason they read."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(page, request, *args, **kwargs):
            if not request.user.is_authenticated:
                target = page.url if back_to_page else request.get_full_path()
                return redirect_to_login(target, reverse("wagtailadmin_login"))
            organizations = organizations_edited_by(request.user).order_by("title")
            if not organizations.exists():
                raise PermissionDenied(refusal)
            return view(page, request, organizations, *args, **kwargs)

        return wrapped

    return decorate


ROLE_DESCRIPTIONS = {
    CITY_EDITORS: _("edit and publish all public content, decide profile claims"),
    CITY_MODERATORS: _("review what NGOs submit"),
    TRANSLATORS: _("translate pages into English and Ukrainian"),
}


def outdated_translations():
    """Translated pages whose Polish source was published after them, or whose source brought
    in text not translated yet (publishing the source updates its translations at once, with
    the new text in Polish until a translator translates it), oldest first."""
    from django.conf import settings
    from django.db.models import F, OuterRef, Q, Subquery
    from wagtail.models import Page

    from pages.translations import untranslated_text

    source_published = Page.objects.filter(
        translation_key=OuterRef("translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
    ).values("last_published_at")[:1]
    return (
        Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
        .exclude(depth__lte=2)
        .annotate(source_published_at=Subquery(source_published))
        .filter(source_published_at__isnull=False)
        .filter(
            Q(last_published_at__isnull=True)
            | Q(source_published_at__gt=F("last_published_at"))
            | Q(pk__in=untranslated_text().values("pk"))
        )
        .select_related("locale")
        .order_by("last_published_at")
    )
