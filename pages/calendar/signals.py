"""Signal handlers of the calendar, connected in CalendarConfig.ready()."""


def event_published(sender, instance, **kwargs):
    """Each publication of an event is a new SEQUENCE for calendar programs."""
    from django.db.models import F

    type(instance).objects.filter(pk=instance.pk).update(sequence=F("sequence") + 1)
    instance.sequence += 1
