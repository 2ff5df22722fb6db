"""Romanian identifiers: the CNP (personal numeric code), the CUI (company code) and the IBAN,
around python-stdnum. The form validators (forms/validators.py, forms/payment.py) call these and
choose the message."""

import datetime as dt

from stdnum import iban as _iban
from stdnum.ro import cnp as _cnp
from stdnum.ro import cui as _cui

IBAN_LENGTH = 24  # RO + 2 check digits + 4-letter bank code + 16 characters
TREASURY_CODE = "TREZ"


def is_valid_cnp(value: str) -> bool:
    return _cnp.is_valid(value)


def cnp_birth_date(value: str) -> dt.date | None:
    """Birth date from a valid CNP; None for 7, 8, 9 (residents, foreigners): no century."""
    if value[0] in "789":
        return None
    return _cnp.get_birth_date(value)


def cnp_sex(value: str) -> str | None:
    return {"1": "M", "3": "M", "5": "M", "7": "M", "2": "F", "4": "F", "6": "F", "8": "F"}.get(
        value[0]
    )


def compact_cui(value: str) -> str:
    """18547290 from " ro 18547290": no spaces, no RO prefix."""
    return value.upper().replace(" ", "").removeprefix("RO")


def is_valid_cui(value: str) -> bool:
    return _cui.is_valid(value)


def compact_iban(value: str) -> str:
    """RO49AAAA1B31007593840000: upper case, without spaces or separators."""
    return _iban.compact(value)


def format_iban(value: str) -> str:
    """RO49 AAAA 1B31 0075 9384 0000: groups of four, as banks print it."""
    return _iban.format(value)


def iban_problem(value: str) -> str | None:
    """None for a valid compact IBAN; otherwise "checksum" (a character is wrong) or "format"."""
    try:
        _iban.validate(value)
    except _iban.InvalidChecksum:
        return "checksum"
    except _iban.ValidationError:
        return "format"
    return None


def bank_code_of(value: str) -> str:
    """The bank code: characters 5 to 8 of a compact Romanian IBAN."""
    return value[4:8]
