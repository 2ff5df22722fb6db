"""The rows of the four career reports, from a person's record (`domain.career.record`).

One table per report, with display-ready Romanian strings, so that the PDF and the CSV show the
same rows: `report_table(kind, record)`.

- `stagii_lunare`: each month since April 2001 and each employer, with the days, the gross
  insured income, the working conditions and Pillar II; a month without any contribution up to
  the day the record is current to is a row of its own, "nicio contribuție declarată".
- `stagii_anuale`: the days insured each year (monthly records, work book and assimilated
  periods counted apart), the months and the income declared.
- `carnet_munca`: the work-book entries before April 2001, then the assimilated periods.
- `puncte_anuale`: the annual points of each year, the divisor the income was divided by and
  the article: from the law's rules (`domain.pension.scores`), or the points already established
  by a decision where there is one. `annual_points` is the one place that computes them; the
  career summary (domain/career/summary.py) can take its place when it exists.
"""

import calendar
import hashlib
import re
import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from domain import ro
from domain.career.record import CareerRecord, WorkBookEntry
from domain.pension.errors import PensionInputError
from domain.pension.periods import YearMonth
from domain.pension.scores import AnnualScore, ScoreRules, annual_scores

MONTHLY = "stagii_lunare"
ANNUAL = "stagii_anuale"
WORK_BOOK = "carnet_munca"
POINTS = "puncte_anuale"
KINDS = {
    MONTHLY: "Stagiul de cotizare lunar, din aprilie 2001",
    ANNUAL: "Stagiul de cotizare pe ani",
    WORK_BOOK: "Informațiile din carnetul de muncă",
    POINTS: "Punctajul pe ani, cu împărțitorii folosiți",
}
# Monthly records start with the register (Law 19/2000 in force from 1 April 2001).
MONTHLY_FROM = date(2001, 4, 1)
# The report numbers: RC-2026-000123 (domain/references.py's format, webapp/references.py's counter).
REPORT_PREFIX = "RC"
NO_CONTRIBUTION = "nicio contribuție declarată"
EMPTY = "—"

CONDITION_LABELS = {"normale": "normale", "deosebite": "deosebite", "speciale": "speciale"}
ASSIMILATED_LABELS = {
    "serviciu_militar": "Serviciul militar",
    "studii_universitare": "Studii universitare",
    "crestere_copil": "Concediu pentru creșterea copilului",
    "concediu_medical": "Concediu medical",
    "somaj": "Șomaj",
}
PAY_UNIT_LABELS = {"luna": "lunar", "zi": "pe zi", "ora": "pe oră"}


@dataclass(frozen=True, slots=True)
class ReportTable:
    kind: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Rows that are gaps ("nicio contribuție declarată"), by index, for the PDF to show apart.
    gaps: frozenset[int] = frozenset()
    totals: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    # A second table (the work book's assimilated periods), same shape, or None.
    extra_title: str = ""
    extra_columns: tuple[str, ...] = ()
    extra_rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def report_table(kind: str, record: CareerRecord, *, today: date | None = None) -> ReportTable:
    builders = {
        MONTHLY: _monthly,
        ANNUAL: _annual,
        WORK_BOOK: _work_book,
        POINTS: _points,
    }
    if kind not in builders:
        raise ValueError(f"Unknown report kind {kind!r}")
    return builders[kind](record, today or ro.today())


# --- monthly stages ---------------------------------------------------------------------------


