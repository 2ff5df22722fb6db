"""Reference numbers such as CC-2026-000123: a prefix per journey, the year, a counter per year
(webapp/references.py allocates the counter in the database)."""

import re

ACCOUNT_REQUEST_PREFIX = "CC"
_COMPACT = re.compile(r"^([A-Z]{2})(\d{4})(\d{6})$")


def format_reference(year: int, number: int, prefix: str = ACCOUNT_REQUEST_PREFIX) -> str:
    return f"{prefix}-{year}-{number:06d}"


def normalise_reference(text: str | None) -> str | None:
    """CC-2026-000123 from what a person or a QR scanner typed: any case, spaces, dashes or none;
    None when it is not a reference number.

    A scanner set to another keyboard layout may also turn the dash into another symbol, so every
    character that is not a letter or digit is dropped.
    """
    compact = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    match = _COMPACT.match(compact)
    return "-".join(match.groups()) if match else None
