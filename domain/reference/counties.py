"""The 41 counties and Bucharest, each with its county pension house (Law 360/2023 art. 4(2))."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "county_pension_houses.csv"


@dataclass(frozen=True)
class County:
    code: str
    name: str
    house_name: str
    house_seat: str
    known_contact: str


@cache
def all_counties() -> tuple[County, ...]:
    """Counties sorted by name as Romanians read them (Bucharest among the B's)."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = [
            County(
                code=row["code"],
                name=row["county"],
                house_name=row["name"],
                house_seat=row["seat"] or row["county"],
                known_contact=row["known_contact"] or "",
            )
            for row in csv.DictReader(handle)
        ]
    return tuple(sorted(rows, key=lambda county: _collation_key(county.name)))


@cache
def by_code() -> dict[str, County]:
    return {county.code: county for county in all_counties()}


def county(code: str) -> County:
    return by_code()[code]


_ORDER = "aăâbcdefghiîjklmnopqrsștțuvwxyz"


def _collation_key(text: str) -> tuple[int, ...]:
    # Romanian alphabetical order: ă after a, â after ă, î after i, ș after s, ț after t.
    return tuple(_ORDER.find(ch) if ch in _ORDER else 100 + ord(ch) for ch in text.lower())
