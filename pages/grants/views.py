"""The grants register: every awarded grant, filtered, totalled and exported as open data; and an
organization's nomination of a candidate for a call's evaluation committee."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages import csvexport, roles
from pages.listing import (
    ListingPaginator,
    free_values,
    kept_aggregate,
    kept_rows,
    known,
    taxonomy_labels,
    years,
)
from pages.models import OrganizationPage
from pages.ratelimit import form_rate_limited

from .emails import send_nomination_received
from .models import AwardedGrant, CommitteeNomination, GrantMode

PER_PAGE = 50
EXPORT_COLUMNS = [
    "year",
    "organization",
    "krs",
    "task_title",
    "amount",
    "mode",
    "area",
    "start_date",
    "end_date",
    "call",
]


@dataclass
class RegisterFilters:
    years: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    modes: list = field(default_factory=list)
    organizations: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request, area_slugs):
        data = request.GET
        return cls(
            years=years(data.getlist("year")),
            areas=known(data.getlist("area"), area_slugs),
            modes=known(data.getlist("mode"), GrantMode.values),
            organizations=free_values(data.getlist("organization"), limit=5),
        )

    @property
    def is_filtered(self):
        return bool(self.years or self.areas or self.modes or self.organizations)

    def as_params(self):
        return (
            [("year", str(y)) for y in self.years]
            + [("area", a) for a in self.areas]
            + [("mode", m) for m in self.modes]
            + [("organization", o) for o in self.organizations]
        )

    def querystring(self):
        return urlencode(self.as_params())

    def apply(self, queryset, skip=None):
        if self.years and skip != "year":
            queryset = queryset.filter(year__in=self.years)
        if self.areas and skip != "area":
            queryset = queryset.filter(area__slug__in=self.areas)
        if self.modes and skip != "mode":
            queryset = queryset.filter(mode__in=self.modes)
        if self.organizations and skip != "organization":
            # The register links the Polish profiles; a slug of any language finds them.
            keys = OrganizationPage.objects.filter(slug__in=self.organizations).values(
                "translation_key"
            )
            queryset = queryset.filter(organization__translation_key__in=keys)
        return queryset


def _facet(queryset, path, labels, selected):
    rows = (
        queryset.order_by().values(path).annotate(n=Count("pk"), total=Sum("amount")).order_by(path)
    )
    return [
        {
            "value": str(row[path]),
            "label": labels.get(row[path], str(row[path])),
            "count": row["n"],
            "total": row["total"],
            "selected": row[path] in selected,
        }
        for row in kept_rows(rows)
        if row[path] is not None
    ]


def register_listing(register_page, request):
    areas, _districts = taxonomy_labels(register_page.locale)
    filters = RegisterFilters.from_request(request, set(areas))
    base = AwardedGrant.objects.all()
    grants = (
        filters.apply(base)
        .select_related("area", "organization")
        .order_by("-year", "organization_name", "task_title")
    )
    totals = kept_aggregate(grants.order_by(), count=Count("pk"), amount=Sum("amount"))
    page_obj = ListingPaginator(grants, PER_PAGE).get_page(request.GET.get("page"))
    area_names = {slug: term.name for slug, term in areas.items()}
    for grant in page_obj.object_list:
        grant.area_label = area_names.get(grant.area.slug, "") if grant.area_id else ""
    facets = {
        "year": sorted(
            _facet(filters.apply(base, skip="year"), "year", {}, filters.years),
            key=lambda item: item["value"],
            reverse=True,
        ),
        "area": _facet(filters.apply(base, skip="area"), "area__slug", area_names, filters.areas),
        "mode": _facet(
            filters.apply(base, skip="mode"), "mode", dict(GrantMode.choices), filters.modes
        ),
    }
    context = {
        "filters": filters,
        "facets": facets,
        "totals": totals,
        "page_obj": page_obj,
        "grants": page_obj.object_list,
        "querystring": filters.querystring(),
    }
    return register_page.render(request, context_overrides=context)


def _rows(grants):
    for grant in grants:
        yield {
            "year": grant.year,
            "organization": grant.organization_name,
            "krs": grant.organization.krs if grant.organization_id else "",
            "task_title": grant.task_title,
            "amount": f"{grant.amount:.2f}",
            "mode": grant.mode,
            "area": grant.area.slug if grant.area_id else "",
            "start_date": grant.start_date.isoformat() if grant.start_date else "",
            "end_date": grant.end_date.isoformat() if grant.end_date else "",
            "call": grant.call.title if grant.call_id else "",
        }


def register_export(register_page, request, kind):
    areas, _districts = taxonomy_labels(register_page.locale)
    filters = RegisterFilters.from_request(request, set(areas))
    grants = (
        filters.apply(AwardedGrant.objects.all())
        .select_related("area", "organization", "call")
        .order_by("-year", "organization_name", "task_title")
    )
    if kind == "json":
        response = JsonResponse(
            {"columns": EXPORT_COLUMNS, "grants": list(_rows(grants))},
            json_dumps_params={"ensure_ascii": False},
        )
        response["Content-Disposition"] = 'attachment; filename="rejestr-dotacji.json"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rejestr-dotacji.csv"'
    response.write("\ufeff")  # for spreadsheets that guess the encoding
    writer = csvexport.DictWriter(response, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(_rows(grants))
    return response


class NominationForm(forms.ModelForm):
    """An organization's candidate for a call's evaluation committee: the three declarations
    are required (the candidate sits, is published if chosen, and is impartial)."""

    class Meta:
        model = CommitteeNomination
        fields = [
            "organization",
            "candidate_name",
            "candidate_email",
            "candidate_phone",
            "experience",
            "consent_to_sit",
            "consent_to_publish",
            "impartiality",
        ]
        widgets = {
            "candidate_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "candidate_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "candidate_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "experience": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, organizations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        for name in ("consent_to_sit", "consent_to_publish", "impartiality"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "The candidate must agree to this to be nominated."
            )


def _nomination_of(call, organization_pk):
    return CommitteeNomination.objects.filter(call=call, organization_id=organization_pk).first()


def _chosen_organization(request, organizations):
    """The organization the form is for: the one posted or asked for in the address (when the
    user edits it), else the first the user edits."""
    wanted = request.POST.get("organization") or request.GET.get("organization")
    if wanted and str(wanted).isdigit() and organizations.filter(pk=wanted).exists():
        return int(wanted)
    return organizations.values_list("pk", flat=True).first()


def nomination_view(page, request):
    if not page.nominations_close_at:
        raise Http404
    if not page.takes_nominations:
        response = page.render(request, template="ngo_grants/nominations_closed.html")
        response.status_code = 410
        return response
    return _nominate(page, request)


@roles.organization_editors_only(
    gettext_lazy("Only the editors of an organization can nominate a candidate for the committee.")
)
def _nominate(page, request, organizations):
    call = page.nominations_page()
    organization_pk = _chosen_organization(request, organizations)
    existing = _nomination_of(call, organization_pk)
    status = 200
    initial = {"organization": organization_pk}
    form = NominationForm(organizations, request.POST or None, instance=existing, initial=initial)
    if request.method == "POST":
        if form_rate_limited(request, "grant-nomination", form):
            status = 429
        elif not form.is_valid():
            status = 400
        elif existing is not None and existing.status != CommitteeNomination.Status.SUBMITTED:
            form.add_error(
                None,
                _(
                    "The city has already decided on your organization's candidate: the "
                    "nomination can no longer be changed. Write to the office if something "
                    "is wrong."
                ),
            )
            status = 409
        else:
            nomination = form.save(commit=False)
            nomination.call = call
            nomination.sent_by(request.user)
            try:
                with transaction.atomic():
                    nomination.save()
            except IntegrityError:
                # Two editors of one organization sent the first nomination at once.
                form.add_error(
                    None,
                    _("Your organization has just nominated a candidate: open the form again."),
                )
                status = 409
            else:
                edited = existing is not None
                transaction.on_commit(
                    lambda: send_nomination_received.enqueue(nomination.pk, edited)
                )
                return page.render(
                    request,
                    template="ngo_grants/nominated.html",
                    context_overrides={"nomination": nomination, "edited": edited},
                )
    response = page.render(
        request,
        template="ngo_grants/nominate.html",
        context_overrides={"form": form, "existing": existing},
    )
    response.status_code = status
    return response
