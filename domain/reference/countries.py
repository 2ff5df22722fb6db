"""Every country but Romania, with its name in Romanian and in the languages of the bilingual life
certificate (data/countries.csv, from Unicode CLDR; see data/SOURCES.md)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "countries.csv"
ROMANIAN = "ro"


@dataclass(frozen=True)
class Country:
    code: str
    names: dict[str, str]  # language code → name: ro and every language of the certificate

    @property
    def name(self) -> str:
        return self.names[ROMANIAN]


@cache
def countries() -> tuple[Country, ...]:
    """Every country but Romania, in Romanian alphabetical order (the file's order)."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Country(code=row.pop("code"), names=dict(row)) for row in csv.DictReader(handle)
        )


@cache
def countries_by_code() -> dict[str, Country]:
    return {country.code: country for country in countries()}
