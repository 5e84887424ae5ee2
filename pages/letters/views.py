"""Letters for NGOs: the page with an editor's requests, the request form, the issued letter as
PDF (for the organization's editors and the city's)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from pages import roles
from pages.ratelimit import form_rate_limited

from .emails import send_request_received
from .models import LetterRequest, proposed_text


class LetterRequestForm(forms.ModelForm):
    class Meta:
        model = LetterRequest
        fields = [
            "kind",
            "organization",
            "funder",
            "project_title",
            "project_summary",
            "amount",
            "deadline",
            "email",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "project_summary": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(
                _(
                    "The funder's deadline has passed or is today: the city needs a few days "
                    "to issue a letter. Give a date in the future."
                )
            )
        return deadline


def _requests_of(organizations):
    return LetterRequest.objects.filter(organization__in=organizations).select_related(
        "organization"
    )


def overview_view(page, request):
    """The page; an organization's editor also sees their organizations' requests."""
    mine = []
    if request.user.is_authenticated:
        organizations = roles.organizations_edited_by(request.user)
        mine = list(_requests_of(organizations)[:100])
    return page.render(request, context_overrides={"my_requests": mine})


@roles.organization_editors_only(_("Only the editors of an organization can ask for a letter."))
def request_view(page, request, organizations):
    status = 200
    form = LetterRequestForm(
        organizations, request.POST or None, initial={"email": request.user.email}
    )
    if request.method == "POST":
        if form_rate_limited(request, "letter-request", form):
            status = 429
        elif form.is_valid():
            letter = form.save(commit=False)
            letter.page = page
            letter.sent_by(request.user)
            data = form.cleaned_data
            letter.letter_text = proposed_text(
                data["kind"],
                data["organization"],
                data["funder"],
                data["project_title"],
                data["amount"],
            )
            letter.save()
            transaction.on_commit(lambda: send_request_received.enqueue(letter.pk))
            return page.render(
                request,
                template="ngo_letters/sent.html",
                context_overrides={"letter": letter},
            )
        else:
            status = 400
    response = page.render(
        request, template="ngo_letters/request.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


def pdf_view(page, request, letter_id):
    """An issued letter: its organization's editors and the city's editors download it; to
    anyone else it does not exist."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login
        from django.urls import reverse

        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    letter = (
        LetterRequest.objects.select_related("organization")
        .filter(pk=letter_id, status=LetterRequest.Status.ISSUED)
        .exclude(number=None)
        .first()
    )
    if letter is None:
        raise Http404
    if not roles.is_city_editor(request.user):
        if not roles.organizations_edited_by(request.user).exists():
            raise PermissionDenied
        if not roles.organizations_edited_by(request.user).filter(pk=letter.organization_id):
            raise Http404
    from .pdf import letter_pdf

    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    name = letter.number.replace(".", "-")
    response["Content-Disposition"] = f'attachment; filename="pismo-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
