"""Access to organizations' profiles: claims by residents, invitations by city editors."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_admin_base_url

from pages import roles
from pages.forms import InviteEditorForm, NewEditorAccountForm, ProfileClaimForm
from pages.models import EditorInvitation, OrganizationPage, ProfileClaim
from pages.ratelimit import form_rate_limited


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
        if form_rate_limited(request, "profile-claim", form):
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


def source_organization(organization):
    """The profile whose editor group grants access: the Polish source, not a translation."""
    source = (
        organization.get_translations(inclusive=True).filter(editor_group__isnull=False).first()
    )
    return source.specific if source else organization


def accounts_with_email(emails):
    """Active accounts that use these addresses, each with the organizations it edits.

    A dict {lowercased e-mail: [(user, [organization, ...]), ...]}, in two queries whatever the
    number of addresses (and one per matching account): the city editor's screens show it next
    to every claim.
    """
    User = get_user_model()
    wanted = {email.lower() for email in emails if email}
    if not wanted:
        return {}
    users = list(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=wanted, is_active=True)
        .order_by("pk")
    )
    edited = {}
    for organization in (
        OrganizationPage.objects.filter(editor_group__user__in=users)
        .annotate(member_id=F("editor_group__user"))
        .order_by("title")
    ):
        edited.setdefault(organization.member_id, []).append(organization)
    found = {}
    for user in users:
        # A city editor edits every profile already: say so rather than "no organization".
        user.is_city_account = roles.is_city_editor(user)
        found.setdefault(user.email_lower, []).append((user, edited.get(user.pk, [])))
    return found


def invite_editor(organization, email, full_name="", language="pl", invited_by=None):
    """Mail the address a link to become an editor of the organization.

    Nothing is granted here: not even an account whose e-mail equals the address is added. The
    person gets access only by following the link from that mailbox and confirming
    (`accept_invitation_view`), so an account that merely claims an address gains nothing.
    """
    organization = source_organization(organization)
    roles.ensure_organization_group(organization)
    invitation, token = EditorInvitation.issue(
        organization, email, full_name=full_name, language=language, invited_by=invited_by
    )
    link = get_admin_base_url() + reverse("ngo_access_accept", args=[token])
    has_account = bool(accounts_with_email([invitation.email]))
    with translation.override(language):
        send_mail(
            _("Invitation to edit the profile of %(name)s") % {"name": organization.title},
            render_to_string(
                "pages/organizations/emails/invitation.txt",
                {
                    "organization": organization,
                    "invitation": invitation,
                    "link": link,
                    "has_account": has_account,
                },
            ),
            None,
            [invitation.email],
        )
    return invitation


def _render_invitation(request, invitation, template, context=None, status=200):
    language = invitation.language if invitation else None
    # The page speaks the language the invitation was written in, whoever opens it.
    with translation.override(language or translation.get_language()):
        return render(
            request,
            f"pages/organizations/access/{template}",
            {"invitation": invitation, **(context or {})},
            status=status,
        )


def _refuse_invitation(request, invitation, reason, status):
    return _render_invitation(
        request, invitation, "invitation_refused.html", {"reason": reason}, status=status
    )


def _grant(invitation, user):
    """Make the account an editor, once: the invitation is locked, checked again and closed."""
    with transaction.atomic():
        locked = EditorInvitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            return False
        group = roles.ensure_organization_group(locked.organization)
        user.groups.add(group)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
    return True


def _new_username(email):
    User = get_user_model()
    base = email.lower()[:140]
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept_invitation_view(request, token):
    """The link of an invitation: confirm it (signed in), or make the account (new person).

    A link that is made up, already used, replaced by a newer one or expired grants nothing
    and says why; a signed-in account whose address is not the invited one cannot take it.
    """
    invitation = EditorInvitation.for_token(token)
    if invitation is None:
        # Not 404: the locale middleware would send a 404 on to a /pl/ page of the same path.
        return _refuse_invitation(request, None, "unknown", 400)
    if invitation.accepted_at:
        return _refuse_invitation(request, invitation, "used", 410)
    if invitation.revoked_at:
        return _refuse_invitation(request, invitation, "replaced", 410)
    if invitation.is_expired:
        return _refuse_invitation(request, invitation, "expired", 410)
    organization = invitation.organization
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email:
            return _refuse_invitation(request, invitation, "other_account", 403)
        if request.method == "POST":
            if not _grant(invitation, user):
                return _refuse_invitation(request, invitation, "used", 410)
            with translation.override(invitation.language):
                messages.success(
                    request,
                    _("You now edit the profile of %(name)s.") % {"name": organization.title},
                )
            return redirect("wagtailadmin_pages:edit", organization.pk)
        return _render_invitation(request, invitation, "invitation_confirm.html")

    if accounts_with_email([invitation.email]):
        # An account has the address: its owner signs in, then confirms (never added silently).
        login_url = f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}"
        return _render_invitation(
            request, invitation, "invitation_sign_in.html", {"login_url": login_url}
        )

    if request.method == "POST":
        form = NewEditorAccountForm(request.POST, email=invitation.email)
        if form.is_valid():
            User = get_user_model()
            with transaction.atomic():
                user = User(
                    username=_new_username(invitation.email),
                    email=invitation.email,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                user.set_password(form.cleaned_data["password1"])
                user.save()
                if not _grant(invitation, user):
                    transaction.set_rollback(True)
                    return _refuse_invitation(request, invitation, "used", 410)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            with translation.override(invitation.language):
                messages.success(
                    request,
                    _("You now edit the profile of %(name)s.") % {"name": organization.title},
                )
            return redirect("wagtailadmin_pages:edit", organization.pk)
    else:
        first, _space, last = invitation.full_name.partition(" ")
        form = NewEditorAccountForm(
            email=invitation.email, initial={"first_name": first, "last_name": last}
        )
    return _render_invitation(request, invitation, "invitation_new_account.html", {"form": form})


def _city_editor_required(request):
    if not roles.can_run(request.user, "claims"):
        raise PermissionDenied


def _inviter_required(request):
    user = request.user
    if not (user.is_active and user.has_perm("pages.invite_organization_editor")):
        raise PermissionDenied


def invite_view(request, page_id):
    _inviter_required(request)
    organization = source_organization(get_object_or_404(OrganizationPage, pk=page_id))
    existing = []
    if request.method == "POST":
        form = InviteEditorForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            existing = accounts_with_email([email]).get(email, [])
            # The address already has an account: the city editor sees whose and what it
            # edits, and sends only after a second, deliberate click.
            if not existing or request.POST.get("confirm_existing") == email:
                invite_editor(
                    organization,
                    email,
                    form.cleaned_data["full_name"],
                    invited_by=request.user,
                )
                messages.success(
                    request,
                    _(
                        "Invitation sent to %(email)s. Access is granted only when the link "
                        "in it is followed and confirmed."
                    )
                    % {"email": email},
                )
                return redirect("wagtailadmin_pages:edit", organization.pk)
    else:
        form = InviteEditorForm()
    editors = organization.editor_group.user_set.all() if organization.editor_group else []
    open_invitations = [
        invitation
        for invitation in organization.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        )
        if invitation.is_open
    ]
    return render(
        request,
        "pages/organizations/access/invite.html",
        {
            "organization": organization,
            "form": form,
            "editors": editors,
            "existing": existing,
            "open_invitations": open_invitations,
        },
    )


def claims_view(request):
    _city_editor_required(request)
    claims = ProfileClaim.objects.select_related("organization", "decided_by")
    status = request.GET.get("status", ProfileClaim.Status.PENDING)
    if status in ProfileClaim.Status.values:
        claims = claims.filter(status=status)
    claims = list(claims[:200])
    accounts = accounts_with_email([claim.email for claim in claims])
    for claim in claims:
        claim.existing_accounts = accounts.get(claim.email.lower(), [])
    return render(
        request,
        "pages/organizations/access/claims.html",
        {"claims": claims, "status": status, "statuses": ProfileClaim.Status.choices},
    )


@require_POST
def decide_claim_view(request, claim_id, decision):
    _city_editor_required(request)
    claim = get_object_or_404(ProfileClaim, pk=claim_id, status=ProfileClaim.Status.PENDING)
    claim.decided_by = request.user
    claim.decided_at = timezone.now()
    if decision == "approve":
        claim.status = ProfileClaim.Status.APPROVED
        invite_editor(
            claim.organization,
            claim.email,
            claim.full_name,
            claim.language,
            invited_by=request.user,
        )
        messages.success(
            request,
            _(
                "Approved: %(email)s was invited. Access is granted only when the link in the "
                "invitation is followed and confirmed."
            )
            % {"email": claim.email},
        )
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
