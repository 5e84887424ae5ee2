"""A fair's public page (accepted stands, their map), an organization's registration of a stand,
and withdrawing it.

Anyone reads the fair; registering is for the editors of an organization (signed in), who then
see their own organizations' registrations on the fair's page, and nobody else's. The contact
person and the needs are never on the public page.
"""

import json

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from pages import roles
from pages.directory import map_settings
from pages.localized import in_reader_language
from pages.models import OrganizationPage
from pages.ratelimit import form_rate_limited

from .emails import send_registration_received
from .models import FairPage, StandRegistration


class StandForm(forms.ModelForm):
    class Meta:
        model = StandRegistration
        fields = [
            "organization",
            "exhibit",
            "needs_power",
            "needs_table",
            "chairs",
            "shelter",
            "other_needs",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "exhibit": forms.Textarea(attrs={"rows": 5}),
            "other_needs": forms.Textarea(attrs={"rows": 3}),
            "chairs": forms.NumberInput(attrs={"min": 0, "max": 20}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


def own_registrations(fair, user):
    """The registrations of the organizations ``user`` edits for this fair (none when
    anonymous): their editors see the contact data and needs they gave."""
    if not user.is_authenticated:
        return []
    return list(
        StandRegistration.objects.filter(
            fair=fair, organization__in=roles.organizations_edited_by(user)
        )
        .select_related("organization")
        .order_by("organization__title", "-created_at")
    )


def accepted_stands(fair):
    stands = list(
        StandRegistration.objects.filter(fair=fair, status=StandRegistration.Status.ACCEPTED)
        .select_related("organization")
        .order_by("stand_number", "organization__title")
    )
    # Stand numbers are written by people ("2", "10", "A3"): numbers in numeric order first.
    stands.sort(
        key=lambda s: (
            not s.stand_number.isdigit(),
            int(s.stand_number) if s.stand_number.isdigit() else 0,
            s.stand_number,
            s.organization.title,
        )
    )
    return stands


def places_left(fair):
    taken = StandRegistration.objects.filter(
        fair=fair, status__in=StandRegistration.HOLDING
    ).count()
    return max(fair.capacity - taken, 0)


def fair_view(page, request):
    fair = page.registrations_page()
    stands = accepted_stands(fair)
    profiles = in_reader_language(
        [stand.organization for stand in stands],
        page.locale_id,
        OrganizationPage.objects.live().public(),
    )
    for stand, profile in zip(stands, profiles, strict=True):
        stand.profile_url = profile.get_url(request)
    points = [
        {
            "lat": float(stand.latitude),
            "lon": float(stand.longitude),
            "name": stand.organization.title,
            "number": stand.stand_number,
            "url": stand.profile_url,
        }
        for stand in stands
        if stand.has_location
    ]
    place = None
    if page.has_location:
        place = {"lat": float(page.latitude), "lon": float(page.longitude), "name": page.place}
    return page.render(
        request,
        context_overrides={
            "stands": stands,
            "map_json": json.dumps({**map_settings(), "POINTS": points, "PLACE": place}),
            "has_map": bool(points) or place is not None,
            "takes_registrations": page.takes_registrations(),
            "places_left": places_left(fair),
            "own": own_registrations(fair, request.user),
        },
    )


def _editor_organizations(request):
    """The organizations the signed-in user edits; None when nobody is signed in (the admin's
    sign-in page brings them back)."""
    if not request.user.is_authenticated:
        return None
    organizations = roles.organizations_edited_by(request.user).order_by("title")
    if not organizations.exists():
        raise PermissionDenied(_("Only the editors of an organization can register a stand."))
    return organizations


def register_view(page, request):
    organizations = _editor_organizations(request)
    if organizations is None:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not page.takes_registrations():
        response = page.render(request, template="ngo_fairs/closed.html")
        response.status_code = 410
        return response
    status = 200
    form = StandForm(organizations, request.POST or None)
    if request.method == "POST":
        if form_rate_limited(request, "fair-stand", form):
            status = 429
        elif form.is_valid():
            registration, status = _register(page.registrations_page(), form, request.user)
            if registration is not None:
                transaction.on_commit(lambda: send_registration_received.enqueue(registration.pk))
                return page.render(
                    request,
                    template="ngo_fairs/registered.html",
                    context_overrides={"registration": registration},
                )
        else:
            status = 400
    response = page.render(
        request,
        template="ngo_fairs/register.html",
        context_overrides={"form": form, "places_left": places_left(page.registrations_page())},
    )
    response.status_code = status
    return response


def _register(fair, form, user):
    """A registration, or (None, status) with the reason on the form.

    The fair's row is locked while its places are counted, so two organizations asking for the
    last place at once get one registration and one clear refusal.
    """
    organization = form.cleaned_data["organization"]
    duplicate = _("Your organization has already registered a stand at this fair.")
    try:
        with transaction.atomic():
            locked = FairPage.objects.select_for_update().get(pk=fair.pk)
            holding = StandRegistration.objects.filter(fair=locked)
            if (
                holding.filter(organization=organization)
                .exclude(status=StandRegistration.Status.WITHDRAWN)
                .exists()
            ):
                form.add_error(None, duplicate)
                return None, 409
            if holding.filter(status__in=StandRegistration.HOLDING).count() >= locked.capacity:
                form.add_error(
                    None,
                    _(
                        "Every stand at this fair is taken just now. If an organization "
                        "withdraws, a place frees up: try again later or write to the office."
                    ),
                )
                return None, 409
            registration = form.save(commit=False)
            registration.fair = locked
            registration.sent_by(user)
            registration.save()
    except IntegrityError:
        form.add_error(None, duplicate)
        return None, 409
    return registration, 200


def withdraw_view(page, request, registration_id):
    if request.method != "POST":
        raise Http404
    organizations = _editor_organizations(request)
    if organizations is None:
        return redirect_to_login(page.url, reverse("wagtailadmin_login"))
    # Another organization's registration, or one already declined or withdrawn, is not there
    # to withdraw.
    registration = StandRegistration.objects.filter(
        pk=registration_id,
        fair=page.registrations_page(),
        organization__in=organizations,
        status__in=StandRegistration.HOLDING,
    ).first()
    if registration is None:
        raise Http404
    # Saved (not updated in bulk) so that the page cache sees the change: a withdrawn stand
    # leaves the public list at once.
    registration.status = StandRegistration.Status.WITHDRAWN
    registration.save(update_fields=["status"])
    return page.render(request, template="ngo_fairs/withdrawn.html")
