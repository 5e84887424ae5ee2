"""The library's public pages: the catalogue, reserving a copy, cancelling a reservation.

Anyone may browse; reserving is for the editors of an organization (signed in to the admin),
who then see their organization's reservations and loans on the catalogue page, and nobody
else's.
"""

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import roles
from pages.listing import ListingPaginator, taxonomy_labels
from pages.ratelimit import form_rate_limited

from .emails import send_reservation_emails
from .models import LibraryItem, Loan, library_rules

PER_PAGE = 30


class ReserveForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("For the organization"), queryset=None, empty_label=None
    )

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


def own_loans(user):
    """The active and recent loans of the organizations ``user`` edits (none when anonymous)."""
    if not user.is_authenticated:
        return []
    return list(
        Loan.objects.filter(organization__in=roles.organizations_edited_by(user))
        .exclude(status=Loan.Status.CANCELLED)
        .select_related("item", "organization")
        .order_by("-reserved_at")[:50]
    )


def catalogue_view(page, request):
    areas, _districts = taxonomy_labels(page.locale)
    items = LibraryItem.objects.with_availability().prefetch_related("areas")
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("rodzaj", "")
    area = request.GET.get("obszar", "")
    only_available = request.GET.get("dostepne") == "1"
    if query:
        # A centre's library holds hundreds of titles, not a city's pages: a plain match is
        # enough and needs no search index.
        for word in query.split()[:5]:
            items = items.filter(
                Q(title__icontains=word) | Q(author__icontains=word) | Q(isbn__icontains=word)
            )
    if kind in LibraryItem.Kind.values:
        items = items.filter(kind=kind)
    if area in areas:
        items = items.filter(areas__slug=area)
    if only_available:
        items = items.filter(available__gt=0)
    paginator = ListingPaginator(items.distinct().order_by("title", "pk"), PER_PAGE)
    items_page = paginator.get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    for item in items_page:
        item.area_labels = [areas[a.slug].name for a in item.areas.all() if a.slug in areas]
    loan_days, collect_days, limit = library_rules()
    return page.render(
        request,
        context_overrides={
            "items": items_page,
            "querystring": querystring.urlencode(),
            "areas": areas,
            "kinds": LibraryItem.Kind.choices,
            "query": query,
            "selected_kind": kind if kind in LibraryItem.Kind.values else "",
            "selected_area": area if area in areas else "",
            "only_available": only_available,
            "loans": own_loans(request.user),
            "is_editor": request.user.is_authenticated
            and roles.organizations_edited_by(request.user).exists(),
            "loan_days": loan_days,
            "collect_days": collect_days,
            "limit": limit,
        },
    )


@roles.organization_editors_only(_("Only the editors of an organization can reserve."))
def reserve_view(page, request, organizations, item_id):
    item = LibraryItem.objects.with_availability().filter(pk=item_id).first()
    if item is None:
        raise Http404
    status = 200
    form = ReserveForm(organizations, request.POST or None)
    if request.method == "POST":
        if form_rate_limited(request, "library-reserve", form):
            status = 429
        elif form.is_valid():
            loan, status = _reserve(item, form, request.user)
            if loan is not None:
                transaction.on_commit(lambda: send_reservation_emails.enqueue(loan.pk))
                return page.render(
                    request,
                    template="ngo_library/reserved.html",
                    context_overrides={"loan": loan},
                )
        else:
            status = 400
    response = page.render(
        request,
        template="ngo_library/reserve.html",
        context_overrides={"item": item, "form": form, "limit": library_rules()[2]},
    )
    response.status_code = status
    return response


def _reserve(item, form, user):
    """A reservation of one copy, or (None, status) with the reason on the form.

    The item's row is locked while the copies are counted, so two organizations asking for the
    last copy at once get one reservation and one clear refusal.
    """
    organization = form.cleaned_data["organization"]
    _loan_days, _collect_days, limit = library_rules()
    try:
        with transaction.atomic():
            locked = LibraryItem.objects.select_for_update().get(pk=item.pk)
            active = Loan.objects.filter(item=locked, status__in=Loan.ACTIVE)
            if active.filter(organization=organization).exists():
                form.add_error(None, _("Your organization already has this item reserved or lent."))
                return None, 409
            if active.count() >= locked.copies:
                form.add_error(
                    None,
                    _("Every copy is reserved or lent just now. Try again when one is returned."),
                )
                return None, 409
            held = Loan.objects.filter(organization=organization, status__in=Loan.ACTIVE)
            if held.count() >= limit:
                form.add_error(
                    None,
                    _(
                        "Your organization already holds %(limit)s items: return one before "
                        "reserving another."
                    )
                    % {"limit": limit},
                )
                return None, 409
            loan = Loan.objects.create(
                item=locked,
                organization=organization,
                reader=user,
                language=translation.get_language() or "pl",
            )
    except IntegrityError:
        form.add_error(None, _("Your organization already has this item reserved or lent."))
        return None, 409
    return loan, 200


@roles.organization_editors_only(
    _("Only the editors of an organization can reserve."), back_to_page=True
)
def cancel_view(page, request, organizations, loan_id):
    if request.method != "POST":
        raise Http404
    # Another organization's loan, or one already lent, is not there to cancel.
    updated = Loan.objects.filter(
        pk=loan_id, organization__in=organizations, status=Loan.Status.RESERVED
    ).update(status=Loan.Status.CANCELLED)
    if not updated:
        raise Http404
    return page.render(request, template="ngo_library/cancelled.html")
