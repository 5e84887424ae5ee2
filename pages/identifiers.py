"""Fictional but valid NIP and REGON numbers for demo content and tests.

Validity is python-stdnum's; the 999 prefix keeps them away from the numbers real organizations
are likely to hold.
"""

from stdnum.pl import nip, regon


def fictional_nip(n):
    """A valid NIP built from the sequence number ``n``."""
    body = 999_000_000 + n * 7
    while True:
        for last in "0123456789":
            candidate = f"{body:09d}{last}"
            if nip.is_valid(candidate):
                return candidate
        body += 1  # no digit completes this body (the checksum would be 10)


def fictional_regon(n):
    digits = f"{99_900_000 + n:08d}"
    return digits + regon.calc_check_digit(digits)
