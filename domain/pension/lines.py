"""Result lines: each step of a calculation, in plain Romanian, with its value and article."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

# The three running totals an estimate explains; the lines of a section add up to its total.
POINTS = "puncte"  # ... to total_points
GROSS = "brut"  # ... to gross (lei)
NET = "net"  # ... to net (lei)

UNITS = {POINTS: "puncte", GROSS: "lei", NET: "lei"}


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    value: Decimal
    article: str
    section: str
    rule_date: date | None = None

    @property
    def unit(self) -> str:
        return UNITS[self.section]

    def to_dict(self, number: Callable[[Decimal], Any] = lambda value: value) -> dict[str, Any]:
        return {
            "label": self.label,
            "value": number(self.value),
            "unit": self.unit,
            "article": self.article,
            "section": self.section,
            "rule_date": self.rule_date.isoformat() if self.rule_date else None,
        }


def section_total(lines: Iterable[Line], section: str) -> Decimal:
    return sum((line.value for line in lines if line.section == section), Decimal(0))


def latest_rule_date(lines: Iterable[Line]) -> date | None:
    dates = [line.rule_date for line in lines if line.rule_date is not None]
    return max(dates) if dates else None
