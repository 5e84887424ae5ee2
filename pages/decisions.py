"""The admin's edit view for things the city decides (premises applications, stands at a fair,
letters, local initiatives; the requests are ``pages.models.requests.DecidedRequest``): saving a
changed status is the decision, dated and mailed to whoever asked (in a task).

A feature's model viewset sets ``edit_view_class`` to a subclass naming its mail task and the
statuses that are not decisions yet.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.admin.views.generic import EditView


class DecisionEditView(EditView):
    #: A task taking the object's primary key (``pages.mail.mail_task``).
    decision_task = None
    #: Statuses that decide nothing (received, being assessed): no date, no mail.
    undecided = ()

    def save_instance(self):
        before = (
            type(self.object).objects.filter(pk=self.object.pk).values_list("status", flat=True)[0]
        )
        instance = super().save_instance()
        if instance.status != before and instance.status not in self.undecided:
            type(instance).objects.filter(pk=instance.pk).update(decided_at=timezone.now())
            task = self.decision_task
            transaction.on_commit(lambda: task.enqueue(instance.pk))
        return instance
