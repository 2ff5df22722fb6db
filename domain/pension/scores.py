"""Monthly and annual scores from income, and the fixed scores of art. 86-88.

- Monthly score (art. 85(7)): the month's gross income ÷ the divisor of its year: the CSMB of the
  budget year (``csmb_budget.csv``) from 2012, the Annex 7 average for 1938-1990 (art. 142(1)),
  with the 1938 average for 1939-1946 (art. 142(2)) and the *net* average, like the net income
  the work book shows, from 1 July 1977 to 31 December 1990 (art. 139(4)(b)).
- The divisor of a month is the CSMB of its calendar year, as art. 85(7) says ("din anul
  respectiv"), even for the months before that year's budget law took effect; the law's
  ``effective_from`` becomes the line's rule date so the reader sees when the figure was set.
- Years with no divisor in the data (1991-2011, and years whose budget is not yet known) are
  refused, naming the year and asking for the annual points of the career report instead.
- Pillar II (art. 85(12)): from ``pillar2_from`` on, each monthly score is multiplied by the
  factor of its month.
- Annual score (art. 85(2)): the sum of the year's monthly scores ÷ 12. Every score keeps 5
  decimals (art. 85(11)); the law does not say how to get there, so each one is rounded half up
  (``score_rounding`` in rules.csv).
- Fixed scores (art. 86(2), 87(1), 88(1),(5)) are *monthly* scores like the income ones, so they
  too count ÷ 12 in the annual score: a month of university gives 0.25 / 12 points, a year 0.25;
  a month in special conditions adds 0.50 to that month's score, i.e. 0.50 / 12 points. They are
  summed over all months at once (the input gives counts, not calendar years).
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.lines import POINTS, Line
from domain.pension.periods import YearMonth
from domain.pension.tables import (
    Dated,
    annex7_by_year,
    csmb_by_year,
    law_in_force,
    parameter,
    pillar2_factors,
)

ROUNDING_MODES = {"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP", "ROUND_CEILING"}


@dataclass(frozen=True, slots=True)
class Divisor:
    lei: Decimal
    description: str
    article: str
    rule_date: date
    unverified: bool = False


@dataclass(frozen=True, slots=True)
class AnnualScore:
    year: int
    score: Decimal
    months: int
    pillar2_months: int
    divisors: tuple[Divisor, ...]
    pillar2_factors: tuple[Decimal, ...]
    pillar2_article: str

    @property
    def rule_date(self) -> date:
        return max(divisor.rule_date for divisor in self.divisors)

    @property
    def article(self) -> str:
        parts = ["art. 85 alin. (2), (11)"]
        parts += [part for divisor in self.divisors for part in divisor.article.split("; ")]
        if self.pillar2_months:
            parts.append(self.pillar2_article)
        return "; ".join(dict.fromkeys(parts))

    def line(self) -> Line:
        over = " / ".join(divisor.description for divisor in self.divisors)
        label = (
            f"Punctaj anual {self.year}: {ro.count(self.months, 'lună', 'luni')}, "
            f"venitul lunar împărțit la {over}, suma împărțită la 12"
        )
        if self.pillar2_months:
            factors = ", ".join(ro.number(factor) for factor in self.pillar2_factors)
            label += (
                f"; corectat pentru Pilonul II în {ro.count(self.pillar2_months, 'lună', 'luni')}"
                f" (× {factors})"
            )
        return Line(label, self.score, self.article, POINTS, self.rule_date)

    def to_dict(self) -> dict[str, object]:
        return {
            "year": self.year,
            "score": self.score,
            "months": self.months,
            "pillar2_months": self.pillar2_months,
        }


class ScoreRules:
    """The score rules in force on a date, with the divisors and factors looked up so far.

    Use ``ScoreRules.on(day)``: calculations whose dates select the same rule rows share one
    instance, so each month's divisor is worked out once per process, not once per request.
    """

    NAMES = (
        "score_decimals",
        "score_rounding",
        "annex7_substitute_year",
        "annex7_substitute_first_year",
        "annex7_substitute_last_year",
        "net_salary_from",
        "net_salary_until",
    )

    @classmethod
    def on(cls, day: date) -> "ScoreRules":
        return _shared_rules(tuple(parameter(name, day) for name in cls.NAMES))

    def __init__(self, rows: tuple[Dated[str], ...]) -> None:
        decimals, rounding, substitute, first, last, net_from, net_until = rows
        self.quantum = Decimal(1).scaleb(-int(decimals.value))
        self.rounding = rounding.value
        if self.rounding not in ROUNDING_MODES:
            raise ValueError(f"rules.csv: unknown rounding {self.rounding}")
        self.substitute_year = int(substitute.value)
        self.substitute_article = substitute.article
        self.substitute_years = range(int(first.value), int(last.value) + 1)
        self.net_from = date.fromisoformat(net_from.value)
        self.net_until = date.fromisoformat(net_until.value)
        self.net_article = net_from.article
        self.annex7_date = law_in_force()
        self._divisors: dict[tuple[int, int], Divisor] = {}
        self._distinct: dict[Divisor, Divisor] = {}
        self._factors: dict[tuple[int, int], tuple[Decimal, str]] = {}

    def round(self, value: Decimal) -> Decimal:
        return value.quantize(self.quantum, rounding=self.rounding)

    def divisor(self, year: int, month: int) -> Divisor:
        key = (year, month)
        found = self._divisors.get(key)
        if found is None:
            # One shared object per distinct divisor, so callers can compare by identity.
            found = self._find_divisor(year, month)
            found = self._divisors[key] = self._distinct.setdefault(found, found)
        return found

    def _find_divisor(self, year: int, month: int) -> Divisor:
        csmb = csmb_by_year().get(year)
        if csmb is not None:
            return Divisor(
                csmb.lei,
                f"CSMB {year} ({ro.number(csmb.lei)} lei)",
                csmb.article,
                csmb.effective_from,
                csmb.status == "unverified",
            )
        annex7 = annex7_by_year()
        source_year = self.substitute_year if year in self.substitute_years else year
        average = annex7.get(source_year)
        if average is None:
            raise self._no_divisor(year)
        article = average.article
        if source_year != year:
            article += f"; {self.substitute_article}"
        day = date(year, month, 1)
        if self.net_from <= day <= self.net_until:
            if average.net is None:
                raise self._no_divisor(year)
            return Divisor(
                average.net,
                f"salariul mediu net {source_year} ({ro.number(average.net)} lei)",
                f"{article}; {self.net_article}",
                self.annex7_date,
            )
        return Divisor(
            average.gross,
            f"salariul mediu brut {source_year} ({ro.number(average.gross)} lei)",
            article,
            self.annex7_date,
        )

    def _no_divisor(self, year: int) -> PensionInputError:
        if year > max(csmb_by_year()):
            return PensionInputError(
                "income",
                f"Pentru anul {year} nu se cunoaște încă câștigul salarial mediu brut din bugetul "
                f"asigurărilor sociale, deci venitul nu poate fi transformat în puncte. Scrieți o "
                f"estimare a punctajului anual pentru {year} la „puncte”.",
            )
        return PensionInputError(
            "income",
            f"Pentru anul {year} nu avem câștigul salarial mediu cu care se împarte venitul. "
            f"Scrieți punctajul anual pentru {year}, așa cum apare în raportul de stagiu de la "
            f"casa de pensii, la „puncte”, în locul venitului.",
        )

    def pillar2_factor(self, year: int, month: int) -> tuple[Decimal, str]:
        found = self._factors.get((year, month))
        if found is None:
            found = self._factors[year, month] = self._find_factor(year, month)
        return found

    def _find_factor(self, year: int, month: int) -> tuple[Decimal, str]:
        row = pillar2_factors().at(date(year, month, 1))
        if row is None:
            raise PensionInputError(
                "pillar2_from",
                f"Nu avem factorul de corecție pentru Pilonul II în {year}-{month:02d} "
                f"(Pilonul II există din 2008).",
            )
        return row.value.factor, row.article


@cache
def _shared_rules(rows: tuple[Dated[str], ...]) -> ScoreRules:
    return ScoreRules(rows)


def annual_scores(
    rules: ScoreRules,
    income: Mapping[tuple[int, int], Decimal],
    pillar2_from: YearMonth | None,
) -> tuple[AnnualScore, ...]:
    """Annual scores, one per calendar year with income (keyed by (year, month)), in order."""
    by_year: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for (year, month), amount in income.items():
        by_year[year].append((month, amount))
    pillar2_start = (pillar2_from.year, pillar2_from.month) if pillar2_from else None
    results = []
    for year in sorted(by_year):
        total = Decimal(0)
        divisors: list[Divisor] = []
        factors: list[Decimal] = []
        pillar2_months = 0
        pillar2_article = ""
        for month, amount in sorted(by_year[year]):
            divisor = rules.divisor(year, month)
            # Divisors are shared objects: identity is enough, and cheaper than ==.
            if all(known is not divisor for known in divisors):
                divisors.append(divisor)
            score = rules.round(amount / divisor.lei)
            if pillar2_start is not None and (year, month) >= pillar2_start:
                factor, pillar2_article = rules.pillar2_factor(year, month)
                if factor not in factors:
                    factors.append(factor)
                score = rules.round(score * factor)
                pillar2_months += 1
            total += score
        results.append(
            AnnualScore(
                year,
                rules.round(total / 12),
                len(by_year[year]),
                pillar2_months,
                tuple(divisors),
                tuple(factors),
                pillar2_article,
            )
        )
    return tuple(results)


@dataclass(frozen=True, slots=True)
class FixedScore:
    """Months credited with a fixed monthly score (or extra score) set by the law."""

    rule: str
    description: str
    months: int

    def line(self, rules: ScoreRules, on: date) -> Line | None:
        if not self.months:
            return None
        row = parameter(self.rule, on)
        monthly = Decimal(row.value)
        label = (
            f"{self.description}: {ro.count(self.months, 'lună', 'luni')} × "
            f"{ro.number(monthly, 2)} puncte pe lună ÷ 12"
        )
        return Line(
            label, rules.round(monthly * self.months / 12), row.article, POINTS, row.effective_from
        )


def invalidity_rule(grade: int) -> str:
    return f"invalidity_monthly_score_{grade}"
