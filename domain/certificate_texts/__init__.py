"""Texts of the bilingual life certificate, one TOML file per language.

Data, not code: a translator corrects a file here and nothing else. Every language file has the
keys of ro.toml (tests/documents/test_life_certificate.py holds them to that). The form
(forms/life_certificate.py) and the printout (documents/life_certificate.py) both read them, so
they live in domain/. The country names are domain/reference/countries.py.
"""

import tomllib
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROMANIAN = "ro"
# The bilingual models CNPP publishes: Romanian with one of these (Order 874/2024).
LANGUAGES = ("en", "it", "es", "de", "fr", "hu")


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
