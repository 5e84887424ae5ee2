"""City editors approve the local leaders' profiles before they show."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from pages import roles

from .models import LeaderProfile


def leaders_view(request):
    if not roles.can_run(request.user, "leaders"):
        raise PermissionDenied
    if request.method == "POST":
        leader = get_object_or_404(LeaderProfile, pk=request.POST.get("leader"))
        action = request.POST.get("action")
        if action in ("approve", "reject"):
            leader.state = (
                LeaderProfile.State.APPROVED
                if action == "approve"
                else LeaderProfile.State.REJECTED
            )
            leader.save(update_fields=["state"])
        return redirect("leaders_admin")
    leaders = LeaderProfile.objects.order_by("state", "-created_at")[:500]
    return render(request, "ngo_leaders/admin/leaders.html", {"leaders": leaders})
