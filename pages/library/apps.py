from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The centre's library for NGOs: catalogue, reservations, loans (a feature app)."""

    name = "pages.library"
    label = "ngo_library"
    verbose_name = _("NGO library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # The centre's staff are the city editors: they keep the catalogue and lend and take
        # back copies. NGO editors reserve on the public page and get nothing in the admin.
        roles.register_city_models(self.label, "libraryitem", "loan")
