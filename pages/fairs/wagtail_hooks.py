from wagtail import hooks

from .admin import StandRegistrationViewSet


@hooks.register("register_admin_viewset")
def register_stand_registrations():
    return StandRegistrationViewSet()
