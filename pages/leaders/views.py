"""The local leaders directory: proposing oneself, managing one's profile, contacting a leader.

Nothing here shows a leader's e-mail: contact goes through a form the portal forwards.
"""

from django import forms
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy

from pages import signed_links
from pages.listing import taxonomy_labels
from pages.models import AreaOfPublicBenefit, District
from pages.ratelimit import form_rate_limited

from .emails import forward_leader_message, send_leader_link
from .models import MANAGE_SALT, LeaderProfile

CONSENT = gettext_lazy(
    "I agree that the city office publishes my name, areas, district and the texts above in the "
    "directory, and processes my e-mail to forward messages to me. I can change or remove my "
    "profile at any time with the link I receive."
)


class LeaderForm(forms.ModelForm):
    class Meta:
        model = LeaderProfile
        fields = ["full_name", "email", "areas", "district", "can_help_with", "bio"]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "can_help_with": forms.Textarea(attrs={"rows": 4}),
            "bio": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = AreaOfPublicBenefit.objects.filter(
            locale__language_code=translation.get_language() or "pl"
        )
        self.fields["district"].queryset = District.objects.filter(
            locale__language_code=translation.get_language() or "pl"
        )


class ProposeForm(LeaderForm):
    consent = forms.BooleanField(label=CONSENT)
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class ContactForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Your e-mail (for the answer)"))
    message = forms.CharField(
        label=gettext_lazy("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6})
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)


def listing_view(page, request):
    areas, districts = taxonomy_labels(page.locale)
    leaders = (
        LeaderProfile.objects.filter(state=LeaderProfile.State.APPROVED)
        .prefetch_related("areas")
        .select_related("district")
    )
    area = request.GET.get("area")
    district = request.GET.get("district")
    if area in areas:
        leaders = leaders.filter(areas__slug=area)
    if district in districts:
        leaders = leaders.filter(district__slug=district)
    leaders = list(leaders.distinct()[:500])
    for leader in leaders:
        leader.area_labels = [areas[a.slug].name for a in leader.areas.all() if a.slug in areas]
        leader.district_label = (
            districts[leader.district.slug].name
            if leader.district_id and leader.district.slug in districts
            else ""
        )
    return page.render(
        request,
        context_overrides={
            "leaders": leaders,
            "areas": areas,
            "districts": districts,
            "selected_area": area if area in areas else "",
            "selected_district": district if district in districts else "",
        },
    )


def propose_view(page, request):
    status = 200
    if request.method == "POST":
        form = ProposeForm(request.POST)
        if request.POST.get("website"):
            return page.render(request, template="ngo_leaders/sent.html")
        if form_rate_limited(request, "leader-propose", form):
            status = 429
        elif form.is_valid():
            leader = form.save(commit=False)
            leader.language = translation.get_language() or "pl"
            leader.consent_text = str(CONSENT)
            leader.save()
            form.save_m2m()
            transaction.on_commit(lambda: send_leader_link.enqueue(leader.pk))
            return page.render(request, template="ngo_leaders/sent.html")
        else:
            status = 400
    else:
        form = ProposeForm()
    response = page.render(
        request, template="ngo_leaders/propose.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


def manage_view(page, request):
    try:
        data = signed_links.loads("leader-profile", request.GET.get("klucz", ""), MANAGE_SALT)
        leader = LeaderProfile.objects.get(pk=data["l"], token=data["t"])
    except signing.SignatureExpired:
        return signed_links.expired_response(page, request)
    except (signing.BadSignature, LeaderProfile.DoesNotExist, KeyError, TypeError) as error:
        raise Http404 from error
    status = 200
    if request.method == "POST" and request.POST.get("action") == "delete":
        leader.delete()
        return page.render(request, template="ngo_leaders/deleted.html")
    if request.method == "POST":
        form = LeaderForm(request.POST, instance=leader)
        if form.is_valid():
            changed = form.save(commit=False)
            # A changed profile is read again before it shows.
            changed.state = LeaderProfile.State.PENDING
            changed.save()
            form.save_m2m()
            return page.render(
                request,
                template="ngo_leaders/manage.html",
                context_overrides={"form": LeaderForm(instance=changed), "saved": True},
            )
        status = 400
    else:
        form = LeaderForm(instance=leader)
    response = page.render(
        request, template="ngo_leaders/manage.html", context_overrides={"form": form}
    )
    response.status_code = status
    return response


def contact_view(page, request, leader_id):
    leader = get_object_or_404(LeaderProfile, pk=leader_id, state=LeaderProfile.State.APPROVED)
    status = 200
    if request.method == "POST":
        form = ContactForm(request.POST)
        if request.POST.get("website"):
            return page.render(
                request,
                template="ngo_leaders/contact_sent.html",
                context_overrides={"leader": leader},
            )
        if form_rate_limited(request, "leader-contact", form):
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            transaction.on_commit(
                lambda: forward_leader_message.enqueue(
                    leader.pk, data["name"], data["email"], data["message"]
                )
            )
            return page.render(
                request,
                template="ngo_leaders/contact_sent.html",
                context_overrides={"leader": leader},
            )
        else:
            status = 400
    else:
        form = ContactForm()
    response = page.render(
        request,
        template="ngo_leaders/contact.html",
        context_overrides={"form": form, "leader": leader},
    )
    response.status_code = status
    return response
