from wagtail import hooks

from .admin import PremisesApplicationViewSet


@hooks.register("register_admin_viewset")
def register_premises_applications():
    return PremisesApplicationViewSet()
