from wagtail import hooks

from .admin import PartnershipRequestViewSet


@hooks.register("register_admin_viewset")
def register_partnership_requests():
    return PartnershipRequestViewSet()
