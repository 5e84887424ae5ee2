"""The trainings' section of the yearly cooperation report (core's pages.report_figures)."""

from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection, keys

from .models import TrainingPage, TrainingRegistration


def trainings_figures(year, programme=None):
    trainings = keys(TrainingPage.objects.live().filter(first_day__year=year))
    registrations = TrainingRegistration.objects.filter(
        training__translation_key__in=trainings, status=TrainingRegistration.Status.REGISTERED
    )
    return {
        "trainings_held": len(trainings),
        "training_registrations": registrations.count(),
        "training_attendance": registrations.filter(attended=True).count(),
    }


SECTION = FigureSection(
    key="trainings",
    heading=_("Trainings"),
    order=50,
    figures=[
        ("trainings_held", _("Trainings held"), COUNT),
        ("training_registrations", _("Registrations"), COUNT),
        ("training_attendance", _("Participants who attended"), COUNT),
    ],
    count=trainings_figures,
)
