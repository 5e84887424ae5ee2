"""Bulk import of organizations from CSV or JSON: validate every row, then write all or nothing.

Columns (CSV header or JSON keys; only ``name`` and ``legal_form`` are required):
name, short_name, legal_form, krs, nip, regon, is_public_benefit, year_founded, areas, districts,
street_address, postal_code, city, latitude, longitude, email, phone, website, facebook_url,
takes_volunteers, tags, description.

- legal_form: the code (``association``) or the Polish name (``stowarzyszenie``);
- areas, districts: slugs or Polish names, separated by ``;``; tags likewise;
- yes/no columns: tak/nie, true/false, yes/no, 1/0 (empty is no);
- CSV in UTF-8 (a byte-order mark is fine), comma or semicolon separated (Excel writes ``;``).

A row matches an existing profile under the same directory by KRS, else by NIP (else, for an
informal group with neither, by its exact name): it updates that profile (a new revision)
instead of creating a second one.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pages.csvexport import restore
from pages.models import AreaOfPublicBenefit, District, LegalForm, OrganizationPage
from pages.validators import compact_digits

COLUMNS = [
    "name",
    "short_name",
    "legal_form",
    "krs",
    "nip",
    "regon",
    "is_public_benefit",
    "year_founded",
    "areas",
    "districts",
    "street_address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "email",
    "phone",
    "website",
    "facebook_url",
    "takes_volunteers",
    "tags",
    "description",
]
REQUIRED = ["name", "legal_form"]
# Columns of the directory's CSV export that the import reads past, so an export re-imports.
EXPORT_ONLY = {"url", "data_confirmed_at"}
PLAIN_FIELDS = [
    "short_name",
    "krs",
    "nip",
    "regon",
    "street_address",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "facebook_url",
]
TRUE = {"1", "tak", "true", "yes", "t", "y"}
FALSE = {"", "0", "nie", "false", "no", "f", "n"}
MAX_FILE_SIZE = 50 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, encoding, missing columns)."""


