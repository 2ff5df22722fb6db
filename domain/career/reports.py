"""The rows of the four career reports, from a person's record (`domain.career.record`).

One table per report, with display-ready Romanian strings, so that the PDF and the CSV show the
same rows: `report_table(kind, record, today=, birth_date=, sex=)`.

- `stagii_lunare`: each month since April 2001 and each employer, with the days, the gross
  insured income, the working conditions and Pillar II; a month without any contribution up to
  the day the record is current to is a row of its own, "nicio contribuție declarată".
- `stagii_anuale`: the days insured each year, the months with income, the income and where
  they come from (declarations, work book), as the career page counts them
  (`domain.career.summary`), and the days of the assimilated periods apart.
- `carnet_munca`: the work-book entries before April 2001, then the assimilated periods.
- `puncte_anuale`: the career page's year table (`domain.career.summary.summarise`, the one
  place the points are computed): days, income, points, the divisor with its source and article,
  Pillar II, and under a year whose INS monthly divisors differ, each month's divisor.

The two yearly reports need the summary, hence the person's birth date and sex (the age is not
in the reports, but the summary is one calculation, the page's).
"""

import hashlib
import re
import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from domain import ro
from domain.career import summary as summary_rules
from domain.career.record import CareerRecord, WorkBookEntry
from domain.career.summary import CareerSummary, YearLine, summarise

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
    # A line under a row (by index), across the table: the INS monthly divisors of a year.
    details: dict[int, str] = field(default_factory=dict)


def report_table(
    kind: str,
    record: CareerRecord,
    *,
    today: date | None = None,
    birth_date: date | None = None,
    sex: str | None = None,
) -> ReportTable:
    today = today or ro.today()
    if kind in (MONTHLY, WORK_BOOK):
        return (_monthly if kind == MONTHLY else _work_book)(record, today)
    if kind in (ANNUAL, POINTS):
        summary = summarise(record, birth_date, sex, today)
        return (_annual if kind == ANNUAL else _points)(record, summary)
    raise ValueError(f"Unknown report kind {kind!r}")


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


def _annual(record: CareerRecord, summary: CareerSummary) -> ReportTable:
    assimilated: dict[int, int] = defaultdict(int)
    for period in record.assimilated:
        for year, count in _days_per_year(period.start, period.end):
            assimilated[year] += count
    lines = {line.year: line for line in summary.years}
    rows = []
    gaps = set()
    for year in sorted(set(lines) | set(assimilated)):
        line = lines.get(year)
        other = ro.number(assimilated[year]) if year in assimilated else EMPTY
        if line is None or line.gap:
            if line is not None:
                gaps.add(len(rows))
            rows.append((str(year), NO_CONTRIBUTION if line else EMPTY, *(EMPTY,) * 4, other))
            continue
        rows.append(
            (
                str(year),
                ro.number(line.days),
                str(line.months) if line.months else EMPTY,
                _income(line),
                line.origin or EMPTY,
                str(line.special_months) if line.special_months else EMPTY,
                other,
            )
        )
    return ReportTable(
        ANNUAL,
        KINDS[ANNUAL],
        (
            "Anul",
            "Zile de stagiu",
            "Luni cu venit",
            "Venit brut asigurat",
            "Din",
            "Luni în condiții deosebite sau speciale",
            "Zile în perioade asimilate",
        ),
        tuple(rows),
        frozenset(gaps),
        totals=(
            ("Stagiu de cotizare", str(summary.contributory_stage)),
            ("Zile de stagiu", ro.number(summary.total_days)),
            ("Zile în perioade asimilate", ro.number(sum(assimilated.values()))),
        ),
        notes=(
            "Zilele unei luni cu mai mulți angajatori se adună până la zilele lunii; din aprilie "
            "2001 declarațiile lunare țin locul carnetului de muncă.",
            "Sumele de până în iunie 2005 sunt în lei vechi (10.000 lei vechi = 1 leu).",
        ),
    )


def _income(line: YearLine) -> str:
    return f"{ro.number(line.income, 2)} {line.currency}" if line.months else EMPTY


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
            summary_rules.ASSIMILATED_LABELS.get(period.kind, period.kind),
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

STATUS_LABELS = {
    summary_rules.COMPUTED: "calculat după lege",
    summary_rules.DECIDED: "decizie",
    summary_rules.TO_SETTLE: "de stabilit",
    summary_rules.EMPTY: NO_CONTRIBUTION,
}


def _points(record: CareerRecord, summary: CareerSummary) -> ReportTable:
    rows = []
    gaps = set()
    details = {}
    for line in summary.years:
        if line.points is None:
            gaps.add(len(rows))
        monthly = [month for d in line.divisors for month in d.monthly]
        if monthly:
            details[len(rows)] = "Împărțitorii lunari (INS): " + "; ".join(monthly)
        rows.append(
            (
                str(line.year),
                ro.number(line.days) if line.days else EMPTY,
                _income(line),
                ro.number(line.points, 5) if line.points is not None else EMPTY,
                line.divisor_text or line.note or EMPTY,
                line.basis or EMPTY,
                line.pillar2 or EMPTY,
                line.decision or STATUS_LABELS[line.status],
            )
        )
    unsettled = [str(year) for year in summary.unsettled_years]
    notes = [
        "Punctajul anual este suma punctajelor lunare împărțită la 12 (Legea nr. 360/2023, "
        "art. 85); punctajul lunar este venitul brut împărțit la câștigul salarial mediu al "
        "lunii sau al anului. Sunt aceleași cifre ca în pagina Cariera de asigurat din cont.",
        "Sporurile pentru condiții deosebite sau speciale și perioadele asimilate nu sunt "
        "incluse în acest punctaj; casa de pensii le adaugă la stabilirea pensiei.",
        "Sumele de până în iunie 2005 sunt în lei vechi (10.000 lei vechi = 1 leu).",
    ]
    if unsettled:
        notes.append(
            f"Pentru {ro.and_list(unsettled)} punctajul nu se poate calcula din datele din "
            "evidență; cereți la casa de pensii raportul de stagiu cu punctajul acelor ani."
        )
    return ReportTable(
        POINTS,
        KINDS[POINTS],
        (
            "Anul",
            "Zile",
            "Venit brut",
            "Punctaj anual",
            "Împărțitorul și sursa lui",
            "Temeiul",
            "Pilonul II",
            "Sursa",
        ),
        tuple(rows),
        frozenset(gaps),
        totals=(
            ("Ani cu punctaj", str(sum(1 for line in summary.years if line.points is not None))),
            ("Total puncte", ro.number(summary.year_points, 5)),
        ),
        notes=tuple(notes),
        details=details,
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


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months(first: date, last: date) -> Iterator[date]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _days_per_year(start: date, end: date) -> Iterator[tuple[int, int]]:
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        yield year, (last - first).days + 1
