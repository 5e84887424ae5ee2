"""The one CSV writer of the portal: no cell a spreadsheet would run as a formula.

A spreadsheet program runs a cell that starts with ``= + - @`` (or a TAB or CR before one) as a
formula, so a phone number or a search query typed by anybody could open a link or start a
program on the computer of the city clerk who opens the export (CSV/formula injection). OWASP's
rule: put a single quote before such a cell; the spreadsheet then shows the text as it is.

The quote is reversible: ``restore`` takes it off again, so an export imports back unchanged.
A text that already starts with quotes before a dangerous character gets one more, so the two
are exact inverses (``restore(neutralize(x)) == x`` for every text).
"""

import csv
import datetime
import decimal
import re

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
# Any number of quotes (even none) and then a dangerous character: what neutralize quotes.
_QUOTABLE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
# Numbers and dates are written by the program, not typed by a person: -16.9 stays a number.
_PLAIN_TYPES = (bool, int, float, decimal.Decimal, datetime.date, datetime.time)


def neutralize(value):
    """The cell as it is safe to write: text that could start a formula gets a leading quote."""
    if value is None or isinstance(value, _PLAIN_TYPES):
        return value
    text = str(value)
    if _QUOTABLE.match(text):
        return "'" + text
    return text


def restore(text):
    """The text before ``neutralize``: the leading quote it added is taken off."""
    if isinstance(text, str) and _QUOTED.match(text):
        return text[1:]
    return text


class _SafeRows:
    """A csv writer whose every cell passes through ``neutralize``."""

    def __init__(self, writer):
        self._writer = writer

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row):
        return self._writer.writerow([neutralize(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def cell(value):
    """A value as an export writes it: empty for None, dates in ISO format, the rest as text
    (the writer neutralizes formulas; here only the format)."""
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def writer(file, *args, **kwargs):
    """``csv.writer`` with every cell neutralized."""
    return _SafeRows(csv.writer(file, *args, **kwargs))


class DictWriter(csv.DictWriter):
    """``csv.DictWriter`` with every cell neutralized."""

    def __init__(self, file, fieldnames, *args, **kwargs):
        super().__init__(file, fieldnames, *args, **kwargs)
        self.writer = _SafeRows(self.writer)


def guard_wagtail_exports():
    """Wagtail's admin reports and listings export CSV through their own writer: every cell
    of theirs passes through ``neutralize`` too (the search report writes residents' queries,
    page reports write titles NGO editors typed). Called once from ``PagesConfig.ready``."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_portal_guarded", False):
        return
    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralize(value)
        return value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._portal_guarded = True
