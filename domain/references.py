"""Reference numbers such as CC-2026-000123: a prefix per journey, the year, a counter per year
(webapp/references.py allocates the counter in the database)."""

import re

ACCOUNT_REQUEST_PREFIX = "CC"
# Letters and runs of digits, whatever separates them (spaces, dashes, a scanner's other symbol).
_PARTS = re.compile(r"[A-Za-z]+|[0-9]+")
NUMBER_DIGITS = 6


def format_reference(year: int, number: int, prefix: str = ACCOUNT_REQUEST_PREFIX) -> str:
    return f"{prefix}-{year}-{number:06d}"


def normalise_reference(text: str | None) -> str | None:
    """CC-2026-000123 from what a person or a QR scanner typed; None when it is not a reference.

    Accepted: any case; spaces, dashes, other symbols or none between the parts (a scanner set to
    another keyboard layout may turn the dash into something else); the number without its
    leading zeros when a separator marks where the year ends ("CC-2026-4", "cc 2026 4"); and
    without the prefix ("2026-000004"), since people copy the digits they see and the prefix of
    an account request is always the same.
    """
    parts = _PARTS.findall(text or "")
    prefix = ACCOUNT_REQUEST_PREFIX
    if parts and parts[0].isalpha():
        prefix, parts = parts[0].upper(), parts[1:]
    if len(prefix) != 2 or not all(part.isdigit() for part in parts):
        return None
    if len(parts) == 1 and len(parts[0]) == 4 + NUMBER_DIGITS:
        # Written without separators: the year is the first four digits.
        parts = [parts[0][:4], parts[0][4:]]
    if len(parts) != 2:
        return None
    year, number = parts
    if len(year) != 4 or not 1 <= len(number) <= NUMBER_DIGITS or int(number) == 0:
        return None
    return format_reference(int(year), int(number), prefix)
