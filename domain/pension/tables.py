"""The rule tables in ``data/``, loaded once and selected by date.

Every value the rules use comes from a CSV file here and carries the article it comes from, so a
correction is a one-line data change. See ``data/SOURCES.md`` for where each file comes from.
"""

import bisect
import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.periods import Span, YearMonth

DATA = Path(__file__).parent / "data"

T = TypeVar("T")


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class Dated(Generic[T]):
    """One row of a rule: its value and the dates between which it applies (both inclusive)."""

    effective_from: date
    until: date | None
    value: T
    article: str


class Timeline(Generic[T]):
    """Rows that follow one another in time; ``at(day)`` finds the one in force that day."""

    def __init__(self, rows: Iterable[Dated[T]]) -> None:
        self.rows = sorted(rows, key=lambda row: row.effective_from)
        self._starts = [row.effective_from for row in self.rows]

    def at(self, day: date) -> Dated[T] | None:
        position = bisect.bisect_right(self._starts, day) - 1
        if position < 0:
            return None
        row = self.rows[position]
        if row.until is not None and day > row.until:
            return None
        return row

    @property
    def first(self) -> Dated[T]:
        return self.rows[0]

    @property
    def last(self) -> Dated[T]:
        return self.rows[-1]


def _chain(rows: list[tuple[date, T, str]]) -> Timeline[T]:
    """Rows given only by their start: each one ends the day before the next one starts."""
    rows = sorted(rows, key=lambda row: row[0])
    dated = []
    for position, (start, value, article) in enumerate(rows):
        following = rows[position + 1][0] if position + 1 < len(rows) else None
        until = following - timedelta(days=1) if following else None
        dated.append(Dated(start, until, value, article))
    return Timeline(dated)


# --- named single values (rules.csv) -------------------------------------------------------


@cache
def _parameters() -> dict[str, Timeline[str]]:
    grouped: dict[str, list[Dated[str]]] = {}
    for row in _read("rules.csv"):
        grouped.setdefault(row["name"], []).append(
            Dated(
                date.fromisoformat(row["effective_from"]),
                _day(row["until"]),
                row["value"],
                row["article"],
            )
        )
    return {name: Timeline(rows) for name, rows in grouped.items()}


def parameter(name: str, on: date) -> Dated[str]:
    """A named rule value in force on ``on`` (callers check ``on`` against the law first)."""
    row = _parameters()[name].at(on)
    if row is None:
        first = _parameters()[name].first.effective_from
        raise PensionInputError(
            "start_date",
            f"Regula „{name}” se aplică de la {ro.short_date(first)}; data {ro.short_date(on)} este anterioară.",
        )
    return row


def int_parameter(name: str, on: date) -> int:
    return int(parameter(name, on).value)


@cache
def law_in_force() -> date:
    """1 September 2024 (art. 167): nothing here is computed for an earlier pension start."""
    return date.fromisoformat(_parameters()["law_in_force"].first.value)


# --- divisors of the monthly score ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Csmb:
    year: int
    lei: Decimal
    effective_from: date
    act: str
    status: str
    article: str


@cache
def csmb_by_year() -> dict[int, Csmb]:
    """CSMB of each budget year (art. 85(7)); ``effective_from`` is when its budget law applied."""
    return {
        int(row["year"]): Csmb(
            int(row["year"]),
            Decimal(row["lei"]),
            date.fromisoformat(row["effective_from"]),
            row["act"],
            row["status"],
            row["article"],
        )
        for row in _read("csmb_budget.csv")
    }


@dataclass(frozen=True, slots=True)
class AverageSalary:
    year: int
    gross: Decimal
    net: Decimal | None
    article: str


@cache
def annex7_by_year() -> dict[int, AverageSalary]:
    return {
        int(row["year"]): AverageSalary(
            int(row["year"]),
            Decimal(row["gross_lei"]),
            Decimal(row["net_lei"]) if row["net_lei"] else None,
            row["article"],
        )
        for row in _read("average_salary_annex7.csv")
    }


@cache
def first_data_year() -> int:
    """1938, the first year of Annex 7: the site refuses earlier dates."""
    return min(annex7_by_year())


