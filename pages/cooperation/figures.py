"""The figures of the yearly cooperation report, counted from the portal's own data.

`compute(year, programme)` returns plain JSON data (keys and numbers, never translated labels):
the report page freezes it when it is published and renders the labels in its own language.
Pages exist once per language, so pages are counted by ``translation_key`` (a consultation held
in Polish and translated into two languages is one consultation), while what residents and
organizations did on them (comments, registrations, applications) is counted on every language.
Amounts are kept as decimal strings: a float would lose grosze.
"""

from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry

from pages.consultations.models import ConsultationComment, ConsultationPage
from pages.council.models import CouncilMeeting, CouncilResolution
from pages.grants.models import AwardedGrant, GrantCallPage, GrantCallStatus
from pages.models import (
    OrganizationPage,
    PatronageRequest,
)
from pages.trainings.models import TrainingPage, TrainingRegistration
from pages.volunteering.models import VolunteerApplication, VolunteerOfferPage

SNAPSHOT_VERSION = 1
# The years the chart of amounts by year shows, the report's year last.
YEARS_IN_CHART = 5

COUNT, AMOUNT, PERCENT = "count", "amount", "percent"

# (section key, heading, [(figure key, label, kind)]): the order of the page, the CSV and the PDF.
SECTIONS = [
    (
        "grants",
        _("Grants for public tasks"),
        [
            ("grant_calls", _("Grant calls announced"), COUNT),
            ("offers_received", _("Offers received in the calls"), COUNT),
            ("grants_awarded", _("Grants awarded (contracts)"), COUNT),
            ("organizations_funded", _("Organizations that received a grant"), COUNT),
            ("amount_awarded", _("Amount awarded (PLN)"), AMOUNT),
            ("amount_planned", _("Amount planned in the programme (PLN)"), AMOUNT),
            ("share_spent", _("Share of the planned amount awarded (%)"), PERCENT),
        ],
    ),
    (
        "consultations",
        _("Consultations of draft acts"),
        [
            ("consultations_held", _("Consultations held"), COUNT),
            ("comments_received", _("Comments received"), COUNT),
            ("commenting_organizations", _("Organizations that commented"), COUNT),
        ],
    ),
    (
        "council",
        _("Public Benefit Council"),
        [
            ("council_meetings", _("Council meetings"), COUNT),
            ("council_resolutions", _("Council resolutions"), COUNT),
        ],
    ),
    (
        "patronage",
        _("The Mayor's patronage"),
        [("patronages_granted", _("Patronages granted"), COUNT)],
    ),
    (
        "trainings",
        _("Trainings"),
        [
            ("trainings_held", _("Trainings held"), COUNT),
            ("training_registrations", _("Registrations"), COUNT),
            ("training_attendance", _("Participants who attended"), COUNT),
        ],
    ),
    (
        "centre",
        _("The NGO centre"),
        [
            ("centre_bookings", _("Bookings of rooms and equipment"), COUNT),
            ("advice_appointments", _("Advice appointments"), COUNT),
        ],
    ),
    (
        "volunteering",
        _("Volunteering"),
        [
            ("volunteer_offers", _("Volunteer offers"), COUNT),
            ("volunteer_applications", _("Applications of volunteers"), COUNT),
            ("volunteers_accepted", _("Volunteers accepted"), COUNT),
        ],
    ),
    (
        "directory",
        _("The NGO directory"),
        [
            (
                "organizations_listed",
                _("Organizations in the directory at the end of the year"),
                COUNT,
            ),
            ("profiles_updated", _("Profiles published or updated in the year"), COUNT),
        ],
    ),
]
FIGURES = {key: (label, kind) for _section, _heading, rows in SECTIONS for key, label, kind in rows}


def money(value):
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def compute(year, programme=None, previous_programme=None):
    """The snapshot of ``year``: each figure with the year before, and the breakdowns."""
    current = year_figures(year, programme)
    previous = year_figures(year - 1, previous_programme)
    return {
        "version": SNAPSHOT_VERSION,
        "year": year,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "figures": {
            key: {"value": current.pop(key), "previous": previous.pop(key)} for key in FIGURES
        },
        "amount_by_area": amount_by_area(year),
        "amount_by_mode": amount_by_mode(year),
        "amount_by_year": {
            str(y): money(AwardedGrant.objects.filter(year=y).aggregate(s=Sum("amount"))["s"])
            for y in range(year - YEARS_IN_CHART + 1, year + 1)
        },
        "consultations": consultation_participation(year),
        "centre_by_month": centre_by_month(year),
        "tasks": task_amounts(year, programme),
    }


