"""Calendar arithmetic the rules need: months, ages, contributory stages, Romanian wording."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


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
        return join_parts(count_ro(self.years, "an", "ani"), count_ro(self.months, "lună", "luni"))


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
            count_ro(self.years, "an", "ani"),
            count_ro(self.months, "lună", "luni"),
            count_ro(self.days, "zi", "zile"),
        )


def count_ro(number: int, one: str, many: str) -> str:
    """ "1 an", "2 ani", "20 de ani": Romanian puts "de" before plurals from 20 on (not 101-119)."""
    if number == 1:
        return f"1 {one}"
    rest = number % 100
    if number >= 20 and (rest == 0 or rest >= 20):
        return f"{number} de {many}"
    return f"{number} {many}"


def join_parts(*parts: str) -> str:
    kept = [part for part in parts if not part.startswith("0 ")]
    if not kept:
        return parts[0]
    if len(kept) == 1:
        return kept[0]
    return ", ".join(kept[:-1]) + " și " + kept[-1]


def ro_number(value: Decimal | int, places: int | None = None) -> str:
    """A number written the Romanian way: 3.000 and 146,70 (thousands dot, decimal comma)."""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = f"{number:,f}" if places is not None else f"{number.normalize():,f}"
    if number == number.to_integral_value() and places is None:
        text = f"{number.to_integral_value():,f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def ro_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")
