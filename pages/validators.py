"""Validators of Polish identifiers and addresses, on python-stdnum where a checksum exists."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

validate_postal_code = RegexValidator(
    r"^\d{2}-\d{3}$", _("Enter the postal code as NN-NNN, for example 61-001.")
)

validate_krs = RegexValidator(r"^\d{10}$", _("A KRS number has exactly 10 digits."))


def validate_nip(value):
    try:
        stdnum_nip.validate(value)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid NIP: check the 10 digits (the last one is a checksum)."),
            code="invalid_nip",
        ) from None


def validate_regon(value):
    try:
        stdnum_regon.validate(value)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid REGON: it has 9 or 14 digits with a checksum."),
            code="invalid_regon",
        ) from None


def compact_digits(value):
    """'123-456-32-18' -> '1234563218': identifiers are stored without separators."""
    return re.sub(r"[\s-]", "", value or "")
