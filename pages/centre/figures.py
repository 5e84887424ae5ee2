"""The centre's section of the yearly cooperation report (core's pages.report_figures)."""

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pages.report_figures import COUNT, FigureSection

from .models import Appointment, Booking


def used_in(year):
    """The approved bookings and the booked advice appointments of ``year``."""
    return (
        Booking.objects.filter(state=Booking.State.APPROVED, starts_at__year=year),
        Appointment.objects.filter(state=Appointment.State.BOOKED, starts_at__year=year),
    )


def centre_figures(year, programme=None):
    bookings, appointments = used_in(year)
    return {"centre_bookings": bookings.count(), "advice_appointments": appointments.count()}


def by_month(year):
    """{month: [approved bookings, advice appointments]} for the twelve months."""
    result = defaultdict(lambda: [0, 0])
    for index, queryset in enumerate(used_in(year)):
        for starts_at in queryset.values_list("starts_at", flat=True):
            result[timezone.localtime(starts_at).month][index] += 1
    return {str(month): result[month] for month in range(1, 13)}


SECTION = FigureSection(
    key="centre",
    heading=_("The NGO centre"),
    order=60,
    figures=[
        ("centre_bookings", _("Bookings of rooms and equipment"), COUNT),
        ("advice_appointments", _("Advice appointments"), COUNT),
    ],
    count=centre_figures,
    extras={"centre_by_month": by_month},
)
