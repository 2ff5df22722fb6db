"""Annual points copied from the career report for a span of years, e.g. 1991-2011.

Years the data cannot convert from income (no divisor) are given as one total for the span: the
sum of the annual points the CNPP career report shows for those years. The total is kept as the
span's total, not split across years: each year's own points are already in the report, so a
split would only invent per-year figures; the span's average per year is what a plausibility
check looks at (``per_year``).
"""

from dataclasses import dataclass
from decimal import Decimal

from domain import ro


@dataclass(frozen=True, slots=True)
class PointSpan:
    """The sum of the annual points of the years ``first`` to ``last``, both included."""

    first: int
    last: int
    points: Decimal

    @property
    def years(self) -> int:
        return self.last - self.first + 1

    @property
    def per_year(self) -> Decimal:
        return self.points / self.years

    def label(self) -> str:
        when = str(self.first) if self.first == self.last else f"{self.first}–{self.last}"
        return (
            f"Punctajele anuale {when} din raportul de stagiu "
            f"(suma lor, {ro.count(self.years, 'an', 'ani')})"
        )

    def __str__(self) -> str:
        return f"{self.first}-{self.last}:{self.points}"
