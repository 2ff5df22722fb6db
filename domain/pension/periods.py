"""Calendar arithmetic the rules need: months, ages, contributory stages, Romanian wording."""

import calendar
from dataclasses import dataclass
from datetime import date

from domain import ro


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); a missing day becomes the month's last day.

    Romanian law counts a term in months or years to the matching day of the last month, or to
    that month's last day when it has no matching day (Civil Code art. 2552), so someone born on
    29 February reaches an age on 28 February of a common year.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def completed_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (an age in months, when ``start`` is a birth date)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


@dataclass(frozen=True, order=True, slots=True)
class YearMonth:
    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """Years and months, as Annex 5 writes ages and stages (e.g. 63/4)."""

    years: int
    months: int = 0

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @classmethod
    def from_months(cls, months: int) -> "Span":
        return cls(*divmod(months, 12))

    def to_dict(self) -> dict[str, int]:
        return {"years": self.years, "months": self.months}

    def __str__(self) -> str:
        return join_parts(ro.count(self.years, "an", "ani"), ro.count(self.months, "lună", "luni"))


@dataclass(frozen=True, slots=True)
class Stage:
    """A contributory stage as the CNPP career report states it: years, months, days."""

    years: int = 0
    months: int = 0
    days: int = 0

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    def at_least(self, span: Span) -> bool:
        return (self.total_months, self.days) >= (span.total_months, 0)

    def beyond(self, span: Span) -> "Stage | None":
        """The part of this stage above ``span``; None when the stage does not reach it."""
        if not self.at_least(span):
            return None
        years, months = divmod(self.total_months - span.total_months, 12)
        return Stage(years, months, self.days)

    def plus_months(self, months: int) -> "Stage":
        years, rest = divmod(self.total_months + months, 12)
        return Stage(years, rest, self.days)

    def to_dict(self) -> dict[str, int]:
        return {"years": self.years, "months": self.months, "days": self.days}

    def __str__(self) -> str:
        return join_parts(
            ro.count(self.years, "an", "ani"),
            ro.count(self.months, "lună", "luni"),
            ro.count(self.days, "zi", "zile"),
        )


def join_parts(*parts: str) -> str:
    kept = [part for part in parts if not part.startswith("0 ")]
    return ro.and_list(kept) if kept else parts[0]
