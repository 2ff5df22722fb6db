"""The 41 counties and Bucharest, each with its county pension house (Law 360/2023 art. 4(2)).

Contacts come from county_pension_houses.csv, and only from rows whose `status` is `current`:
the other rows (`old`, `low`, `none found`) are dated or weak and must never be printed, so such
a house has no contacts here and the pages send people to its own site or to www.cnpp.ro.
Adding a house's contacts is one line of that file.
"""

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "county_pension_houses.csv"
# Where CNPP lists every house's contacts (its own site; the research found no deeper, stable URL).
CNPP_URL = "https://www.cnpp.ro"
CONFIRMED = "current"

# The CSV's researchers wrote opening hours with English weekday abbreviations.
_WEEKDAYS = {
    "Mon": "Luni",
    "Tue": "Marți",
    "Wed": "Miercuri",
    "Thu": "Joi",
    "Fri": "Vineri",
    "Sat": "Sâmbătă",
    "Sun": "Duminică",
}
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")


@dataclass(frozen=True)
class HouseContacts:
    """A house's confirmed contacts, display-ready; an empty string where nothing is confirmed."""

    postal_address: str = ""
    email: str = ""
    life_certificate_email: str = ""
    phones: tuple[str, ...] = ()
    fax: str = ""
    hours: str = ""
    website: str = ""

    @property
    def website_url(self) -> str:
        if not self.website or "://" in self.website:
            return self.website
        return "https://" + self.website

    @property
    def any(self) -> bool:
        return bool(self.postal_address or self.email or self.life_certificate_email or self.phones)


@dataclass(frozen=True)
class County:
    code: str
    name: str
    house_name: str
    house_seat: str
    contacts: HouseContacts = field(default_factory=HouseContacts)


def read_counties(path: Path) -> tuple[County, ...]:
    """Counties of a file in the format of county_pension_houses.csv, sorted by name as Romanians
    read them (Bucharest among the B's)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [_county(row) for row in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda county: _collation_key(county.name)))


@cache
def all_counties() -> tuple[County, ...]:
    return read_counties(DATA)


@cache
def by_code() -> dict[str, County]:
    return {county.code: county for county in all_counties()}


def county(code: str) -> County:
    return by_code()[code]


def _county(row: dict) -> County:
    seat = _clean(row.get("seat")) or row["county"]
    confirmed = _clean(row.get("status")) == CONFIRMED
    return County(
        code=row["code"],
        name=row["county"],
        house_name=row["name"],
        house_seat=seat,
        contacts=_contacts(row, seat) if confirmed else HouseContacts(),
    )


def _contacts(row: dict, seat: str) -> HouseContacts:
    return HouseContacts(
        postal_address=_postal_address(row, seat),
        email=_clean(row.get("email")),
        life_certificate_email=_clean(row.get("life_certificate_email")),
        phones=_phones(row.get("phone")),
        fax=_without_notes(_clean(row.get("fax"))),
        hours=_hours(row.get("hours")),
        website=_clean(row.get("website")),
    )


def _postal_address(row: dict, seat: str) -> str:
    street = _clean(row.get("address"))
    if not street:
        return ""
    town = " ".join(filter(None, (_clean(row.get("postal_code")), seat)))
    county = "" if row["code"] == "B" else f"județul {row['county']}"
    return ", ".join(filter(None, (street, town, county)))


def _phones(value: str | None) -> tuple[str, ...]:
    # The researchers' notes in brackets (which line, which year) are for the data's reader.
    numbers = []
    for part in _top_level_split(_clean(value)):
        numbers += [n.strip() for n in _without_notes(part).split(" and ") if n.strip()]
    return tuple(numbers)


def _hours(value: str | None) -> str:
    hours = _without_notes(_clean(value))
    return _WEEKDAY.sub(lambda match: _WEEKDAYS[match.group(1)], hours)


def _without_notes(text: str) -> str:
    """The text before its first bracketed note."""
    return text.split("(", 1)[0].strip().rstrip(",;").strip()


def _top_level_split(text: str) -> list[str]:
    """Splits on ';' outside brackets: a note may itself hold a ';'."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _clean(value: str | None) -> str:
    return (value or "").strip()


_ORDER = "aăâbcdefghiîjklmnopqrsștțuvwxyz"


def _collation_key(text: str) -> tuple[int, ...]:
    # Romanian alphabetical order: ă after a, â after ă, î after i, ș after s, ț after t.
    return tuple(_ORDER.find(ch) if ch in _ORDER else 100 + ord(ch) for ch in text.lower())
