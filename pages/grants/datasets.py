"""The grants register as an open dataset (``/api/v2/datasets/grants.json|csv``), registered
with the portal's datasets (``pages.api``) from ``GrantsConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from pages.api import _ORG_ID, Column, Dataset, _iso


def _grant_rows(locale, request):
    from .models import AwardedGrant

    grants = AwardedGrant.objects.select_related("area", "organization", "call")
    for grant in grants.order_by("-year", "organization_name", "task_title", "pk"):
        organization = grant.organization
        yield {
            "id": grant.pk,
            "year": grant.year,
            "organization": grant.organization_name,
            "organization_id": str(organization.translation_key) if organization else None,
            "krs": organization.krs if organization else "",
            "task_title": grant.task_title,
            "amount": f"{grant.amount:.2f}",
            "mode": grant.mode,
            "area": grant.area.slug if grant.area_id else None,
            "start_date": _iso(grant.start_date),
            "end_date": _iso(grant.end_date),
            "call": grant.call.title if grant.call_id else None,
        }


GRANTS = Dataset(
    slug="grants",
    title=_("Register of grants awarded"),
    description=_("Grants the city awarded to organizations for public tasks."),
    frequency="MONTHLY",
    columns=[
        Column("id", "integer", _("Stable identifier of the grant.")),
        Column("year", "integer", _("Year.")),
        Column("organization", "string", _("Organization.")),
        _ORG_ID,
        Column("krs", "string", _("Number in the National Court Register (KRS).")),
        Column("task_title", "string", _("Public task.")),
        Column("amount", "string", _("Amount in PLN, two decimal places.")),
        Column("mode", "string", _("Mode of the award.")),
        Column("area", "string", _("Area of public benefit (slug).")),
        Column("start_date", "string", _("The task starts.")),
        Column("end_date", "string", _("The task ends.")),
        Column("call", "string", _("Grant call.")),
    ],
    rows=_grant_rows,
)
