"""Who reads which trainings' registrations: the city all of them, an organization's editors
those of their own organization's trainings."""

from django.conf import settings

from pages import roles

from .models import TrainingPage


def trainings_visible_to(user):
    """The trainings whose registrations ``user`` may read (source pages only)."""
    trainings = TrainingPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    if not user.is_active:
        return trainings.none()
    if roles.is_city_editor(user):
        return trainings
    return trainings.filter(organization__editor_group__in=user.groups.all())
