"""The grants' section of the yearly cooperation report (core's pages.report_figures)."""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from pages.report_figures import AMOUNT, COUNT, PERCENT, FigureSection, money

from .models import AwardedGrant, GrantCallPage, GrantCallStatus


def grants_figures(year, programme=None):
    grants = AwardedGrant.objects.filter(year=year)
    awarded = grants.aggregate(s=Sum("amount"))["s"] or Decimal(0)
    planned = programme.planned_amount if programme is not None else None
    calls = (
        GrantCallPage.objects.live()
        .filter(opens_at__year=year)
        .exclude(status_override=GrantCallStatus.CANCELLED)
    )
    # One number per call whatever its languages (the field is synchronized).
    offers = dict(calls.values_list("translation_key", "offers_received"))
    return {
        "grant_calls": len(offers),
        "offers_received": sum(number or 0 for number in offers.values()),
        "grants_awarded": grants.count(),
        "organizations_funded": grants.values("organization_name").distinct().count(),
        "amount_awarded": money(awarded),
        "amount_planned": money(planned) if planned is not None else None,
        "share_spent": (
            str((awarded * 100 / planned).quantize(Decimal("0.1"))) if planned else None
        ),
    }


SECTION = FigureSection(
    key="grants",
    heading=_("Grants for public tasks"),
    order=10,
    figures=[
        ("grant_calls", _("Grant calls announced"), COUNT),
        ("offers_received", _("Offers received in the calls"), COUNT),
        ("grants_awarded", _("Grants awarded (contracts)"), COUNT),
        ("organizations_funded", _("Organizations that received a grant"), COUNT),
        ("amount_awarded", _("Amount awarded (PLN)"), AMOUNT),
        ("amount_planned", _("Amount planned in the programme (PLN)"), AMOUNT),
        ("share_spent", _("Share of the planned amount awarded (%)"), PERCENT),
    ],
    count=grants_figures,
)
