"""Public views of a consultation: commenting, the report and its PDF.

Who may do what (each refusal is tested from the refused side):
- nobody comments outside the consultation period (no form; a POST gets 403 and a message);
- a signed-in editor of an organization comments in its name; the comment stays a draft, seen
  by that organization's editors only, until one of them submits it;
- other visitors comment as residents only when the page allows it;
- comments show after a moderator publishes them (admin: pages/consultations/admin.py).
"""

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles
from pages.ratelimit import form_rate_limited

from .models import ConsultationComment, report_comments, visible_comments

NOTICES = {
    "szkic": gettext_lazy(
        "Your comment is saved as a draft of your organization. Only its editors see it until "
        "one of you submits it."
    ),
    "wyslano": gettext_lazy(
        "Thank you. Your comment has been submitted; it will show here once a moderator has "
        "read it."
    ),
}


class CommentForm(forms.Form):
    paragraph = forms.ChoiceField(label=gettext_lazy("Paragraph"))
    proposed_wording = forms.CharField(
        label=gettext_lazy("Proposed wording"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    justification = forms.CharField(
        label=gettext_lazy("Justification"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        choices = consultation.paragraph_choices()
        self.fields["paragraph"].choices = [("", gettext_lazy("The whole draft"))] + choices
        self.fields["paragraph"].required = False


class OrganizationCommentForm(CommentForm):
    organization = forms.ModelChoiceField(label=gettext_lazy("In the name of"), queryset=None)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first().pk


class ResidentCommentForm(CommentForm):
    resident_name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    resident_email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        help_text=gettext_lazy("Not published; the office may write to you about your comment."),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the city office processes my name and e-mail to run this consultation; "
            "my name is published with my comment and in the report."
        )
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)


def _organizations(user):
    if not user.is_authenticated:
        return None
    organizations = roles.organizations_edited_by(user).filter(locale__language_code="pl")
    return organizations if organizations.exists() else None


def _form_for(consultation, request, data=None):
    organizations = _organizations(request.user)
    if organizations is not None:
        return OrganizationCommentForm(
            data, consultation=consultation, organizations=organizations
        ), organizations
    if consultation.residents_may_comment:
        return ResidentCommentForm(data, consultation=consultation), None
    return None, None


def consultation_view(consultation, request):
    source = (
        consultation.get_translations(inclusive=True).filter(locale__language_code="pl").first()
    )
    source = source.specific if source else consultation
    status = 200
    form = organizations = None
    refusal = None
    if source.is_open:
        form, organizations = _form_for(source, request)
    if request.method == "POST":
        form, organizations, refusal, status, redirect = _post(source, consultation, request)
        if redirect:
            return redirect
    drafts = []
    if organizations is not None:
        drafts = list(
            ConsultationComment.objects.filter(
                consultation=source,
                organization__in=organizations,
                state=ConsultationComment.State.DRAFT,
            ).select_related("organization")
        )
    context = {
        "form": form,
        "refusal": refusal,
        "drafts": drafts,
        "comments": visible_comments(source),
        "notice": NOTICES.get(request.GET.get("stan", "")),
        "source": source,
    }
    response = consultation.render(request, context_overrides=context)
    response.status_code = status
    return response


def _post(source, consultation, request):
    """(form, organizations, refusal, status, redirect) of a POST on the consultation page."""
    if not source.is_open:
        return None, None, _("Comments can be sent only during the consultation period."), 403, None
    form, organizations = _form_for(source, request, request.POST)
    if form is None:
        return None, None, _("Only organizations take part in this consultation."), 403, None
    if request.POST.get("submit_draft"):
        return _submit_draft(source, consultation, request, form, organizations)
    if request.POST.get("website"):
        return None, None, None, 200, HttpResponseRedirect(consultation.url + "?stan=wyslano")
    if form_rate_limited(request, "consultation-comment", form):
        return form, organizations, None, 429, None
    if not form.is_valid():
        return form, organizations, None, 400, None
    data = form.cleaned_data
    comment = ConsultationComment(
        consultation=source,
        paragraph_id=data["paragraph"] or "",
        paragraph_label=source.paragraph_label(data["paragraph"]) if data["paragraph"] else "",
        proposed_wording=data["proposed_wording"],
        justification=data["justification"],
        author=request.user if request.user.is_authenticated else None,
    )
    if organizations is not None:
        comment.organization = data["organization"]
        comment.save()
        if request.POST.get("action") == "submit":
            comment.submit()
            return None, None, None, 200, HttpResponseRedirect(consultation.url + "?stan=wyslano")
        return None, None, None, 200, HttpResponseRedirect(consultation.url + "?stan=szkic")
    comment.resident_name = data["resident_name"]
    comment.resident_email = data["resident_email"]
    comment.save()
    comment.submit()
    return None, None, None, 200, HttpResponseRedirect(consultation.url + "?stan=wyslano")


def _submit_draft(source, consultation, request, form, organizations):
    if organizations is None:
        return form, None, _("Only an organization's editors submit its drafts."), 403, None
    comment = ConsultationComment.objects.filter(
        pk=request.POST.get("submit_draft"),
        consultation=source,
        organization__in=organizations,
        state=ConsultationComment.State.DRAFT,
    ).first()
    if comment is None:
        return form, organizations, _("This draft cannot be submitted."), 403, None
    comment.submit()
    return None, None, None, 200, HttpResponseRedirect(consultation.url + "?stan=wyslano")


def report_view(consultation, request):
    source = (
        consultation.get_translations(inclusive=True).filter(locale__language_code="pl").first()
    )
    source = source.specific if source else consultation
    if not source.has_closed:
        response = consultation.render(
            request,
            template="ngo_consultations/consultation_report.html",
            context_overrides={"not_yet": True, "source": source},
        )
        response.status_code = 404
        return response
    return consultation.render(
        request,
        template="ngo_consultations/consultation_report.html",
        context_overrides={"comments": report_comments(source), "source": source},
    )


def report_pdf_view(consultation, request):
    from django.http import Http404

    from .paperwork import consultation_report_pdf

    source = (
        consultation.get_translations(inclusive=True).filter(locale__language_code="pl").first()
    )
    source = source.specific if source else consultation
    if not source.has_closed:
        raise Http404
    body = consultation_report_pdf(source, list(report_comments(source)))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="raport-{source.slug}.pdf"'
    return response
