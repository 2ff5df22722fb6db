"""An account abroad for the pension (Law 360/2023 art. 98 (1)): its IBAN and its bank's BIC
(SWIFT), checked with python-stdnum, and whether they belong to the country of the bank.

Each check answers with a problem code, not a message: the form picks the words.
"""

import re

from stdnum import bic as _bic
from stdnum import iban as _iban
from stdnum import numdb

ROMANIA = "RO"
# Territories whose banks use another country's IBAN and BIC prefix (ECBS IBAN registry): a bank
# in Guadeloupe has an FR IBAN, one in Jersey a GB IBAN.
USES_PREFIX_OF = {
    **dict.fromkeys(("GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"), "FR"),
    **dict.fromkeys(("GG", "JE", "IM"), "GB"),
    "AX": "FI",
}
_STRUCTURE = re.compile(r"(\d+)!?[nace]")


def compact(value: str) -> str:
    """Upper case, without spaces or separators."""
    return _iban.compact(value or "")


def prefixes(country: str) -> set[str]:
    """The country codes an IBAN or a BIC of a bank in `country` may carry."""
    return {country} | ({USES_PREFIX_OF[country]} if country in USES_PREFIX_OF else set())


def iban_length(country: str) -> int | None:
    """How many characters an IBAN of `country` has, or None when the country has no IBAN."""
    info = numdb.get("iban").info(country)[0][1]
    if not info or "bban" not in info:
        return None
    return 4 + sum(int(count) for count in _STRUCTURE.findall(info["bban"]))


def uses_iban(country: str) -> bool:
    return any(iban_length(prefix) for prefix in prefixes(country))


def iban_problem(value: str, bank_country: str | None = None) -> str | None:
    """None for a valid compact foreign IBAN, else the first problem, in the order that tells
    the person what to fix: "characters", "romanian", "country", "length", "checksum", "format",
    "other_country" (valid, but not of the bank's country)."""
    if not value.isascii() or not value.isalnum():
        return "characters"
    if value.startswith(ROMANIA):
        return "romanian"
    if len(value) < 2 or not iban_length(value[:2]):
        return "country"
    if len(value) != iban_length(value[:2]):
        return "length"
    try:
        _iban.validate(value)
    except _iban.InvalidChecksum:
        return "checksum"
    except _iban.ValidationError:
        return "format"
    if bank_country and value[:2] not in prefixes(bank_country):
        return "other_country"
    return None


def bic_problem(value: str, bank_country: str | None = None) -> str | None:
    """None for a valid compact BIC, else "characters", "length", "format", "country" (no such
    country code) or "other_country" (letters 5 and 6 are not the bank's country)."""
    if not value.isascii() or not value.isalnum():
        return "characters"
    try:
        _bic.validate(value)
    except _bic.InvalidLength:
        return "length"
    except _bic.InvalidFormat:
        return "format"
    except _bic.ValidationError:
        return "country"
    if bank_country and value[4:6] not in prefixes(bank_country):
        return "other_country"
    return None


def format_iban(value: str) -> str:
    """Groups of four, as banks print it."""
    return _iban.format(value)
