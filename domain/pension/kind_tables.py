"""Rule tables of the invalidity, survivor's and in-payment pensions (``data/``), by date.

Kept apart from ``tables.py`` so the three kinds add files instead of editing shared ones:
``companion_allowance.csv`` (art. 67(2): 50 % of the gross minimum wage, with the minimum wage of
Annex 8 by date) and ``survivor_rules.csv`` (art. 75-79: percentages and marriage durations).
"""

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.tables import DATA, Dated, Timeline, _chain


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True, slots=True)
class CompanionRate:
    minimum_wage: Decimal
    percent: Decimal
    act: str


@cache
def companion_rates() -> Timeline[CompanionRate]:
    return _chain(
        [
            (
                date.fromisoformat(row["effective_from"]),
                CompanionRate(
                    Decimal(row["minimum_wage_lei"]), Decimal(row["percent"]), row["act"]
                ),
                row["article"],
            )
            for row in _rows("companion_allowance.csv")
        ]
    )


@cache
def _survivor_rules() -> dict[str, Timeline[Decimal]]:
    grouped: dict[str, list[Dated[Decimal]]] = {}
    for row in _rows("survivor_rules.csv"):
        grouped.setdefault(row["name"], []).append(
            Dated(
                date.fromisoformat(row["effective_from"]),
                date.fromisoformat(row["until"]) if row["until"] else None,
                Decimal(row["value"]),
                row["article"],
            )
        )
    return {name: Timeline(rows) for name, rows in grouped.items()}


def survivor_rule(name: str, on: date) -> Dated[Decimal]:
    row = _survivor_rules()[name].at(on)
    if row is None:
        first = _survivor_rules()[name].first.effective_from
        raise PensionInputError(
            "start_date",
            f"Regula „{name}” se aplică de la {ro.short_date(first)}; data "
            f"{ro.short_date(on)} este anterioară.",
        )
    return row
