"""Signal handlers of the pages app, connected in PagesConfig.ready(), and its own signal."""

from django.db.models.signals import post_save
from django.dispatch import Signal

from . import roles

# Sent by code that writes rows in bulk (``bulk_create`` sends no ``post_save``), such as an
# import of grants: the host starts a new content generation on it, as on any saved row, so no
# page, facet count or total kept for the old one is shown again.
content_changed = Signal()


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