@dataclass
class RowError:
    line: int
    field: str
    message: str

    def __str__(self):
        return _("line %(line)s: %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    line: int
    values: dict
    areas: list
    districts: list
    tags: list
    description: str


@dataclass
class ImportResult:
    rows: int = 0
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    written: bool = False

    @property
    def bad_lines(self):
        return sorted({error.line for error in self.errors})


def read_rows(path):
    """(line number, {column: text}) for each record of a CSV or JSON file."""
    path = Path(path)
    if path.stat().st_size > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 50 MB."))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text.")) from None
    if path.suffix.lower() == ".json":
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ImportFileError(
                _("The file is not valid JSON: %(error)s") % {"error": exc}
            ) from None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise ImportFileError(_("A JSON file must hold a list of objects."))
        columns = set().union(*records) if records else set()
        rows = [
            (number, {k: "" if v is None else str(v) for k, v in record.items()})
            for number, record in enumerate(records, start=1)
        ]
    else:
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        columns = set(reader.fieldnames or [])
        # The header is line 1; csv tells the line a record ends on.
        # A cell the export quoted against formulas (pages.csvexport) comes back as it was.
        rows = [
            (reader.line_num, {key: restore(value) for key, value in row.items()}) for row in reader
        ]
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    unknown = sorted(columns - set(COLUMNS) - EXPORT_ONLY - {None})
    if unknown:
        raise ImportFileError(_("Unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
    return rows


class OrganizationImporter:
    def __init__(self, parent, publish=False, progress=None):
        self.parent = parent
        self.publish = publish
        self.progress = progress or (lambda done, total: None)
        locale = parent.locale
        self.areas = _terms_by_name(AreaOfPublicBenefit.objects.filter(locale=locale))
        self.districts = _terms_by_name(District.objects.filter(locale=locale))
        with translation.override("pl"):
            self.legal_forms = {value: value for value in LegalForm.values}
            self.legal_forms.update(
                {str(label).lower(): value for value, label in LegalForm.choices}
            )
        existing = list(
            OrganizationPage.objects.child_of(parent).values_list(
                "pk", "krs", "nip", "slug", "title"
            )
        )
        self.by_krs = {krs: pk for pk, krs, _nip, _slug, _title in existing if krs}
        self.by_nip = {nip: pk for pk, _krs, nip, _slug, _title in existing if nip}
        # An informal group has neither KRS nor NIP: it is matched by its exact name.
        self.by_name = {title: pk for pk, krs, nip, _slug, title in existing if not krs and not nip}
        self.slugs = {slug for _pk, _krs, _nip, slug, _title in existing}

    # Validation

    def validate(self, rows):
        result = ImportResult(rows=len(rows))
        parsed = []
        seen_krs, seen_nip = {}, {}
        for done, (line, row) in enumerate(rows, start=1):
            errors, parsed_row = self._parse(line, row)
            krs, nip = parsed_row.values.get("krs"), parsed_row.values.get("nip")
            if krs and krs in seen_krs:
                errors.append(
                    RowError(
                        line, "krs", _("the same KRS as line %(line)s") % {"line": seen_krs[krs]}
                    )
                )
            if nip and nip in seen_nip:
                errors.append(
                    RowError(
                        line, "nip", _("the same NIP as line %(line)s") % {"line": seen_nip[nip]}
                    )
                )
            if krs:
                seen_krs.setdefault(krs, line)
            if nip:
                seen_nip.setdefault(nip, line)
            if errors:
                result.errors.extend(errors)
            else:
                parsed.append(parsed_row)
            self.progress(done, len(rows))
        return result, parsed

    def _parse(self, line, row):
        errors = []
        row = {key: (value or "").strip() for key, value in row.items() if key}
        values = {"title": row.get("name", "")}
        if not values["title"]:
            errors.append(RowError(line, "name", _("the name is empty")))
        for name in PLAIN_FIELDS:
            values[name] = row.get(name, "")
        for name in ("krs", "nip", "regon"):
            values[name] = compact_digits(values[name])
        form = self.legal_forms.get(row.get("legal_form", "").lower())
        if form is None:
            errors.append(
                RowError(
                    line,
                    "legal_form",
                    _("unknown legal form %(value)r") % {"value": row.get("legal_form", "")},
                )
            )
        values["legal_form"] = form or LegalForm.OTHER
        for name in ("is_public_benefit", "takes_volunteers"):
            flag = row.get(name, "").lower()
            if flag not in TRUE | FALSE:
                errors.append(
                    RowError(
                        line, name, _("write tak or nie, not %(value)r") % {"value": row.get(name)}
                    )
                )
            values[name] = flag in TRUE
        values["year_founded"] = None
        if row.get("year_founded"):
            if row["year_founded"].isdigit():
                values["year_founded"] = int(row["year_founded"])
            else:
                errors.append(RowError(line, "year_founded", _("not a year")))
        for name in ("latitude", "longitude"):
            values[name] = None
            if row.get(name):
                try:
                    values[name] = Decimal(row[name].replace(",", ".")).quantize(
                        Decimal("0.000001")
                    )
                except InvalidOperation:
                    errors.append(RowError(line, name, _("not a number")))
        areas = self._lookup(line, "areas", row.get("areas", ""), self.areas, errors)
        districts = self._lookup(
            line, "districts", row.get("districts", ""), self.districts, errors
        )
        tags = [tag.strip()[:100] for tag in row.get("tags", "").split(";") if tag.strip()]

        organization = OrganizationPage(**values)
        try:
            organization.clean_fields(exclude=_not_imported_fields())
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.extend(RowError(line, name, message) for message in messages)
        try:
            organization.validate_identity()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if not any(e.field == name for e in errors):
                    errors.extend(RowError(line, name, message) for message in messages)
        values.update(krs=organization.krs, nip=organization.nip, regon=organization.regon)
        return errors, ParsedRow(line, values, areas, districts, tags, row.get("description", ""))

    def _lookup(self, line, column, text, terms, errors):
        found = []
        for name in [part.strip() for part in text.split(";") if part.strip()]:
            term = terms.get(name.lower())
            if term is None:
                errors.append(
                    RowError(line, column, _("unknown value %(value)r") % {"value": name})
                )
            else:
                found.append(term)
        return found

    # Writing

    def write(self, parsed, partial_errors=None):
        created = updated = 0
        for done, row in enumerate(parsed, start=1):
            try:
                with transaction.atomic():
                    was_new = self._write_row(row)
            except Exception as exc:  # noqa: BLE001 - reported per row, as validation errors are
                if partial_errors is None:
                    raise
                partial_errors.append(RowError(row.line, "-", str(exc)))
                continue
            created += was_new
            updated += not was_new
            self.progress(done, len(parsed))
        return created, updated

    def _write_row(self, row):
        values = row.values
        pk = self.by_krs.get(values["krs"]) if values["krs"] else None
        pk = pk or (self.by_nip.get(values["nip"]) if values["nip"] else None)
        if not values["krs"] and not values["nip"]:
            pk = self.by_name.get(values["title"])
        if pk:
            organization = OrganizationPage.objects.get(pk=pk)
            for name, value in values.items():
                setattr(organization, name, value)
        else:
            organization = OrganizationPage(**values, slug=self._slug(values["title"]))
            organization.live = False
            organization.locale = self.parent.locale
        if row.description:
            organization.description = [("paragraph", f"<p>{escape(row.description)}</p>")]
        if not pk:
            self.parent.add_child(instance=organization)
            if values["krs"]:
                self.by_krs[values["krs"]] = organization.pk
            if values["nip"]:
                self.by_nip[values["nip"]] = organization.pk
            if not values["krs"] and not values["nip"]:
                self.by_name[values["title"]] = organization.pk
        organization.areas.set(row.areas)
        organization.districts.set(row.districts)
        organization.tags.set(row.tags)
        revision = organization.save_revision()
        if self.publish:
            revision.publish()
        return not pk

    def _slug(self, title):
        base = slugify(anyascii(title))[:70] or "organizacja"
        slug, number = base, 2
        while slug in self.slugs:
            slug, number = f"{base}-{number}", number + 1
        self.slugs.add(slug)
        return slug


def import_organizations(path, parent, publish=False, partial=False, dry_run=False, progress=None):
    importer = OrganizationImporter(parent, publish=publish, progress=progress)
    rows = read_rows(path)
    result, parsed = importer.validate(rows)
    if dry_run or (result.errors and not partial):
        return result
    with transaction.atomic():
        if partial:
            result.created, result.updated = importer.write(parsed, partial_errors=result.errors)
        else:
            result.created, result.updated = importer.write(parsed)
    result.written = True
    return result


def _terms_by_name(queryset):
    terms = {}
    for term in queryset:
        terms[term.slug.lower()] = term
        terms[term.name.lower()] = term
    return terms


def _not_imported_fields():
    imported = set(PLAIN_FIELDS) | {
        "title",
        "legal_form",
        "is_public_benefit",
        "takes_volunteers",
        "year_founded",
        "latitude",
        "longitude",
    }
    return [
        f.name
        for f in OrganizationPage._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in imported
    ]