@dataclass(frozen=True, slots=True)
class Pillar2Factor:
    factor: Decimal
    status: str


@cache
def pillar2_factors() -> Timeline[Pillar2Factor]:
    return Timeline(
        Dated(
            date.fromisoformat(row["from"]),
            _day(row["to"]),
            Pillar2Factor(Decimal(row["factor"]), row["status"]),
            row["article"],
        )
        for row in _read("pillar2_factor.csv")
    )


# --- amounts ---------------------------------------------------------------------------------


@cache
def reference_point_values() -> Timeline[Decimal]:
    return _chain(
        [
            (date.fromisoformat(row["effective_from"]), Decimal(row["lei"]), row["article"])
            for row in _read("reference_point_value.csv")
        ]
    )


@cache
def social_indemnities() -> Timeline[Decimal]:
    return _chain(
        [
            (date.fromisoformat(row["effective_from"]), Decimal(row["lei"]), row["article"])
            for row in _read("social_indemnity.csv")
        ]
    )


@dataclass(frozen=True, slots=True)
class TaxRule:
    tax_free_threshold: Decimal
    income_tax_percent: Decimal
    cass_percent: Decimal
    tax_article: str
    cass_article: str


@cache
def tax_rules() -> Timeline[TaxRule]:
    return Timeline(
        Dated(
            date.fromisoformat(row["from"]),
            _day(row["to"]),
            TaxRule(
                Decimal(row["tax_free_threshold_lei"]),
                Decimal(row["income_tax_percent"]),
                Decimal(row["cass_percent_above_threshold"]),
                row["tax_article"],
                row["cass_article"],
            ),
            row["tax_article"],
        )
        for row in _read("pension_tax_rules.csv")
    )


# --- age and stage (Annex 5) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Annex5Row:
    sex: str
    birth: YearMonth
    retirement: YearMonth
    age: Span
    complete_stage: Span
    minimum_stage: Span
    article: str


def _year_month(text: str) -> YearMonth:
    year, month = text.split("-")
    return YearMonth(int(year), int(month))


@cache
def annex5() -> dict[tuple[str, YearMonth], Annex5Row]:
    rows = {}
    for row in _read("retirement_age_annex5.csv"):
        entry = Annex5Row(
            row["sex"],
            _year_month(row["birth_ym"]),
            _year_month(row["retire_ym"]),
            Span(int(row["age_y"]), int(row["age_m"])),
            Span(int(row["full_stage_y"]), int(row["full_stage_m"])),
            Span(int(row["min_stage_y"]), int(row["min_stage_m"])),
            row["article"],
        )
        rows[entry.sex, entry.birth] = entry
    return rows


@cache
def annex5_bounds(sex: str) -> tuple[YearMonth, YearMonth]:
    births = [birth for (row_sex, birth) in annex5() if row_sex == sex]
    return min(births), max(births)


# --- band tables ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StabilityBand:
    above_years: int
    up_to_years: int | None
    per_year: Decimal
    per_month: Decimal
    per_day: Decimal


@dataclass(frozen=True, slots=True)
class EarlyRate:
    over_from_years: int
    over_to_years: int
    percent_per_month: Decimal


@dataclass(frozen=True, slots=True)
class ChildrenReduction:
    children: int
    reduction: Span


def _banded(name: str, make: Callable[[dict[str, str]], T]) -> list[Dated[T]]:
    return [
        Dated(
            date.fromisoformat(row["effective_from"]), _day(row["until"]), make(row), row["article"]
        )
        for row in _read(name)
    ]


def _in_force(rows: list[Dated[T]], on: date, what: str) -> list[Dated[T]]:
    found = [
        row for row in rows if row.effective_from <= on and (row.until is None or on <= row.until)
    ]
    if not found:
        raise PensionInputError("start_date", f"Nu avem {what} în vigoare la {ro.short_date(on)}.")
    return found


