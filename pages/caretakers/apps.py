from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CaretakersConfig(AppConfig):
    """A caretaker at the NGO centre for each organization, the centre's private log of advice
    given, and the incubation of informal groups becoming associations or foundations (a
    feature app)."""

    name = "pages.caretakers"
    label = "ngo_caretakers"
    verbose_name = _("Caretakers and incubation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .permissions import grant_centre_staff

        # The centre's staff are the centre's advisors' group (pages.roles.ADVISORS): they get
        # this app's registers after every migrate. The city editors do not: the advice log is
        # the centre's private notes about an organization, not the city's content.
        post_migrate.connect(grant_centre_staff, sender=self)
