"""Review steps of the portal's workflows (Wagtail's own workflow engine)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, WorkflowState


class FirstTimeOrganizationTask(AbstractGroupApprovalTask):
    """A second review for organizations that have had nothing approved yet.

    The step starts like any group approval; for an organization with an approved submission
    already it approves itself at once, so that regular organizations see one review only.
    """

    class Meta:
        verbose_name = _("second review for first-time organizations")
        verbose_name_plural = _("second reviews for first-time organizations")

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        organization = organization_of(workflow_state.content_object)
        if organization is not None and has_approved_submission(organization):
            task_state.approve(
                user=None,
                update=False,
                comment=str(_("Not the organization's first submission: no second review.")),
            )
        return task_state

    @classmethod
    def get_description(cls):
        return _("City editors check the first submission of each organization.")


def organization_of(page):
    """The organization a page belongs to: the page itself or its nearest profile ancestor."""
    from .organizations import OrganizationPage

    if page is None:
        return None
    specific = page.specific_deferred if isinstance(page, Page) else page
    if isinstance(specific, OrganizationPage):
        return specific
    return OrganizationPage.objects.ancestor_of(page).order_by("-depth").first()


def has_approved_submission(organization):
    pages = Page.objects.descendant_of(organization, inclusive=True).values_list("pk", flat=True)
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in pages],
        status=WorkflowState.STATUS_APPROVED,
    ).exists()