def _monthly(record: CareerRecord, today: date) -> ReportTable:
    by_month = defaultdict(list)
    for row in record.monthly:
        by_month[row.month].append(row)
    last = _month_start(record.current_to or today)
    if by_month:
        last = max(last, max(by_month))
    rows: list[tuple[str, ...]] = []
    gaps: set[int] = set()
    days = 0
    for month in _months(MONTHLY_FROM, last) if by_month else ():
        found = by_month.get(month)
        if not found:
            gaps.add(len(rows))
            rows.append((_month_label(month), NO_CONTRIBUTION, EMPTY, EMPTY, EMPTY, EMPTY))
            continue
        for row in sorted(found, key=lambda r: r.employer_cui):
            days += row.days
            rows.append(
                (
                    _month_label(month),
                    f"{row.employer_name} (CUI {row.employer_cui})",
                    str(row.days),
                    ro.number(row.gross_income, 2),
                    CONDITION_LABELS.get(row.conditions, row.conditions),
                    "da" if row.pillar2 else "nu",
                )
            )
    months_with = len(by_month)
    return ReportTable(
        MONTHLY,
        KINDS[MONTHLY],
        ("Luna", "Angajatorul", "Zile", "Venit brut asigurat (lei)", "Condiții", "Pilonul II"),
        tuple(rows),
        frozenset(gaps),
        totals=(
            ("Luni cu contribuții", str(months_with)),
            ("Luni fără contribuții declarate", str(len(gaps))),
            ("Zile de stagiu declarate", ro.number(days)),
        ),
        notes=() if rows else ("Nu există declarații lunare în evidență.",),
    )


# --- annual stages ----------------------------------------------------------------------------


def _annual(record: CareerRecord, today: date) -> ReportTable:
    declared: dict[int, int] = defaultdict(int)
    months: dict[int, set[date]] = defaultdict(set)
    income: dict[int, Decimal] = defaultdict(Decimal)
    special: dict[int, set[date]] = defaultdict(set)
    for row in record.monthly:
        year = row.month.year
        declared[year] += row.days
        months[year].add(row.month)
        income[year] += row.gross_income
        if row.conditions != "normale":
            special[year].add(row.month)
    book: dict[int, int] = defaultdict(int)
    for entry in record.work_book:
        for year, count in _days_per_year(entry.start, entry.end):
            book[year] += count
    assimilated: dict[int, int] = defaultdict(int)
    for period in record.assimilated:
        for year, count in _days_per_year(period.start, period.end):
            assimilated[year] += count
    years = sorted(set(declared) | set(book) | set(assimilated))
    rows = []
    for year in years:
        rows.append(
            (
                str(year),
                ro.number(declared[year]) if year in declared else EMPTY,
                str(len(months[year])) if year in months else EMPTY,
                ro.number(income[year], 2) if year in income else EMPTY,
                str(len(special[year])) if special.get(year) else EMPTY,
                ro.number(book[year]) if year in book else EMPTY,
                ro.number(assimilated[year]) if year in assimilated else EMPTY,
            )
        )
    return ReportTable(
        ANNUAL,
        KINDS[ANNUAL],
        (
            "Anul",
            "Zile declarate lunar",
            "Luni cu contribuții",
            "Venit brut asigurat (lei)",
            "Luni în condiții deosebite sau speciale",
            "Zile din carnetul de muncă",
            "Zile în perioade asimilate",
        ),
        tuple(rows),
        totals=(
            ("Zile declarate lunar", ro.number(sum(declared.values()))),
            ("Zile din carnetul de muncă", ro.number(sum(book.values()))),
            ("Zile în perioade asimilate", ro.number(sum(assimilated.values()))),
        ),
        notes=(
            "Zilele din carnetul de muncă sunt zilele calendaristice ale perioadelor înscrise.",
        ),
    )


# --- work book --------------------------------------------------------------------------------


def _work_book(record: CareerRecord, today: date) -> ReportTable:
    rows = []
    for entry in record.work_book:
        salary = f"{ro.number(entry.salary, 2)} ({entry.salary_kind}, {_pay_unit(entry)})"
        rows.append(
            (
                entry.employer,
                ro.short_date(entry.start),
                ro.short_date(entry.end),
                entry.function,
                salary,
                f"grupa {entry.group}" if entry.group else EMPTY,
                str(entry.hours_or_days) if entry.hours_or_days is not None else EMPTY,
            )
        )
    extra = tuple(
        (
            ASSIMILATED_LABELS.get(period.kind, period.kind),
            ro.short_date(period.start),
            ro.short_date(period.end),
            period.document,
        )
        for period in record.assimilated
    )
    return ReportTable(
        WORK_BOOK,
        KINDS[WORK_BOOK],
        (
            "Angajatorul",
            "De la",
            "Până la",
            "Funcția",
            "Salariul",
            "Grupa de muncă",
            "Ore sau zile",
        ),
        tuple(rows),
        totals=(
            ("Înscrieri în carnetul de muncă", str(len(rows))),
            ("Perioade asimilate", str(len(extra))),
        ),
        notes=(
            "Salariile sunt cele înscrise în carnet, în moneda vremii (lei vechi înainte de "
            "iulie 2005).",
        ),
        extra_title="Perioade asimilate stagiului de cotizare",
        extra_columns=("Perioada", "De la", "Până la", "Documentul"),
        extra_rows=extra,
    )


