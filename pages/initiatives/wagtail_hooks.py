from wagtail import hooks

from .admin import LocalInitiativeViewSet


@hooks.register("register_admin_viewset")
def register_local_initiatives():
    return LocalInitiativeViewSet()
