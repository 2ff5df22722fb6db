"""Rules for the months before Law 360/2023: the data they use, and the spans they refuse.

- INS monthly average (art. 142(1), Annex 7's header "1991-2010: Salariul mediu brut lunar
  comunicat de INS; 2011-2023: Câștigul salarial mediu brut lunar comunicat de INS"): the divisor
  of a month from 1991 to August 2024 (``ins_average_wage_monthly.csv``). Rows rated
  ``uncertain`` are used and the line says so.
- The contribution cap 2001-2017 (art. 85(7), 141(1): the income that *was the base* of the
  contribution): ``contribution_cap.csv``, per period, with its act and source. Rows rated
  ``unknown`` (3 × or 5 × not settled) do not cap; an income above the lower figure gets a note.
- Art. 143: the supplementary pension fund increase, a percentage of each monthly score from
  income in 1967-2001 (``supplementary_pension_fund.csv``). The law's last period is "după 1
  februarie 1999" without an end; the table ends it on 31 March 2001, when Law 19/2000 replaced
  the fund (from 1 April 2001 the score uses the contribution base of art. 141).
- Art. 136(3): one point a month before 1 September 1947 whatever the wage; at least one point a
  month from 1 September 1947 to 31 December 1962 (``one_point_until`` / ``one_point_floor_until``
  in rules.csv).
- Studies and military service (art. 14(1) a, b): before 1 April 2001 the monthly score is the
  minimum wage of the month (Annex 8, ``minimum_wage_annex8.csv``; the 1949 figure before 1949,
  art. 139(7)) ÷ the average of the month (art. 138(2)); from 1 April 2001 0.25 (art. 138(5),
  then art. 86(2)). One line per period and rule, each month's score rounded, each calendar
  year's sum ÷ 12 rounded (art. 85(2), (11)).
- A month with no divisor (or no readable minimum wage) is refused in one message for the whole
  span, asking for those years' annual points (``missing_span_error``).
"""

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.lines import POINTS, Line
from domain.pension.periods import YearMonth
from domain.pension.tables import DATA, Dated, Timeline, first_data_year, law_in_force, parameter

if TYPE_CHECKING:
    from domain.pension.scores import ScoreRules

# --- data ------------------------------------------------------------------------------------


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class InsWage:
    lei: Decimal
    status: str
    source: str
    article: str

    @property
    def uncertain(self) -> bool:
        return self.status.startswith("uncertain")


@cache
def ins_monthly() -> dict[tuple[int, int], InsWage]:
    """INS average gross wage by (year, month)."""
    found = {}
    for row in _read("ins_average_wage_monthly.csv"):
        year, month = row["month"].split("-")
        found[int(year), int(month)] = InsWage(
            Decimal(row["gross_lei"]), row["status"], row["source"], row["article"]
        )
    return found


@dataclass(frozen=True, slots=True)
class MinimumWage:
    amount: Decimal | None  # None: the row could not be read
    currency: str
    act: str


@cache
def minimum_wages() -> Timeline[MinimumWage]:
    rows = _read("minimum_wage_annex8.csv")
    starts = [date.fromisoformat(row["effective_from"]) for row in rows]
    dated = []
    for position, row in enumerate(rows):
        readable = row["status"] == "annex8"
        until = None
        if position + 1 < len(rows):
            following = starts[position + 1]
            until = date.fromordinal(following.toordinal() - 1)
        dated.append(
            Dated(
                starts[position],
                until,
                MinimumWage(
                    Decimal(row["amount"]) if readable else None, row["currency"], row["act"]
                ),
                row["article"],
            )
        )
    return Timeline(dated)


@dataclass(frozen=True, slots=True)
class Cap:
    lei: Decimal | None
    currency: str
    multiple: str
    status: str  # forum, cjp: known; unknown: not settled; none: no cap
    act: str
    source: str


@cache
def contribution_caps() -> Timeline[Cap]:
    return Timeline(
        Dated(
            date.fromisoformat(row["from"]),
            _day(row["to"]),
            Cap(
                Decimal(row["cap"]) if row["cap"] else None,
                row["currency"],
                row["multiple"],
                row["status"],
                row["act"],
                row["source"],
            ),
            row["article"],
        )
        for row in _read("contribution_cap.csv")
    )


@dataclass(frozen=True, slots=True)
class Supplementary:
    percent: Decimal
    article: str


@cache
def _supplementary_rows() -> tuple[tuple[str, Timeline[Decimal]], ...]:
    grouped: dict[str, list[Dated[Decimal]]] = defaultdict(list)
    for row in _read("supplementary_pension_fund.csv"):
        grouped[row["contribution_percent"]].append(
            Dated(
                date.fromisoformat(row["from"]),
                _day(row["to"]),
                Decimal(row["percent"]),
                row["article"],
            )
        )
    return tuple((name, Timeline(rows)) for name, rows in grouped.items())


