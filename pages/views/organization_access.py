"""Access to organizations' profiles: claims by residents, invitations by city editors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.admin.utils import get_admin_base_url

from pages import roles
from pages.forms import InviteEditorForm, ProfileClaimForm
from pages.models import OrganizationPage, ProfileClaim


def claim_profile(organization, request):
    """The public form: a person who runs the organization asks for access to its profile."""
    source = (
        organization.get_translations(inclusive=True).filter(editor_group__isnull=False).first()
    )
    target = source.specific if source else organization
    if request.method == "POST":
        form = ProfileClaimForm(request.POST, organization=target)
        if form.data.get("website"):
            # A bot filled in the hidden field: answer as if all went well, store nothing.
            return organization.render(
                request, template="pages/organizations/access/claim_sent.html"
            )
        limited = is_ratelimited(
            request,
            group="profile-claim",
            key="ip",
            rate=getattr(settings, "PORTAL_APPLICATION_RATE", "10/h"),
            increment=True,
        )
        if limited:
            form.is_valid()
            form.add_error(None, _("Too many requests from your connection. Try again in an hour."))
            response = organization.render(
                request,
                template="pages/organizations/access/claim_form.html",
                context_overrides={"form": form},
            )
            response.status_code = 429
            return response
        if form.is_valid():
            claim = form.save(commit=False)
            claim.organization = target
            claim.language = translation.get_language() or "pl"
            try:
                with transaction.atomic():
                    claim.save()
            except IntegrityError:
                form.add_error(
                    "email",
                    _("A request from this e-mail address is already waiting for a decision."),
                )
            else:
                notify_city_editors(claim)
                return organization.render(
                    request, template="pages/organizations/access/claim_sent.html"
                )
    else:
        form = ProfileClaimForm(organization=target)
    return organization.render(
        request,
        template="pages/organizations/access/claim_form.html",
        context_overrides={"form": form},
    )


def notify_city_editors(claim):
    from django.contrib.auth.models import Group

    group = Group.objects.filter(name=roles.CITY_EDITORS).first()
    recipients = list(
        group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        if group
        else []
    )
    if recipients:
        send_mail(
            _("Access requested to the profile of %(name)s") % {"name": claim.organization.title},
            render_to_string(
                "pages/organizations/emails/claim_received.txt",
                {"claim": claim, "admin_url": get_admin_base_url() + reverse("ngo_access_claims")},
            ),
            None,
            recipients,
        )


def invite_editor(organization, email, full_name="", language="pl"):
    """Add the person to the organization's editors and mail them a link to set a password."""
    group = roles.ensure_organization_group(organization)
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        first, _space, last = full_name.partition(" ")
        user = User(username=email.lower()[:150], email=email.lower(), first_name=first[:150])
        user.last_name = last[:150]
        user.set_unusable_password()
        user.save()
    user.groups.add(group)
    link = get_admin_base_url() + reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    with translation.override(language):
        send_mail(
            _("You can now edit the profile of %(name)s") % {"name": organization.title},
            render_to_string(
                "pages/organizations/emails/invitation.txt",
                {"organization": organization, "user": user, "link": link},
            ),
            None,
            [user.email],
        )
    return user


def _city_editor_required(request):
    if not roles.is_city_editor(request.user):
        raise PermissionDenied


def invite_view(request, page_id):
    _city_editor_required(request)
    organization = get_object_or_404(OrganizationPage, pk=page_id)
    if request.method == "POST":
        form = InviteEditorForm(request.POST)
        if form.is_valid():
            invite_editor(organization, form.cleaned_data["email"], form.cleaned_data["full_name"])
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("wagtailadmin_pages:edit", organization.pk)
    else:
        form = InviteEditorForm()
    editors = organization.editor_group.user_set.all() if organization.editor_group else []
    return render(
        request,
        "pages/organizations/access/invite.html",
        {"organization": organization, "form": form, "editors": editors},
    )


def claims_view(request):
    _city_editor_required(request)
    claims = ProfileClaim.objects.select_related("organization", "decided_by")
    status = request.GET.get("status", ProfileClaim.Status.PENDING)
    if status in ProfileClaim.Status.values:
        claims = claims.filter(status=status)
    return render(
        request,
        "pages/organizations/access/claims.html",
        {"claims": claims[:200], "status": status, "statuses": ProfileClaim.Status.choices},
    )


@require_POST
def decide_claim_view(request, claim_id, decision):
    _city_editor_required(request)
    claim = get_object_or_404(ProfileClaim, pk=claim_id, status=ProfileClaim.Status.PENDING)
    claim.decided_by = request.user
    claim.decided_at = timezone.now()
    if decision == "approve":
        claim.status = ProfileClaim.Status.APPROVED
        invite_editor(claim.organization, claim.email, claim.full_name, claim.language)
        messages.success(request, _("Approved: %(email)s was invited.") % {"email": claim.email})
    else:
        claim.status = ProfileClaim.Status.REJECTED
        with translation.override(claim.language):
            send_mail(
                _("Your request for the profile of %(name)s") % {"name": claim.organization.title},
                render_to_string("pages/organizations/emails/claim_rejected.txt", {"claim": claim}),
                None,
                [claim.email],
            )
        messages.success(request, _("Rejected; %(email)s was told.") % {"email": claim.email})
    claim.save()
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("ngo_access_claims")