@cache
def _stability_rows() -> list[Dated[StabilityBand]]:
    return _banded(
        "stability_bands.csv",
        lambda row: StabilityBand(
            int(row["above_years"]),
            int(row["up_to_years"]) if row["up_to_years"] else None,
            Decimal(row["points_per_year"]),
            Decimal(row["points_per_month"]),
            Decimal(row["points_per_day"]),
        ),
    )


def stability_bands(on: date) -> list[Dated[StabilityBand]]:
    rows = _in_force(_stability_rows(), on, "puncte de stabilitate")
    return sorted(rows, key=lambda row: row.value.above_years)


@cache
def _early_rows() -> list[Dated[EarlyRate]]:
    return _banded(
        "early_reduction.csv",
        lambda row: EarlyRate(
            int(row["over_complete_from_years"]),
            int(row["over_complete_to_years"]),
            Decimal(row["percent_per_month"]),
        ),
    )


def early_rates(on: date) -> list[Dated[EarlyRate]]:
    return _in_force(_early_rows(), on, "procente de diminuare a pensiei anticipate")


@cache
def _children_rows() -> list[Dated[ChildrenReduction]]:
    return _banded(
        "children_reduction.csv",
        lambda row: ChildrenReduction(
            int(row["children"]), Span(int(row["years"]), int(row["months"]))
        ),
    )


def children_reductions(on: date) -> list[Dated[ChildrenReduction]]:
    rows = _in_force(_children_rows(), on, "reduceri de vârstă pentru copii")
    return sorted(rows, key=lambda row: row.value.children)


# --- age reductions without a cut (art. 48, 52, 53) and the handicap tax exemption ----------


@dataclass(frozen=True, slots=True)
class ConditionsReduction:
    table: str  # "deosebite" (art. 48(1)(a), table 1) or "special" (art. 48(1)(b), table 2)
    stage_years: int
    reduction: Span


@cache
def _conditions_rows() -> list[Dated[ConditionsReduction]]:
    return _banded(
        "conditions_reduction.csv",
        lambda row: ConditionsReduction(
            row["table"],
            int(row["stage_years"]),
            Span(int(row["reduction_years"]), int(row["reduction_months"])),
        ),
    )


def conditions_reductions(on: date, table: str) -> list[Dated[ConditionsReduction]]:
    """Rows of table 1 (``deosebite``) or table 2 (``special``) of art. 48, by years of stage."""
    rows = _in_force(_conditions_rows(), on, "reduceri de vârstă pentru condiții de muncă")
    return sorted(
        (row for row in rows if row.value.table == table), key=lambda row: row.value.stage_years
    )


@dataclass(frozen=True, slots=True)
class HandicapReduction:
    condition: str  # grav, accentuat, mediu (art. 52) or vedere (art. 53)
    reduction: Span | None  # None: a pension at any age (art. 53)
    stage_numerator: int
    stage_denominator: int


@cache
def _handicap_rows() -> list[Dated[HandicapReduction]]:
    return _banded(
        "handicap_reduction.csv",
        lambda row: HandicapReduction(
            row["condition"],
            Span(int(row["reduction_years"])) if row["reduction_years"] else None,
            int(row["stage_numerator"]),
            int(row["stage_denominator"]),
        ),
    )


def handicap_reduction(on: date, condition: str) -> Dated[HandicapReduction]:
    rows = _in_force(_handicap_rows(), on, "reduceri de vârstă pentru handicap")
    return next(row for row in rows if row.value.condition == condition)


@dataclass(frozen=True, slots=True)
class TaxExemption:
    handicap: str
    income_tax_exempt: bool
    cass_exempt: bool


@cache
def _tax_exemption_rows() -> list[Dated[TaxExemption]]:
    return _banded(
        "tax_exemptions.csv",
        lambda row: TaxExemption(
            row["handicap"], row["income_tax_exempt"] == "1", row["cass_exempt"] == "1"
        ),
    )


def tax_exemption(on: date, handicap: str | None) -> Dated[TaxExemption] | None:
    """The exemption for a handicap degree on a date, or None when there is none."""
    if handicap is None:
        return None
    for row in _tax_exemption_rows():
        if (
            row.value.handicap == handicap
            and row.effective_from <= on
            and (row.until is None or on <= row.until)
        ):
            return row
    return None
