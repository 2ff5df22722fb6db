"""Monthly and annual scores from income, and the fixed scores of art. 86-88.

- Monthly score: the month's gross income ÷ the divisor of its month:
  - from 1 September 2024 (art. 85(7)): the CSMB of the budget year (``csmb_budget.csv``);
  - 1991 to August 2024 (art. 142(1), Annex 7's header): the INS average gross wage of that
    month (``ins_average_wage_monthly.csv``; see ``history``);
  - 1938-1990: the Annex 7 average (art. 142(1)), with the 1938 average for 1939-1946 (art.
    142(2)) and the *net* average, like the net income the work book shows, from 1 July 1977 to
    31 December 1990 (art. 139(4)(b)).
- The divisor of a month from September 2024 is the CSMB of its calendar year, as art. 85(7)
  says ("din anul respectiv"), even for the months before that year's budget law took effect;
  the law's ``effective_from`` becomes the line's rule date so the reader sees when the figure
  was set.
- Months with no divisor in the data (the INS gaps, and years whose budget is not yet known) are
  refused, all the gaps in one message, asking for the annual points of the career report.
- Art. 136(3): before 1 September 1947 one point a month whatever the wage; from then to 1962
  at least one point. Art. 143: the supplementary pension fund increase on the monthly scores of
  1967-2001. Art. 85(7), 141(1): the income is capped at the contribution base's ceiling of its
  period (2001-2017, ``contribution_cap.csv``). See ``history`` for the data and its readings.
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
from domain.pension.history import (
    Cap,
    Supplementary,
    contribution_caps,
    ins_monthly,
    missing_span_error,
    supplementary_increase,
)
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

CURRENCIES = {"RON": "lei", "ROL": "lei vechi"}
ROUNDING_MODES = {"ROUND_HALF_UP", "ROUND_HALF_EVEN", "ROUND_DOWN", "ROUND_UP", "ROUND_CEILING"}


@dataclass(frozen=True, slots=True)
class Divisor:
    lei: Decimal
    description: str
    article: str
    rule_date: date
    unverified: bool = False
    # Divisors of one group (the INS months) are named together in the line: group (short, ...).
    group: str = ""
    short: str = ""


@dataclass(frozen=True, slots=True)
class AnnualScore:
    year: int
    score: Decimal
    months: int
    pillar2_months: int
    divisors: tuple[Divisor, ...]
    pillar2_factors: tuple[Decimal, ...]
    pillar2_article: str
    # Art. 143 (supplementary pension fund), art. 136(3) (one point), art. 85(7) (the cap).
    supplementary: Decimal = Decimal(0)
    supplementary_percents: tuple[tuple[Decimal, str], ...] = ()
    one_point_months: int = 0
    floor_months: int = 0
    one_point_article: str = ""
    capped_months: int = 0
    caps: tuple[tuple[Decimal, str], ...] = ()
    cap_article: str = ""

    @property
    def rule_date(self) -> date:
        return max((divisor.rule_date for divisor in self.divisors), default=law_in_force())

    @property
    def article(self) -> str:
        parts = ["art. 85 alin. (2), (11)"]
        parts += [part for divisor in self.divisors for part in divisor.article.split("; ")]
        if self.pillar2_months:
            parts.append(self.pillar2_article)
        parts += [article for _, article in self.supplementary_percents]
        if self.one_point_months or self.floor_months:
            parts.append(self.one_point_article)
        if self.capped_months:
            parts.append(self.cap_article)
        return "; ".join(dict.fromkeys(parts))

    def _over(self) -> str:
        names: list[str] = []
        groups: dict[str, list[str]] = {}
        for divisor in self.divisors:
            if divisor.group:
                if divisor.group not in groups:
                    groups[divisor.group] = []
                    names.append(divisor.group)
                groups[divisor.group].append(divisor.short)
            else:
                names.append(divisor.description)
        return " / ".join(
            f"{name} ({'; '.join(groups[name])})" if name in groups else name for name in names
        )

    def line(self) -> Line:
        if self.one_point_months == self.months:
            label = (
                f"Punctaj anual {self.year}: {ro.count(self.months, 'lună', 'luni')} înainte de "
                f"1 septembrie 1947, câte un punct pe lună oricare ar fi salariul, suma împărțită "
                f"la 12"
            )
        else:
            label = (
                f"Punctaj anual {self.year}: {ro.count(self.months, 'lună', 'luni')}, "
                f"venitul lunar împărțit la {self._over()}, suma împărțită la 12"
            )
        if self.one_point_months and self.one_point_months != self.months:
            label += (
                f"; {ro.count(self.one_point_months, 'lună', 'luni')} înainte de 1 septembrie "
                f"1947 cu câte un punct"
            )
        if self.floor_months:
            label += (
                f"; în {ro.count(self.floor_months, 'lună', 'luni')} punctajul lunar a fost sub "
                f"un punct și se ia un punct"
            )
        if self.capped_months:
            caps = ", ".join(f"{ro.number(lei)} {CURRENCIES[cur]}" for lei, cur in self.caps)
            label += (
                f"; venitul plafonat în {ro.count(self.capped_months, 'lună', 'luni')} la baza "
                f"maximă a contribuției ({caps})"
            )
        if self.supplementary:
            percents = ", ".join(
                f"{ro.number(percent)} %" for percent, _ in self.supplementary_percents
            )
            label += (
                f"; plus {percents} din punctajele lunare pentru fondul de pensie suplimentară "
                f"({ro.number(self.supplementary)} puncte)"
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
        "ins_monthly_from",
        "one_point_until",
        "one_point_floor_until",
    )

    @classmethod
    def on(cls, day: date) -> "ScoreRules":
        return _shared_rules(tuple(parameter(name, day) for name in cls.NAMES))

    def __init__(self, rows: tuple[Dated[str], ...]) -> None:
        decimals, rounding, substitute, first, last, net_from, net_until, *history = rows
        ins_from, one_point, one_point_floor = history
        self.ins_from = date.fromisoformat(ins_from.value)
        self.one_point_until = date.fromisoformat(one_point.value)
        self.one_point_floor_until = date.fromisoformat(one_point_floor.value)
        self.one_point_article = one_point.article
        self.floor_article = one_point_floor.article
        self._months: dict[tuple[int, int, bool], MonthRule] = {}
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
        day = date(year, month, 1)
        if self.ins_from <= day < self.annex7_date:
            return self._ins_divisor(year, month)
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

    def _ins_divisor(self, year: int, month: int) -> Divisor:
        wage = ins_monthly().get((year, month))
        if wage is None:
            raise self._no_divisor(year)
        uncertain = ", valoare incertă în sursă" if wage.uncertain else ""
        return Divisor(
            wage.lei,
            f"câștigul salarial mediu brut INS {year}-{month:02d} ({ro.number(wage.lei)} lei{uncertain})",
            wage.article,
            self.annex7_date,
            wage.uncertain,
            "câștigul salarial mediu brut lunar comunicat de INS",
            f"{year}-{month:02d}: {ro.number(wage.lei)} lei{uncertain}",
        )

    def month_rule(self, year: int, month: int, four_percent: bool) -> "MonthRule":
        """What applies to a month's income besides the divisor: art. 136(3), 143, the cap."""
        key = (year, month, four_percent)
        found = self._months.get(key)
        if found is None:
            day = date(year, month, 1)
            one_point = day <= self.one_point_until
            floor = not one_point and day <= self.one_point_floor_until
            cap_row = contribution_caps().at(day)
            found = self._months[key] = MonthRule(
                one_point,
                floor,
                supplementary_increase(day, four_percent),
                cap_row.value if cap_row else None,
                cap_row.article if cap_row else "",
            )
        return found

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