def _pay_unit(entry: WorkBookEntry) -> str:
    return PAY_UNIT_LABELS.get(entry.pay_unit, entry.pay_unit)


# --- points per year --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearPoints:
    year: int
    months: int  # months with income
    points: Decimal | None  # None: not computable (no divisor in the data, no decision)
    divisor: str  # what the income was divided by, or why there are no points
    article: str
    source: str  # "calculat", "decizie" or "necalculabil"
    decision: str = ""


def annual_points(record: CareerRecord, *, today: date) -> list[YearPoints]:
    """The points of every year with income or a decision, in order.

    The monthly income is the sum of the month's declarations since April 2001 and, before,
    the work-book salary (a monthly one, or a daily or hourly one times the days or hours the
    book records), prorated to the days of the month the entry covers. A year whose points a
    decision established takes them from the decision.
    """
    income, unknown = monthly_income(record)
    pillar2 = [row.month for row in record.monthly if row.pillar2]
    pillar2_from = YearMonth(min(pillar2).year, min(pillar2).month) if pillar2 else None
    rules = ScoreRules.on(today)
    decided = {row.year: row for row in record.decided}
    by_year: dict[int, dict[tuple[int, int], Decimal]] = defaultdict(dict)
    for key, amount in income.items():
        by_year[key[0]][key] = amount
    result = []
    for year in sorted(set(by_year) | set(decided) | unknown):
        months = len(by_year.get(year, ()))
        if year in decided:
            row = decided[year]
            result.append(
                YearPoints(
                    year,
                    months,
                    row.points,
                    "stabilit prin decizie",
                    "",
                    "decizie",
                    row.decision,
                )
            )
            continue
        if year not in by_year:
            result.append(
                YearPoints(
                    year,
                    0,
                    None,
                    "carnetul nu arată salariul lunar (lipsesc zilele sau orele)",
                    "",
                    "necalculabil",
                )
            )
            continue
        try:
            (score,) = annual_scores(rules, by_year[year], pillar2_from)
        except PensionInputError:
            result.append(
                YearPoints(
                    year,
                    months,
                    None,
                    "lipsește din datele noastre câștigul salarial mediu al unor luni",
                    "",
                    "necalculabil",
                )
            )
            continue
        result.append(
            YearPoints(year, months, score.score, _divisor_text(score), score.article, "calculat")
        )
    return result


def monthly_income(record: CareerRecord) -> tuple[dict[tuple[int, int], Decimal], set[int]]:
    """Income per (year, month), and the years of work-book entries whose pay cannot be read."""
    income: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    unknown: set[int] = set()
    for entry in record.work_book:
        monthly = _monthly_salary(entry)
        if monthly is None:
            unknown.update(range(entry.start.year, entry.end.year + 1))
            continue
        for month, share in _month_shares(entry.start, min(entry.end, MONTHLY_FROM - _DAY)):
            income[month.year, month.month] += (monthly * share).quantize(Decimal("0.01"))
    for row in record.monthly:
        income[row.month.year, row.month.month] += row.gross_income
    return dict(income), unknown - {year for year, _ in income}


def _monthly_salary(entry: WorkBookEntry) -> Decimal | None:
    if entry.pay_unit == "luna":
        return entry.salary
    if entry.hours_or_days:
        return entry.salary * entry.hours_or_days
    return None


