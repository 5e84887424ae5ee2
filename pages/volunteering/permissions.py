"""Who sees which volunteer applications: the city editors every one, an organization's editors
those to their organization's offers."""

from pages import roles

from .models import VolunteerApplication


def applications_visible_to(user):
    """The volunteer applications ``user`` may read: every one for city editors, otherwise
    those to offers of the organizations whose editor group the user belongs to."""
    applications = VolunteerApplication.objects.all()
    if not user.is_active:
        return applications.none()
    if roles.is_city_editor(user):
        return applications
    return applications.filter(offer__organization__editor_group__in=user.groups.all())


def can_see_applications(user):
    return roles.is_city_editor(user) or roles.organizations_edited_by(user).exists()