@dataclass(frozen=True, slots=True)
class MonthRule:
    one_point: bool  # art. 136(3)(a): one point whatever the wage
    floor: bool  # art. 136(3)(b), (c): at least one point
    supplementary: Supplementary | None  # art. 143
    cap: Cap | None  # art. 85(7), 141(1): the contribution base's ceiling
    cap_article: str


def annual_scores(
    rules: ScoreRules,
    income: Mapping[tuple[int, int], Decimal],
    pillar2_from: YearMonth | None,
    supplementary_fund: bool = True,
    four_percent: bool = False,
    notes: list[str] | None = None,
    *,
    pillar2_member_months: frozenset[tuple[int, int]] | None = None,
) -> tuple[AnnualScore, ...]:
    """Annual scores, one per calendar year with income (keyed by (year, month)), in order.

    Months without a divisor are refused together, in one message naming their spans. Notes
    about the contribution cap (not known for the month, or from an unofficial source) go to
    ``notes`` when given. ``pillar2_member_months``, when given, replaces ``pillar2_from``: exactly
    those (year, month) are corrected for Pillar II (a register flags membership month by month).
    """
    by_year: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for (year, month), amount in income.items():
        by_year[year].append((month, amount))
    pillar2_start = (pillar2_from.year, pillar2_from.month) if pillar2_from else None
    results = []
    missing: list[tuple[int, int]] = []
    future: list[PensionInputError] = []
    cap_notes: dict[str, None] = {}
    one = Decimal(1)
    for year in sorted(by_year):
        total = Decimal(0)
        divisors: list[Divisor] = []
        factors: list[Decimal] = []
        pillar2_months = one_point_months = floor_months = capped_months = 0
        pillar2_article = cap_article = ""
        supplementary = Decimal(0)
        percents: list[tuple[Decimal, str]] = []
        caps: list[tuple[Decimal, str]] = []
        for month, amount in sorted(by_year[year]):
            rule = rules.month_rule(year, month, four_percent)
            if rule.one_point:
                total += one
                one_point_months += 1
                continue
            try:
                divisor = rules.divisor(year, month)
            except PensionInputError as error:
                if year > max(csmb_by_year()):
                    future.append(error)
                else:
                    missing.append((year, month))
                continue
            # Divisors are shared objects: identity is enough, and cheaper than ==.
            if all(known is not divisor for known in divisors):
                divisors.append(divisor)
            cap = rule.cap
            if cap is not None and cap.lei is not None and amount > cap.lei:
                if cap.status == "unknown":
                    cap_notes[
                        f"{year}-{month:02d}: venitul depășește {ro.number(cap.lei)} "
                        f"{CURRENCIES[cap.currency]}, plafonul posibil al bazei de contribuție; "
                        f"sursele nu spun la fel dacă și ce plafon se aplica în acea lună "
                        f"({cap.act}), deci venitul nu a fost plafonat. Verificați baza de calcul "
                        f"a contribuției în adeverință (art. 141 alin. (1))."
                    ] = None
                else:
                    amount = cap.lei
                    capped_months += 1
                    cap_article = f"{rule.cap_article}; {cap.act}"
                    if (cap.lei, cap.currency) not in caps:
                        caps.append((cap.lei, cap.currency))
                    if cap.status == "forum":
                        cap_notes[
                            f"Plafonul bazei de contribuție de {ro.number(cap.lei)} "
                            f"{CURRENCIES[cap.currency]} ({cap.multiple} × câștigul salarial "
                            f"mediu, {cap.act}) vine dintr-o sursă neoficială "
                            f"({cap.source.split('/')[2]}); verificați-l."
                        ] = None
            score = rules.round(amount / divisor.lei)
            if rule.floor and score < one:
                score = one
                floor_months += 1
            if supplementary_fund and rule.supplementary is not None:
                increase = rules.round(score * rule.supplementary.percent / 100)
                supplementary += increase
                score += increase
                entry = (rule.supplementary.percent, rule.supplementary.article)
                if entry not in percents:
                    percents.append(entry)
            in_pillar2 = (
                (year, month) in pillar2_member_months
                if pillar2_member_months is not None
                else pillar2_start is not None and (year, month) >= pillar2_start
            )
            if in_pillar2:
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
                rules.round(supplementary / 12),
                tuple(percents),
                one_point_months,
                floor_months,
                "; ".join(
                    article
                    for article, used in (
                        (rules.one_point_article, one_point_months),
                        (rules.floor_article, floor_months),
                    )
                    if used
                ),
                capped_months,
                tuple(caps),
                cap_article,
            )
        )
    if missing:
        raise missing_span_error("income", missing)
    if future:
        raise future[0]
    if notes is not None:
        notes.extend(cap_notes)
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
