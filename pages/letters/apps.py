from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """Letters of recommendation and of intent, and the consent to use the NGO centre's address,
    that an organization asks the city for when it applies for outside funding (a feature app)."""

    name = "pages.letters"
    label = "ngo_letters"
    verbose_name = _("Letters for NGOs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import roles

        # The city decides the requests: its editors read them, edit the text and issue them.
        roles.register_city_permissions(self.label, "view_letterrequest", "change_letterrequest")
