from wagtail import hooks

from .admin import LetterRequestViewSet


@hooks.register("register_admin_viewset")
def register_letter_requests():
    return LetterRequestViewSet()