def _divisor_text(score: AnnualScore) -> str:
    names = []
    for divisor in score.divisors:
        name = divisor.group or divisor.description
        if name not in names:
            names.append(name)
    text = " / ".join(names)
    if score.pillar2_months:
        factors = ", ".join(ro.number(factor) for factor in score.pillar2_factors)
        text += (
            f"; corecție Pilonul II × {factors} în {ro.count(score.pillar2_months, 'lună', 'luni')}"
        )
    return text


def _points(record: CareerRecord, today: date) -> ReportTable:
    years = annual_points(record, today=today)
    rows = []
    total = Decimal(0)
    for item in years:
        if item.points is not None:
            total += item.points
        source = {
            "calculat": "calculat după lege",
            "decizie": f"decizia {item.decision}",
            "necalculabil": "nu se poate calcula",
        }[item.source]
        rows.append(
            (
                str(item.year),
                str(item.months) if item.months else EMPTY,
                ro.number(item.points, 5) if item.points is not None else EMPTY,
                item.divisor,
                item.article or EMPTY,
                source,
            )
        )
    missing = [str(item.year) for item in years if item.points is None]
    notes = [
        "Punctajul anual este suma punctajelor lunare împărțită la 12 (Legea nr. 360/2023, "
        "art. 85); punctajul lunar este venitul brut împărțit la câștigul salarial mediu al "
        "lunii sau al anului.",
        "Sporurile pentru condiții deosebite sau speciale și perioadele asimilate nu sunt "
        "incluse în acest punctaj; casa de pensii le adaugă la stabilirea pensiei.",
    ]
    if missing:
        notes.append(
            f"Pentru {ro.and_list(missing)} punctajul nu se poate calcula din datele din "
            "evidență; cereți la casa de pensii raportul de stagiu cu punctajul acelor ani."
        )
    return ReportTable(
        POINTS,
        KINDS[POINTS],
        ("Anul", "Luni cu venit", "Punctaj anual", "Împărțitorul", "Temeiul", "Sursa"),
        tuple(rows),
        frozenset(i for i, item in enumerate(years) if item.points is None),
        totals=(
            ("Ani cu punctaj", str(len(years) - len(missing))),
            ("Total puncte", ro.number(total, 5)),
        ),
        notes=tuple(notes),
    )


# --- verification codes ---------------------------------------------------------------------

# Crockford's base 32: no I, L, O or U, so nothing read off paper is ambiguous. 20 characters
# are 100 random bits: guessing one of even millions of codes is hopeless, and /verificare is
# rate limited besides.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_code() -> str:
    """A fresh verification code, K7QD-M2XP-9HTA-CW4R-ZB6N."""
    return _grouped("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def normalise_code(text: str | None) -> str | None:
    """The code as printed, from what a person typed or a scanner read (any case, spaces or
    dashes or none, O for 0, I or L for 1); None when it cannot be a code."""
    compact = re.sub(r"[^0-9A-Za-z]", "", text or "").upper().translate(_READ_AS)
    if len(compact) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in compact):
        return None
    return _grouped(compact)


def code_hash(code: str) -> str:
    """What is stored: the SHA-256 of the normalised code (the code itself is only on paper)."""
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def _grouped(compact: str) -> str:
    return "-".join(compact[i : i + 4] for i in range(0, len(compact), 4))


# --- dates ------------------------------------------------------------------------------------


@cache
def _month_label(month: date) -> str:
    # Babel's formatting is the slow part of a 300-month table; a month is named once.
    return ro.month(month)


_DAY = timedelta(days=1)


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months(first: date, last: date) -> Iterator[date]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month_shares(start: date, end: date) -> Iterator[tuple[date, Decimal]]:
    """Each month the period touches, with the share of its days the period covers."""
    for month in _months(start, end) if start <= end else ():
        length = calendar.monthrange(month.year, month.month)[1]
        first = max(start, month)
        last = min(end, month.replace(day=length))
        covered = (last - first).days + 1
        yield month, Decimal(1) if covered == length else Decimal(covered) / Decimal(length)


def _days_per_year(start: date, end: date) -> Iterator[tuple[int, int]]:
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        yield year, (last - first).days + 1
