"""Moderating consultation comments and answering them (city editors and moderators only)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles

from .models import ConsultationComment, ConsultationPage


def _require_moderator(user):
    if not roles.can_run(user, "consultations"):
        raise PermissionDenied


class ModerationForm(forms.ModelForm):
    state = forms.ChoiceField(
        label=gettext_lazy("Publication"),
        choices=[
            (ConsultationComment.State.SUBMITTED, gettext_lazy("awaiting moderation")),
            (ConsultationComment.State.PUBLISHED, gettext_lazy("publish")),
            (ConsultationComment.State.REJECTED, gettext_lazy("do not publish")),
        ],
    )

    class Meta:
        model = ConsultationComment
        fields = ["state", "answer", "answer_reason"]
        widgets = {"answer_reason": forms.Textarea(attrs={"rows": 2})}


def consultations_index(request):
    _require_moderator(request.user)
    consultations = (
        ConsultationPage.objects.filter(locale__language_code="pl")
        .annotate(
            waiting=Count("comments", filter=Q(comments__state="submitted")),
            published=Count("comments", filter=Q(comments__state="published")),
        )
        .order_by("-closes_on")
    )
    return render(
        request,
        "ngo_consultations/admin/index.html",
        {"consultations": consultations[:200]},
    )


def comments_view(request, consultation_id):
    _require_moderator(request.user)
    consultation = get_object_or_404(ConsultationPage, pk=consultation_id)
    comments = (
        ConsultationComment.objects.filter(consultation=consultation)
        .exclude(state=ConsultationComment.State.DRAFT)
        .select_related("organization")
        .order_by("paragraph_label", "submitted_at")
    )
    if request.method == "POST":
        comment = get_object_or_404(comments, pk=request.POST.get("comment"))
        form = ModerationForm(request.POST, instance=comment, prefix=f"c{comment.pk}")
        if form.is_valid():
            form.save()
            return redirect("consultation_comments", consultation_id=consultation.pk)
        error = _("The comment was not saved: %(errors)s") % {"errors": form.errors.as_text()}
    else:
        error = None
    rows = [
        (comment, ModerationForm(instance=comment, prefix=f"c{comment.pk}")) for comment in comments
    ]
    return render(
        request,
        "ngo_consultations/admin/comments.html",
        {"consultation": consultation, "rows": rows, "error": error},
    )
