"""Business partners: the listing, a partner's profile, and an NGO's request to a partner.

Anyone may read; writing to a partner is for the editors of an organization (signed in), so a
partner hears from an organization the city knows, with a person to answer to.
"""

import datetime

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles
from pages.listing import taxonomy_labels
from pages.ratelimit import form_rate_limited

from .emails import forward_partnership_request
from .models import HelpKind, PartnerKind, PartnerPage, PartnershipRequest

# One request of an organization to one partner per this many days: a partner who did not answer
# is not written to again and again.
REPEAT_AFTER_DAYS = 30


class PartnershipRequestForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("On behalf of"), queryset=None, empty_label=None
    )
    help_kind = forms.ChoiceField(label=gettext_lazy("We ask for"), choices=HelpKind.choices)
    message = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Who you are, what you need and for what project."),
    )

    def __init__(self, organizations, partner, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        offered = partner.offered()
        if offered:
            self.fields["help_kind"].choices = offered


def partner_listing(index, request):
    areas, _districts = taxonomy_labels(index.locale)
    partners = (
        PartnerPage.objects.live()
        .public()
        .child_of(index)
        .select_related("logo")
        .prefetch_related("areas")
        .order_by("title")
    )
    offer = request.GET.get("oferuje", "")
    kind = request.GET.get("rodzaj", "")
    area = request.GET.get("obszar", "")
    if offer in HelpKind.values:
        partners = partners.filter(**{f"offers_{offer}": True})
    if kind in PartnerKind.values:
        partners = partners.filter(partner_kind=kind)
    if area in areas:
        partners = partners.filter(areas__slug=area).distinct()
    partners = list(partners[:500])
    for partner in partners:
        partner.area_labels = [areas[a.slug].name for a in partner.areas.all() if a.slug in areas]
    return index.render(
        request,
        context_overrides={
            "partners": partners,
            "areas": areas,
            "help_kinds": HelpKind.choices,
            "partner_kinds": PartnerKind.choices,
            "selected_offer": offer if offer in HelpKind.values else "",
            "selected_kind": kind if kind in PartnerKind.values else "",
            "selected_area": area if area in areas else "",
        },
    )


def profile_view(partner, request):
    return partner.render(request)


@roles.organization_editors_only(_("Only the editors of an organization can write to a partner."))
def request_view(partner, request, organizations):
    status = 200
    form = PartnershipRequestForm(organizations, partner, request.POST or None)
    if request.method == "POST":
        if form_rate_limited(request, "partnership-request", form):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            since = timezone.now() - datetime.timedelta(days=REPEAT_AFTER_DAYS)
            recent = PartnershipRequest.objects.filter(
                partner__translation_key=partner.translation_key,
                organization=data["organization"],
                created_at__gte=since,
            )
            if recent.exists():
                form.add_error(
                    None,
                    _(
                        "Your organization wrote to this partner less than %(days)s days ago. "
                        "Wait for the answer (it comes to the e-mail of the editor who wrote)."
                    )
                    % {"days": REPEAT_AFTER_DAYS},
                )
                status = 409
            else:
                sent = PartnershipRequest.objects.create(
                    partner=partner,
                    organization=data["organization"],
                    sender=request.user,
                    help_kind=data["help_kind"],
                    message=data["message"],
                )
                transaction.on_commit(lambda: forward_partnership_request.enqueue(sent.pk))
                return partner.render(
                    request,
                    template="ngo_partners/request_sent.html",
                    context_overrides={"sent": sent},
                )
        else:
            status = 400
    response = partner.render(
        request, template="ngo_partners/request.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response
