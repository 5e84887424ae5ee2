"""Signal handlers of the pages app, connected in PagesConfig.ready()."""

from django.db.models.signals import post_save

from . import roles


def organization_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.ensure_organization_group(instance)


def directory_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.assign_ngo_review(instance)


def connect():
    from .models import OrganizationIndexPage, OrganizationPage

    post_save.connect(organization_created, sender=OrganizationPage, dispatch_uid="org-group")
    post_save.connect(directory_created, sender=OrganizationIndexPage, dispatch_uid="dir-review")
