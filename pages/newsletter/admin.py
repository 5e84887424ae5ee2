"""Editors compose, preview, test and send the newsletter (city editors only)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pages import roles

from .composing import build_message, pick_recent, preview_html
from .models import NewsletterDelivery, NewsletterIssue, NewsletterItem, NewsletterSubscriber


class IssueForm(forms.ModelForm):
    class Meta:
        model = NewsletterIssue
        fields = ["subject", "language", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 4})}


ItemFormSet = forms.inlineformset_factory(
    NewsletterIssue,
    NewsletterItem,
    fields=["kind", "title", "url", "summary", "sort_order"],
    extra=1,
    can_delete=True,
    widgets={"summary": forms.Textarea(attrs={"rows": 2})},
)


def _require_editor(request):
    if not roles.can_run(request.user, "newsletter"):
        raise PermissionDenied


def issues_view(request):
    _require_editor(request)
    if request.method == "POST":
        form = IssueForm(request.POST)
        if form.is_valid():
            issue = form.save()
            return redirect("newsletter_issue", issue_id=issue.pk)
    else:
        form = IssueForm()
    issues = NewsletterIssue.objects.annotate(
        sent=Count("deliveries", filter=Q(deliveries__status="sent")),
        failed=Count("deliveries", filter=Q(deliveries__status="failed")),
        pending=Count("deliveries", filter=Q(deliveries__status="pending")),
    )[:100]
    subscribers = NewsletterSubscriber.objects.values("language").annotate(
        n=Count("pk", filter=Q(state="confirmed"))
    )
    return render(
        request,
        "ngo_newsletter/admin/issues.html",
        {"issues": issues, "form": form, "subscribers": subscribers},
    )


def issue_view(request, issue_id):
    _require_editor(request)
    issue = get_object_or_404(NewsletterIssue, pk=issue_id)
    notice = None
    action = request.POST.get("action") if request.method == "POST" else None
    formset = ItemFormSet(instance=issue)
    if action == "pick":
        count = pick_recent(issue)
        notice = _("%(count)d items added from the last month.") % {"count": count}
    elif action == "save":
        formset = ItemFormSet(request.POST, instance=issue)
        if formset.is_valid():
            formset.save()
            formset = ItemFormSet(instance=issue)
            notice = _("Saved.")
    elif action == "test":
        if request.user.email:
            build_message(issue, request.user.email, "").send()
            notice = _("A test was sent to %(email)s.") % {"email": request.user.email}
        else:
            notice = _("Your account has no e-mail address for the test.")
    elif action == "send" and issue.state == NewsletterIssue.State.DRAFT:
        # Mail cannot be called back: the first press only says to whom it would go.
        if request.POST.get("confirm") != str(issue.pk):
            return render(
                request,
                "ngo_newsletter/admin/confirm_send.html",
                {"issue": issue, "recipients": recipients(issue).count()},
            )
        start_sending(issue)
        return redirect("newsletter_issue", issue_id=issue.pk)
    elif action == "retry":
        retry_failures(issue)
        return redirect("newsletter_issue", issue_id=issue.pk)
    counts = {
        row["status"]: row["n"] for row in issue.deliveries.values("status").annotate(n=Count("pk"))
    }
    return render(
        request,
        "ngo_newsletter/admin/issue.html",
        {"issue": issue, "formset": formset, "notice": notice, "counts": counts},
    )


def preview_view(request, issue_id):
    _require_editor(request)
    issue = get_object_or_404(NewsletterIssue, pk=issue_id)
    response = HttpResponse(preview_html(issue))
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
    )
    return response


def recipients(issue):
    return NewsletterSubscriber.objects.filter(
        state=NewsletterSubscriber.State.CONFIRMED, language=issue.language
    )


def start_sending(issue):
    """One delivery row per confirmed subscriber of the issue's language, then the tasks."""
    from .emails import send_newsletter_batch

    # Draft -> sending once, in the database: a second press or a second editor sends nothing.
    started = NewsletterIssue.objects.filter(pk=issue.pk, state=NewsletterIssue.State.DRAFT).update(
        state=NewsletterIssue.State.SENDING
    )
    if not started:
        return
    issue.state = NewsletterIssue.State.SENDING
    NewsletterDelivery.objects.bulk_create(
        [
            NewsletterDelivery(issue=issue, subscriber_id=pk)
            for pk in recipients(issue).values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
    )
    send_newsletter_batch.enqueue(issue.pk)


def retry_failures(issue):
    from .emails import send_newsletter_batch

    issue.deliveries.filter(status="failed", subscriber__state="confirmed").update(
        status="pending", error=""
    )
    send_newsletter_batch.enqueue(issue.pk)
