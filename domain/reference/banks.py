"""Banks with a CNPP convention for paying pensions into accounts, with their IBAN bank codes."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "banks.csv"


@dataclass(frozen=True)
class Bank:
    name: str
    iban_code: str
    bic: str


@cache
def all_banks() -> tuple[Bank, ...]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Bank(name=row["name"], iban_code=row["iban_bank_code"], bic=row["bic"])
            for row in csv.DictReader(handle)
        )


@cache
def by_iban_code() -> dict[str, Bank]:
    return {bank.iban_code: bank for bank in all_banks()}
