"""The centre's staff decide booking requests (city editors)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pages import roles
from pages.public_urls import absolute_url

from .models import Booking, BookingConflict, CentrePage, Resource, approve, feed_token


def bookings_view(request):
    if not roles.can_run(request.user, "bookings"):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        booking = get_object_or_404(
            Booking, pk=request.POST.get("booking"), state=Booking.State.REQUESTED
        )
        from .emails import send_booking_email

        if request.POST.get("action") == "approve":
            try:
                approve(booking)
            except BookingConflict:
                error = _(
                    "Not approved: an approved booking of %(name)s already takes this time."
                ) % {"name": booking.resource.name}
            else:
                transaction.on_commit(lambda: send_booking_email.enqueue(booking.pk, "approved"))
                return redirect("centre_bookings")
        else:
            booking.state = Booking.State.REFUSED
            booking.decided_at = timezone.now()
            booking.save(update_fields=["state", "decided_at"])
            transaction.on_commit(lambda: send_booking_email.enqueue(booking.pk, "refused"))
            return redirect("centre_bookings")
    bookings = (
        Booking.objects.select_related("resource")
        .filter(ends_at__gte=timezone.now())
        .order_by("state", "starts_at")[:300]
    )
    centre = CentrePage.objects.live().filter(locale__language_code="pl").first()
    feeds = []
    if centre is not None:
        for resource in Resource.objects.all():
            path = f"{centre.url}zasob/{resource.pk}/ical/?token={feed_token(resource)}"
            # The public address: the admin may be served under another host.
            feeds.append((resource, absolute_url(path)))
    response = render(
        request,
        "ngo_centre/admin/bookings.html",
        {"bookings": bookings, "error": error, "feeds": feeds},
    )
    if error:
        response.status_code = 409
    return response