def year_figures(year, programme=None):
    grants = AwardedGrant.objects.filter(year=year)
    awarded = grants.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    planned = programme.planned_amount if programme is not None else None
    consultations = keys(ConsultationPage.objects.live().filter(opens_on__year=year))
    comments = ConsultationComment.objects.filter(
        consultation__translation_key__in=consultations
    ).exclude(state=ConsultationComment.State.DRAFT)
    trainings = keys(TrainingPage.objects.live().filter(first_day__year=year))
    registrations = TrainingRegistration.objects.filter(
        training__translation_key__in=trainings, status=TrainingRegistration.Status.REGISTERED
    )
    applications = VolunteerApplication.objects.filter(created_at__year=year)
    centre_bookings, appointments = centre_rows(year)
    organizations = OrganizationPage.objects.live()
    calls = (
        GrantCallPage.objects.live()
        .filter(opens_at__year=year)
        .exclude(status_override=GrantCallStatus.CANCELLED)
    )
    # One number per call whatever its languages (the field is synchronized).
    offers = dict(calls.values_list("translation_key", "offers_received"))
    return {
        "grant_calls": len(offers),
        "offers_received": sum(number or 0 for number in offers.values()),
        "grants_awarded": grants.count(),
        "organizations_funded": grants.values("organization_name").distinct().count(),
        "amount_awarded": money(awarded),
        "amount_planned": money(planned) if planned is not None else None,
        "share_spent": (
            str((awarded * 100 / planned).quantize(Decimal("0.1"))) if planned else None
        ),
        "consultations_held": len(consultations),
        "comments_received": comments.count(),
        "commenting_organizations": comments.filter(organization__isnull=False)
        .values("organization__translation_key")
        .distinct()
        .count(),
        "council_meetings": source_rows(CouncilMeeting).filter(starts_at__year=year).count(),
        "council_resolutions": source_rows(CouncilResolution).filter(adopted_on__year=year).count(),
        "patronages_granted": PatronageRequest.objects.filter(
            status=PatronageRequest.Status.GRANTED, event_date__year=year
        ).count(),
        "trainings_held": len(trainings),
        "training_registrations": registrations.count(),
        "training_attendance": registrations.filter(attended=True).count(),
        "centre_bookings": centre_bookings.count() if centre_bookings is not None else 0,
        "advice_appointments": appointments.count() if appointments is not None else 0,
        "volunteer_offers": len(
            keys(
                VolunteerOfferPage.objects.live().filter(
                    Q(start_date__year=year)
                    | Q(start_date__year__lt=year, end_date__year__gte=year)
                )
            )
        ),
        "volunteer_applications": applications.count(),
        "volunteers_accepted": applications.filter(
            status=VolunteerApplication.Status.ACCEPTED
        ).count(),
        "organizations_listed": len(keys(organizations.filter(first_published_at__year__lte=year))),
        # Every publication is logged, also the ones a later publication replaced: a profile
        # changed in March and again next January counts in both years.
        "profiles_updated": len(
            set(
                PageLogEntry.objects.filter(
                    action="wagtail.publish",
                    timestamp__year=year,
                    page__in=organizations.values("pk"),
                ).values_list("page__translation_key", flat=True)
            )
        ),
    }


def keys(pages):
    """The translation keys of pages: one per page whatever the number of its languages."""
    return set(pages.values_list("translation_key", flat=True))


def source_rows(model):
    """Rows of a page's inline panel, on the live source-language page only (translations of
    the page hold copies of the same rows)."""
    return model.objects.filter(page__live=True, page__locale__language_code=settings.LANGUAGE_CODE)


def amount_by_area(year):
    """{area's translation_key: amount}; grants without an area under ""."""
    rows = (
        AwardedGrant.objects.filter(year=year)
        .values("area__translation_key")
        .annotate(s=Sum("amount"))
        .order_by("-s")
    )
    return {str(row["area__translation_key"] or ""): money(row["s"]) for row in rows}


def amount_by_mode(year):
    rows = AwardedGrant.objects.filter(year=year).values("mode").annotate(s=Sum("amount"))
    return {row["mode"]: money(row["s"]) for row in sorted(rows, key=lambda r: r["mode"])}


def consultation_participation(year):
    """{consultation's translation_key: [comments, organizations]}."""
    consultations = keys(ConsultationPage.objects.live().filter(opens_on__year=year))
    rows = (
        ConsultationComment.objects.filter(consultation__translation_key__in=consultations)
        .exclude(state=ConsultationComment.State.DRAFT)
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


def centre_rows(year):
    """The centre's approved bookings and booked advice appointments of ``year``: two querysets,
    or two Nones where the centre (pages.centre, a feature app) is not installed."""
    if not apps.is_installed("pages.centre"):
        return None, None
    from pages.centre.models import Appointment, Booking

    return (
        Booking.objects.filter(state=Booking.State.APPROVED, starts_at__year=year),
        Appointment.objects.filter(state=Appointment.State.BOOKED, starts_at__year=year),
    )


def centre_by_month(year):
    """{month: [approved bookings, advice appointments]} for the twelve months."""
    result = defaultdict(lambda: [0, 0])
    for index, queryset in enumerate(centre_rows(year)):
        if queryset is None:
            continue
        for starts_at in queryset.values_list("starts_at", flat=True):
            result[timezone.localtime(starts_at).month][index] += 1
    return {str(month): result[month] for month in range(1, 13)}


def task_amounts(year, programme):
    """[{planned, awarded}] per priority task of the programme, in the programme's order:
    awarded counts the grants of the year made in the calls the task names."""
    if programme is None:
        return []
    result = []
    for task in programme.priority_tasks.all():
        calls = keys(task.grant_calls.all())
        awarded = AwardedGrant.objects.filter(year=year, call__translation_key__in=calls).aggregate(
            s=Sum("amount")
        )["s"]
        result.append({"planned": money(task.planned_amount), "awarded": money(awarded)})
    return result
