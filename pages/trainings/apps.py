from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TrainingsConfig(AppConfig):
    """Trainings with registration, waiting lists and the organizers' registrations screen
    (a feature app)."""

    name = "pages.trainings"
    label = "ngo_trainings"
    verbose_name = _("Trainings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pages import report_figures

        from .figures import SECTION

        # The app's figures in the yearly cooperation report, when the report is installed.
        report_figures.register(SECTION)

        from pages import newsletter

        from .models import register_calendar_source

        # Each session of a live training is a date in the calendar (core's sources registry).
        register_calendar_source()
        # After the offers and the events in a newsletter issue.
        newsletter.register_picker("ngo_trainings.TrainingPage", _("Trainings"), 40)
        if apps.is_installed("search"):
            from search import registry

            # "szkolenie" finds trainings by the model's names; these words too.
            registry.register_family_terms(
                "ngo_trainings.TrainingPage",
                [
                    pgettext_lazy("search keywords", "workshops"),
                    pgettext_lazy("search keywords", "course"),
                ],
            )
