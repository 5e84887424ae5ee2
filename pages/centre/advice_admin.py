"""An advisor's day: their own appointments (whoever runs the advice sees every advisor's)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from pages import roles
from pages.bounds import parse_date

from .models import Advisor, Appointment


def day_view(request):
    if roles.can_run(request.user, "advice"):
        advisors = Advisor.objects.all()
    else:
        advisors = Advisor.objects.filter(user=request.user)
        if not advisors.exists():
            raise PermissionDenied
    day = parse_date(request.GET.get("dzien", "")) or timezone.localdate()
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
    appointments = (
        Appointment.objects.filter(
            advisor__in=advisors,
            state=Appointment.State.BOOKED,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .select_related("advisor")
        .order_by("starts_at")
    )
    return render(
        request,
        "ngo_centre/admin/advice_day.html",
        {
            "day": day,
            "appointments": appointments,
            "previous_day": day - datetime.timedelta(days=1),
            "next_day": day + datetime.timedelta(days=1),
        },
    )
