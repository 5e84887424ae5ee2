"""Import awarded grants (a call's results) from CSV: every row checked, all or nothing.

Columns (a header row; comma or semicolon; UTF-8 with or without BOM):
``organization, krs, nip, task_title, amount, year, area, mode, start_date, end_date``.
The organization is found by KRS, else NIP, else its exact name; a grant to an organization
without a profile is kept with its name. ``amount`` takes a decimal comma or point and spaces
between thousands; ``area`` is an area's slug or name; ``mode`` a mode's code or name.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from pages.models import AreaOfPublicBenefit, OrganizationPage
from pages.signals import content_changed

from .models import AwardedGrant, GrantMode

COLUMNS = [
    "organization",
    "krs",
    "nip",
    "task_title",
    "amount",
    "year",
    "area",
    "mode",
    "start_date",
    "end_date",
]
REQUIRED = ["organization", "task_title", "amount", "year"]


class ImportFileError(Exception):
    pass


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class GrantImport:
    rows: int = 0
    errors: list = field(default_factory=list)
    grants: list = field(default_factory=list)
    written: int = 0


def _read(path):
    with open(path, "rb") as handle:
        raw = handle.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(_("the file is not UTF-8 text")) from error
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    reader.fieldnames = header
    return reader


def _amount(value):
    cleaned = value.replace("\u00a0", "").replace(" ", "").replace("zł", "").replace(",", ".")
    amount = Decimal(cleaned)
    if amount <= 0 or amount.as_tuple().exponent < -2:
        raise InvalidOperation
    return amount


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def import_grants(path, call=None, dry_run=False):
    """Validate every row of ``path``; write them all in one transaction when none is bad."""
    result = GrantImport()
    areas = {}
    for term in AreaOfPublicBenefit.objects.filter(locale__language_code="pl"):
        areas[term.slug] = term
        areas[term.name.lower()] = term
    modes = {value: value for value in GrantMode.values}
    modes.update({str(label).lower(): value for value, label in GrantMode.choices})
    profiles = OrganizationPage.objects.filter(locale__language_code="pl")
    by_krs = {p.krs: p for p in profiles if p.krs}
    by_nip = {p.nip: p for p in profiles if p.nip}
    by_name = {p.title.lower(): p for p in profiles}
    this_year = datetime.date.today().year

    for line, row in enumerate(_read(path), start=2):
        result.rows += 1
        row = {key: (value or "").strip() for key, value in row.items() if key}
        problems = [
            _("%(column)s is empty") % {"column": name} for name in REQUIRED if not row.get(name)
        ]
        try:
            amount = _amount(row["amount"]) if row.get("amount") else None
        except (InvalidOperation, ValueError):
            problems.append(
                _("amount %(value)r is not an amount in złoty") % {"value": row["amount"]}
            )
            amount = None
        year = row.get("year", "")
        if year and not (year.isdigit() and 1990 <= int(year) <= this_year + 1):
            problems.append(_("year %(value)r is not a year") % {"value": year})
        area = None
        if row.get("area"):
            area = areas.get(row["area"]) or areas.get(row["area"].lower())
            if area is None:
                problems.append(_("unknown area %(value)r") % {"value": row["area"]})
        mode = GrantMode.OPEN_COMPETITION
        if row.get("mode"):
            mode = modes.get(row["mode"]) or modes.get(row["mode"].lower())
            if mode is None:
                problems.append(_("unknown mode %(value)r") % {"value": row["mode"]})
        dates = {}
        for name in ("start_date", "end_date"):
            try:
                dates[name] = _date(row.get(name, ""))
            except ValueError:
                problems.append(
                    _("%(column)s %(value)r is not a date (YYYY-MM-DD)")
                    % {"column": name, "value": row[name]}
                )
                dates[name] = None
        if dates["start_date"] and dates["end_date"] and dates["end_date"] < dates["start_date"]:
            problems.append(_("the task ends before it starts"))
        if problems:
            result.errors.append(RowError(line, "; ".join(problems)))
            continue
        organization = (
            by_krs.get(row.get("krs", "").zfill(10) if row.get("krs") else None)
            or by_nip.get(row.get("nip", "").replace("-", ""))
            or by_name.get(row["organization"].lower())
        )
        result.grants.append(
            AwardedGrant(
                call=call,
                organization=organization,
                organization_name=row["organization"],
                task_title=row["task_title"],
                amount=amount,
                year=int(year),
                area=area,
                mode=mode,
                **dates,
            )
        )
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        AwardedGrant.objects.bulk_create(result.grants)
        content_changed.send(sender=AwardedGrant)
    result.written = len(result.grants)
    return result
