from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pages import roles

from . import admin
from .permissions import trainings_visible_to

# Registrations of each organizer's trainings.


@hooks.register("register_admin_urls")
def register_training_urls():
    return [
        path("trainings/", admin.trainings_index, name="training_admin_index"),
        path(
            "trainings/<int:training_id>/registrations/",
            admin.registrations_view,
            name="training_registrations",
        ),
        path(
            "trainings/<int:training_id>/message/",
            admin.message_view,
            name="training_message",
        ),
    ]


class TrainingsMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_city_editor(request.user) or trainings_visible_to(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_trainings_menu_item():
    return TrainingsMenuItem(
        _("Training registrations"),
        reverse("training_admin_index"),
        icon_name="list-ul",
        order=445,
    )