def supplementary_increase(day: date, four_percent: bool) -> Supplementary | None:
    """The art. 143 percentage for a month; the 4 % contributors' rows first (art. 143(2))."""
    timelines = dict(_supplementary_rows())
    names = ("4", "2-5") if four_percent else ("2-5",)
    for name in names:
        row = timelines[name].at(day)
        if row is not None:
            return Supplementary(row.value, row.article)
    return None


# --- spans without data ----------------------------------------------------------------------


def month_spans(months: Iterable[tuple[int, int]]) -> str:
    """``1995–2011, 2013-03–2013-05``: consecutive months joined; a run's ends by their year
    when it starts in January or ends in December."""
    ordered = sorted(set(months))
    runs: list[list[tuple[int, int]]] = []
    for year, month in ordered:
        index = year * 12 + month - 1
        if runs and runs[-1][1][0] * 12 + runs[-1][1][1] - 1 == index - 1:
            runs[-1][1] = (year, month)
        else:
            runs.append([(year, month), (year, month)])
    texts = []
    for (first_year, first_month), (last_year, last_month) in runs:
        begin = str(first_year) if first_month == 1 else f"{first_year}-{first_month:02d}"
        end = str(last_year) if last_month == 12 else f"{last_year}-{last_month:02d}"
        if first_year == last_year and begin != end:  # part of one year: months at both ends
            begin, end = f"{first_year}-{first_month:02d}", f"{last_year}-{last_month:02d}"
        texts.append(begin if begin == end else f"{begin}–{end}")
    return ", ".join(texts)


def years_without_divisor() -> tuple[int, ...]:
    """Years from 1991 to August 2024 with at least one month the INS data lacks."""
    known = ins_monthly()
    until = law_in_force()
    first = int(parameter("ins_monthly_from", until).value[:4])
    return tuple(
        year
        for year in range(first, until.year + 1)
        if any((year, month) not in known for month in range(1, 13) if date(year, month, 1) < until)
    )


def missing_span_error(parameter_name: str, months: Iterable[tuple[int, int]]) -> PensionInputError:
    spans = month_spans(months)
    return PensionInputError(
        parameter_name,
        f"Pentru {spans} nu avem câștigul salarial mediu lunar cu care se împarte venitul "
        f"(art. 142 alin. (1), anexa nr. 7); introduceți punctajul anual al acelor ani din "
        f"adeverința sau raportul de stagiu de la casa de pensii (CNPP), la „puncte”, în locul "
        f"venitului.",
    )


# --- assimilated periods with dates (art. 138(2), (5); art. 86(2)) ---------------------------


@dataclass(frozen=True, order=True, slots=True)
class MonthRange:
    """Months from ``first`` to ``last``, both included (studies or military service)."""

    first: YearMonth
    last: YearMonth

    def __str__(self) -> str:
        return f"{self.first}..{self.last}"

    def months(self) -> Iterable[tuple[int, int]]:
        for index in range(self.first.index, self.last.index + 1):
            year, month0 = divmod(index, 12)
            yield year, month0 + 1


PERIOD_PARAMETER = "assimilated_period"
MAX_PERIODS = 20


def _check_periods(
    periods: object, income: Mapping[tuple[int, int], Decimal], start: date
) -> tuple[MonthRange, ...]:
    if not isinstance(periods, tuple | list):
        raise PensionInputError(PERIOD_PARAMETER, "Perioadele asimilate trebuie date ca listă.")
    if len(periods) > MAX_PERIODS:
        raise PensionInputError(
            PERIOD_PARAMETER, f"Se acceptă cel mult {MAX_PERIODS} perioade asimilate."
        )
    seen: set[tuple[int, int]] = set()
    first_year = first_data_year()
    for period in periods:
        if not isinstance(period, MonthRange) or not all(
            isinstance(end, YearMonth) and 1 <= end.month <= 12
            for end in (period.first, period.last)
        ):
            raise PensionInputError(PERIOD_PARAMETER, "O perioadă se scrie AAAA-LL..AAAA-LL.")
        if period.last < period.first:
            raise PensionInputError(
                PERIOD_PARAMETER, f"Perioada {period}: sfârșitul este înaintea începutului."
            )
        if period.first.year < first_year:
            raise PensionInputError(
                PERIOD_PARAMETER,
                f"Perioada {period}: calculul acceptă luni din {first_year} încoace.",
            )
        if (period.last.year, period.last.month) > (start.year, start.month):
            raise PensionInputError(
                PERIOD_PARAMETER,
                f"Perioada {period} se termină după data de început a pensiei "
                f"({ro.short_date(start)}).",
            )
        for when in period.months():
            if when in seen:
                raise PensionInputError(
                    PERIOD_PARAMETER, f"Luna {when[0]}-{when[1]:02d} apare în două perioade."
                )
            if when in income:
                # art. 14(3): an assimilated period counts only where no contribution was due.
                raise PensionInputError(
                    PERIOD_PARAMETER,
                    f"Luna {when[0]}-{when[1]:02d} are și venit, și perioadă asimilată; o perioadă "
                    f"asimilată contează doar în lunile fără contribuție (art. 14 alin. (3)).",
                )
            seen.add(when)
    return tuple(sorted(periods))


