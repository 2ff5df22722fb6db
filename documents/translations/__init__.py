"""Texts of the bilingual life certificate, one TOML file per language, and the country names.

Data, not code: a translator corrects a file here and nothing else. Every language file has the
keys of ro.toml (tests/documents/test_life_certificate.py holds them to that). No Flask here: the
form (forms/life_certificate.py) and the printout both read from this package.
"""

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROMANIAN = "ro"
# The bilingual models CNPP publishes: Romanian with one of these (Order 874/2024).
LANGUAGES = ("en", "it", "es", "de", "fr", "hu")


@dataclass(frozen=True)
class Country:
    code: str
    names: dict[str, str]  # language code → name, ro and every language of LANGUAGES

    @property
    def name(self) -> str:
        return self.names[ROMANIAN]


def path_of(language: str) -> Path:
    if language != ROMANIAN and language not in LANGUAGES:
        raise KeyError(f"No life-certificate translation for {language!r}")
    return HERE / f"{language}.toml"


def texts(language: str) -> dict:
    path = path_of(language)
    return _load(path, path.stat().st_mtime_ns)


@cache
def _load(path: Path, _mtime_ns: int) -> dict:
    # Keyed on mtime so that a corrected translation shows up without a restart.
    with path.open("rb") as handle:
        return tomllib.load(handle)


COUNTRIES = HERE / "countries.csv"


@cache
def countries() -> tuple[Country, ...]:
    """Every country but Romania, in Romanian alphabetical order (the file's order)."""
    with COUNTRIES.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Country(code=row.pop("code"), names=dict(row)) for row in csv.DictReader(handle)
        )


@cache
def countries_by_code() -> dict[str, Country]:
    return {country.code: country for country in countries()}
