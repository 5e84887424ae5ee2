"""What happens when a review workflow approves a page (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

Imported by Wagtail while its models load: nothing here may import models at module level.
"""


def publish_approved(workflow_state, user=None):
    """Publish the approved revision, whoever gave the last approval.

    City moderators hold no publish permission, so that the "Publish" button cannot skip the
    review (and a first-time organization's second review); the workflow's approval is the
    authority here, so the reviewer's own rights are not checked again (Wagtail's default
    action checks them and would refuse a moderator's approval).
    """
    from pages.translations import publishing_as

    # The translations brought up to date by this publication are the approver's doing.
    with publishing_as(user):
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=True
        )
