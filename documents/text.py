"""Text helpers shared by every printout: one clean-up and one date format for all of them.

Each box of a printout holds one line of text; an empty answer prints as a dash so that no box
looks forgotten.
"""

import datetime as dt
import unicodedata

from domain import ro

EMPTY = "—"
# How Romanian addresses are written: "Strada X nr. 3, bl. A2, sc. 1, et. 3, ap. 12".
_ADDRESS_PARTS = (("block", "bl."), ("staircase", "sc."), ("floor", "et."), ("apartment", "ap."))


def display_text(value) -> str:
    """One line of printable text: whitespace runs become one space, control characters go.

    A tab or newline would turn into a line break in Word (docxtpl) and other control characters
    are not allowed in XML at all.
    """
    if value is None:
        return EMPTY
    text = "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cc" or ch.isspace())
    text = " ".join(text.split())
    # Romanian is written with comma-below ș ț; old keyboards still type the cedilla forms.
    text = ro.comma_below(text)
    return text or EMPTY


def display_date(value) -> str:
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return ro.short_date(value)


def street_address(data: dict) -> str:
    """The street line of an address from its parts (street, street_number, block, ...)."""

    def part(key: str) -> str:
        text = display_text(data.get(key))
        return "" if text == EMPTY else text

    street, number = part("street"), part("street_number")
    first = " ".join(filter(None, (street, f"nr. {number}" if number else "")))
    rest = [f"{prefix} {part(key)}" for key, prefix in _ADDRESS_PARTS if part(key)]
    return ", ".join(filter(None, (first, *rest))) or EMPTY
