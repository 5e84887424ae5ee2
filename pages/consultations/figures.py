"""The consultations' section of the yearly cooperation report (core's pages.report_figures):
a consultation held in Polish and translated is one consultation, its comments are counted on
every language."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection, keys

from .models import ConsultationComment, ConsultationPage


def held_in(year):
    return keys(ConsultationPage.objects.live().filter(opens_on__year=year))


def comments_on(consultations):
    return ConsultationComment.objects.filter(
        consultation__translation_key__in=consultations
    ).exclude(state=ConsultationComment.State.DRAFT)


def consultations_figures(year, programme=None):
    consultations = held_in(year)
    comments = comments_on(consultations)
    return {
        "consultations_held": len(consultations),
        "comments_received": comments.count(),
        "commenting_organizations": comments.filter(organization__isnull=False)
        .values("organization__translation_key")
        .distinct()
        .count(),
    }


def participation(year):
    """{consultation's translation_key: [comments, organizations]}."""
    consultations = held_in(year)
    rows = (
        comments_on(consultations)
        .values("consultation__translation_key")
        .annotate(
            comments=Count("pk"),
            organizations=Count("organization__translation_key", distinct=True),
        )
    )
    result = {str(key): [0, 0] for key in consultations}
    for row in rows:
        result[str(row["consultation__translation_key"])] = [
            row["comments"],
            row["organizations"],
        ]
    return result


SECTION = FigureSection(
    key="consultations",
    heading=_("Consultations of draft acts"),
    order=20,
    figures=[
        ("consultations_held", _("Consultations held"), COUNT),
        ("comments_received", _("Comments received"), COUNT),
        ("commenting_organizations", _("Organizations that commented"), COUNT),
    ],
    count=consultations_figures,
    extras={"consultations": participation},
)