def assimilated_period_lines(
    rules: "ScoreRules", periods: object, income: Mapping[tuple[int, int], Decimal], start: date
) -> list[Line]:
    """Lines for studies and military service given with their dates."""
    checked = _check_periods(periods, income, start)
    if not checked:
        return []
    cutover = parameter("assimilated_minimum_wage_until", start)
    until = date.fromisoformat(cutover.value)
    lines: list[Line] = []
    missing: list[tuple[int, int]] = []
    for period in checked:
        before = [when for when in period.months() if date(*when, 1) <= until]
        after = [when for when in period.months() if date(*when, 1) > until]
        if before:
            line = _minimum_wage_line(rules, period, before, missing)
            if line is not None:
                lines.append(line)
        if after:
            lines.append(_quarter_line(rules, period, after, start))
    if missing:
        raise missing_span_error(PERIOD_PARAMETER, missing)
    return lines


def _minimum_wage_line(
    rules: "ScoreRules",
    period: MonthRange,
    months: list[tuple[int, int]],
    missing: list[tuple[int, int]],
) -> Line | None:
    first_minimum = minimum_wages().first
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    examples: list[str] = []
    articles = ["art. 138 alin. (2)", "art. 85 alin. (2), (11)"]
    for year, month in months:
        day = date(year, month, 1)
        row = minimum_wages().at(day) or (
            first_minimum if day < first_minimum.effective_from else None
        )
        try:
            divisor = rules.divisor(year, month)
        except PensionInputError:
            missing.append((year, month))
            continue
        if row is None or row.value.amount is None:
            missing.append((year, month))
            continue
        if row is first_minimum and day < first_minimum.effective_from:
            articles.append("art. 139 alin. (7)")
        score = rules.round(row.value.amount / divisor.lei)
        by_year[year] += score
        example = f"{ro.number(row.value.amount)} / {ro.number(divisor.lei)} lei"
        if example not in examples:
            examples.append(example)
        articles.extend(divisor.article.split("; "))
    if not by_year:
        return None
    value = sum((rules.round(total / 12) for total in by_year.values()), Decimal(0))
    shown = ", ".join(examples[:3]) + (", …" if len(examples) > 3 else "")
    label = (
        f"Studii sau serviciu militar {period}, înainte de 1 aprilie 2001: "
        f"{ro.count(len(months), 'lună', 'luni')}, fiecare cu salariul minim pe economie împărțit "
        f"la salariul mediu al lunii ({shown}), suma fiecărui an împărțită la 12"
    )
    article = "; ".join(dict.fromkeys([*articles, "anexa nr. 8"]))
    return Line(label, value, article, POINTS, law_in_force())


def _quarter_line(
    rules: "ScoreRules", period: MonthRange, months: list[tuple[int, int]], start: date
) -> Line:
    law = law_in_force()
    before_law = [when for when in months if date(*when, 1) < law]
    row = parameter("assimilated_monthly_score", start)
    monthly = Decimal(row.value)
    by_year: dict[int, int] = defaultdict(int)
    for year, _ in months:
        by_year[year] += 1
    value = sum((rules.round(monthly * count / 12) for count in by_year.values()), Decimal(0))
    articles = []
    if before_law:
        articles.append(parameter("assimilated_quarter_article", start).article)
    if len(before_law) < len(months):
        articles.append(row.article)
    article = "; ".join([*articles, "art. 85 alin. (2), (11)"])
    label = (
        f"Studii sau serviciu militar {period}, din 1 aprilie 2001: "
        f"{ro.count(len(months), 'lună', 'luni')} × {ro.number(monthly, 2)} puncte pe lună "
        f"(25 % din câștigul salarial mediu), suma fiecărui an împărțită la 12"
    )
    return Line(label, value, article, POINTS, row.effective_from)


def assimilated_example(year: int, month: int) -> tuple[Decimal, Decimal, Decimal] | None:
    """(minimum wage, average, monthly score) for a month before April 2001, for the info page."""
    from domain.pension.scores import ScoreRules  # scores imports this module

    rules = ScoreRules.on(law_in_force())
    row = minimum_wages().at(date(year, month, 1))
    if row is None or row.value.amount is None:
        return None
    try:
        divisor = rules.divisor(year, month)
    except PensionInputError:
        return None
    return row.value.amount, divisor.lei, rules.round(row.value.amount / divisor.lei)
