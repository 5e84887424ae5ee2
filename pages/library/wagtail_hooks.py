from wagtail import hooks

from .admin import LibraryViewSetGroup


@hooks.register("register_admin_viewset")
def register_library_viewsets():
    return LibraryViewSetGroup()
