"""Who the centre's staff are: the centre's advisors' group ("Doradcy centrum",
``pages.roles.ADVISORS``), reused rather than duplicated, and superusers. They hold this app's
model permissions; the admin's viewsets and views ask those permissions, so a city editor, an
organization's editor or anyone else is refused."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from pages import roles

APP_LABEL = "ngo_caretakers"
MODELS = ["caretaking", "advicenote", "incubatedgroup"]


def centre_staff_permissions():
    return Permission.objects.filter(
        content_type__app_label=APP_LABEL,
        codename__in=[
            f"{kind}_{model}" for model in MODELS for kind in ("add", "change", "delete", "view")
        ],
    )


def grant_centre_staff(**kwargs):
    """post_migrate: the centre's staff group gets the caretakers' registers (idempotent)."""
    from django.contrib.auth.management import create_permissions

    create_permissions(kwargs["app_config"], verbosity=0)
    group, _ = Group.objects.get_or_create(name=roles.ADVISORS)
    group.permissions.add(permission("wagtailadmin", "access_admin"), *centre_staff_permissions())


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def is_centre_staff(user):
    return user.is_active and user.has_perm(f"{APP_LABEL}.view_caretaking")


def centre_staff():
    """The users who may be a caretaker: active members of the centre's staff group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.ADVISORS)
        .order_by("first_name", "last_name", "username")
    )
