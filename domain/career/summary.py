"""What a career record adds up to: the stages, the standard age, and the points year by year.

Pure: a ``CareerRecord`` (plus the birth date and sex from the CNP or the account request) in,
a ``CareerSummary`` out. The points come from ``domain.pension``'s own rules
(``scores.annual_scores``, ``history.assimilated_period_lines``, ``scores.FixedScore``), never from
a second calculation here; the stage rules and the age from ``retirement``.

Readings applied here (each one a choice the law leaves to whoever reads the register):

- **Days of a month.** Several employers in one month add up, but never to more days than the
  month has. A month whose days are all insured counts as a whole month; the days of the
  incomplete months are added together and every 30 of them make a month, as the career report
  states a stage in years, months and days.
- **Income of a month.** The incomes of all employers in the month add up (the insured income of
  art. 141(1)); the contribution cap of the time is applied by ``annual_scores``.
- **Work book.** A period's monthly salary is the book's salary (× hours or days where the book
  records hourly or daily pay); a month the period only partly covers gets the salary in
  proportion to its days. The law divides the *net* salary by the net average from 1 July 1977 to
  1990 (art. 139(4)(b)) and the gross one otherwise: a book that records the other kind for a
  month leaves its year "de stabilit", as there is no honest way to turn one into the other.
- **A year is computed whole or not at all.** When a month of the year has no divisor in the
  data (the INS gaps 1991-2018) or its salary cannot be used, the year's points are "de stabilit"
  (to be taken from the decision or the career report), never a part-year figure.
- **Decided points** (a decision of the pension house) take precedence for their year.
- **Pillar II** (art. 85(12)): each month flagged in the register is corrected by its factor.
- **Art. 143**: the supplementary fund increase applies to 1967-2001 as the estimate's default
  (contributed at 2-5 %), as ``annual_scores`` does.
- **Gaps**: a calendar year between the first and the last year of the record with nothing
  declared is shown as a gap ("nicio contribuție declarată"), with no points.
- **Assimilated periods** (art. 14(1)): studies and military service (lit. a, b) count for the
  *stage* of art. 56 (``total_stage``), not for the complete contributory stage, and score per
  art. 138(2), (5) / art. 86(2); child care from 2006 (lit. e) counts for the complete stage
  (art. 47(4)) and scores 0.25 a month (art. 86(2)); social-insurance indemnities 2001-2005 and
  work-accident leave from 2005 (lit. c, d) count for the stage of art. 56, their points are not
  set by a rule table here ("de stabilit"); unemployment is contributory stage (art. 6(1)(e)),
  scored from the benefit declared month by month (art. 88(2)), so it adds stage only in months
  the declarations do not already cover.
"""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import cache

from domain import ro
from domain.career.record import CareerRecord, WorkBookEntry
from domain.pension.errors import PensionInputError
from domain.pension.history import MonthRange, assimilated_period_lines, ins_monthly
from domain.pension.periods import Span, Stage, YearMonth, completed_months
from domain.pension.retirement import RetirementResult, retirement
from domain.pension.scores import AnnualScore, FixedScore, ScoreRules, annual_scores
from domain.pension.tables import first_data_year, law_in_force

GAP = "nicio contribuție declarată"

# Status of a year's points.
COMPUTED = "calculat"
DECIDED = "decizie"
TO_SETTLE = "de stabilit"
EMPTY = "lipsă"

# Where a divisor comes from, by the kind of figure ``ScoreRules.divisor`` returns.
INS = "câștigul salarial mediu brut lunar comunicat de INS"
CSMB = "câștigul salarial mediu brut din legea bugetului asigurărilor sociale (CSMB)"
ANNEX7 = "salariul mediu anual din anexa nr. 7"

NO_BIRTH_DATE = "Fără data nașterii și sex nu putem calcula vârsta standard de pensionare."

MONTH_DAYS_PER_MONTH = 30  # the days of incomplete months that make one month of stage


@dataclass(frozen=True, slots=True)
class Divisor:
    description: str
    source: str
    article: str
    # The INS months' own divisors ("2019-01: 4.837 lei"), only where they differ in the year.
    monthly: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class YearLine:
    year: int
    days: int  # days insured in the year (contributory: declarations and work book)
    months: int  # months with income
    income: Decimal  # the incomes of the year added up, in the currency of the time
    # "lei", "lei vechi" (ROL, before 1 July 2005), or for 2005 the total in lei with the first
    # half's old lei divided by 10,000 (said in the text).
    currency: str
    points: Decimal | None
    status: str  # COMPUTED, DECIDED, TO_SETTLE, EMPTY
    origin: str  # "declarații lunare", "carnet de muncă", both, or ""
    divisors: tuple[Divisor, ...] = ()
    article: str = ""
    pillar2: str = ""  # "× 0,85 în 12 luni"
    supplementary: Decimal = Decimal(0)  # art. 143, included in ``points``
    decision: str = ""
    note: str = ""
    special_months: int = 0  # months in "deosebite" or special conditions

    @property
    def gap(self) -> bool:
        return self.status == EMPTY

    @property
    def divisor_text(self) -> str:
        """The divisors with their source, as the page and the points report show them."""
        return "; ".join(f"{d.source}: {d.description}" for d in self.divisors)

    @property
    def basis(self) -> str:
        """The article of the year's points, with the art. 143 increase where there is one."""
        if not self.article or not self.supplementary:
            return self.article
        return f"{self.article}; art. 143: +{ro.number(self.supplementary, 5)}"


@dataclass(frozen=True, slots=True)
class AssimilatedLine:
    kind: str
    label: str
    start: date
    end: date
    document: str
    stage: Stage
    counts_for: str
    article: str
    points: Decimal | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class ExtraLine:
    """Extra points for months in special / "deosebite" conditions (art. 88)."""

    label: str
    months: int
    points: Decimal
    article: str


@dataclass(frozen=True)
class CareerSummary:
    cnp: str
    current_to: date | None
    birth_date: date | None
    sex: str | None
    contributory_stage: Stage
    work_book_stage: Stage  # part of the contributory stage
    monthly_stage: Stage  # part of the contributory stage
    unemployment_stage: Stage  # part of the contributory stage
    child_care_months: int  # from 2006, added for the complete stage (art. 47(4))
    assimilated_stage: Stage  # studies, military, indemnities: the stage of art. 56
    special_months: int
    deosebite_months: int
    pillar2_from: YearMonth | None
    years: tuple[YearLine, ...]
    assimilated: tuple[AssimilatedLine, ...]
    extra: tuple[ExtraLine, ...]
    retirement: RetirementResult | None
    retirement_error: str
    stage_needed: Stage | None  # None: the complete stage is reached
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The income of each (year, month), all employers together: what the calculator is given.
    incomes: dict[tuple[int, int], Decimal] = field(default_factory=dict, repr=False)

    @property
    def year_points(self) -> Decimal:
        return sum((line.points for line in self.years if line.points is not None), Decimal(0))

    @property
    def assimilated_points(self) -> Decimal:
        return sum(
            (line.points for line in self.assimilated if line.points is not None), Decimal(0)
        )

    @property
    def extra_points(self) -> Decimal:
        return sum((line.points for line in self.extra), Decimal(0))

    @property
    def points_so_far(self) -> Decimal:
        return self.year_points + self.assimilated_points + self.extra_points

    @property
    def total_days(self) -> int:
        return sum(line.days for line in self.years)

    @property
    def total_income_by_currency(self) -> dict[str, Decimal]:
        found: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.years:
            if line.months:
                found["lei" if line.currency.startswith("lei (") else line.currency] += line.income
        return dict(found)

    @property
    def unsettled_years(self) -> tuple[int, ...]:
        return tuple(line.year for line in self.years if line.status == TO_SETTLE)

    @property
    def gap_years(self) -> tuple[int, ...]:
        return tuple(line.year for line in self.years if line.gap)


# --- months and days ---------------------------------------------------------------------------


@cache
def month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def stage_of(days_by_month: dict[tuple[int, int], int]) -> Stage:
    """Whole months where every day is insured; the other days added, 30 to a month."""
    whole = 0
    loose = 0
    for (year, month), days in days_by_month.items():
        if days >= month_days(year, month):
            whole += 1
        else:
            loose += days
    extra, days = divmod(loose, MONTH_DAYS_PER_MONTH)
    years, months = divmod(whole + extra, 12)
    return Stage(years, months, days)


def _months_between(start: date, end: date) -> Iterable[tuple[int, int, int]]:
    """(year, month, days covered) for each month from ``start`` to ``end``, both included."""
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        first = max(start, date(year, month, 1))
        last = min(end, date(year, month, month_days(year, month)))
        yield year, month, (last - first).days + 1
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


ROL_UNTIL = date(2005, 6, 30)  # Law 348/2004: 10,000 old lei became 1 leu on 1 July 2005
ROL_PER_LEU = Decimal(10_000)


def _currency(year: int, month: int) -> str:
    return "lei vechi" if date(year, month, 1) <= ROL_UNTIL else "lei"


# --- the year-by-year points --------------------------------------------------------------------


@dataclass
class _Month:
    days: int = 0
    income: Decimal = Decimal(0)
    pillar2: bool = False
    conditions: str = "normale"
    origins: set[str] = field(default_factory=set)
    unusable: str = ""  # why its salary cannot be divided (work book)


def _divisors(score: AnnualScore) -> tuple[Divisor, ...]:
    """The divisors of a year, the INS months of the year as one (their lowest and highest)."""
    found: list[Divisor] = []
    ins = [divisor for divisor in score.divisors if divisor.group]
    if ins:
        low, high = min(d.lei for d in ins), max(d.lei for d in ins)
        spread = ro.number(low) if low == high else f"{ro.number(low)}–{ro.number(high)}"
        articles = "; ".join(dict.fromkeys(d.article for d in ins))
        found.append(
            Divisor(
                f"media lunii, {ro.count(len(ins), 'lună', 'luni')}: {spread} lei",
                INS,
                articles,
                () if low == high else tuple(d.short for d in ins),
            )
        )
    for divisor in score.divisors:
        if divisor.group:
            continue
        source = CSMB if divisor.description.startswith("CSMB") else ANNEX7
        found.append(Divisor(divisor.description, source, divisor.article))
    return tuple(found)


def _book_month(entry: WorkBookEntry, days: int, year: int, month: int, rules: ScoreRules):
    """A work-book month's income, or why it cannot be used."""
    salary = entry.salary
    if entry.pay_unit != "luna":
        if not entry.hours_or_days:
            unit = "ora" if entry.pay_unit == "ora" else "ziua"
            return None, f"carnetul arată salariul pe {unit} fără numărul de ore sau zile"
        salary = salary * entry.hours_or_days
    day = date(year, month, 1)
    wanted = "net" if rules.net_from <= day <= rules.net_until else "brut"
    if entry.salary_kind != wanted:
        return None, (
            f"carnetul arată salariul {entry.salary_kind}, iar legea împarte salariul {wanted} "
            f"(art. 139 alin. (4) lit. b))"
        )
    full = month_days(year, month)
    return (salary * days / full).quantize(Decimal("0.01")), ""


def _collect(record: CareerRecord, rules: ScoreRules) -> dict[tuple[int, int], _Month]:
    months: dict[tuple[int, int], _Month] = defaultdict(_Month)
    declared: set[tuple[int, int]] = set()
    for row in record.monthly:
        key = (row.month.year, row.month.month)
        found = months[key]
        found.days = min(found.days + row.days, month_days(*key))
        found.income += row.gross_income
        found.pillar2 = found.pillar2 or row.pillar2
        if row.conditions != "normale" and found.conditions != "speciale":
            found.conditions = row.conditions
        found.origins.add("declarații lunare")
        declared.add(key)
    for entry in record.work_book:
        for year, month, days in _months_between(entry.start, entry.end):
            if (year, month) in declared:
                continue  # the declaration of the month is the better record
            found = months[year, month]
            found.days = min(found.days + days, month_days(year, month))
            amount, why = _book_month(entry, days, year, month, rules)
            if amount is None:
                found.unusable = why
            else:
                found.income += amount
            group = {"I": "speciale", "II": "deosebite"}.get(entry.group, "normale")
            if group != "normale" and found.conditions != "speciale":
                found.conditions = group
            found.origins.add("carnet de muncă")
    return months


def _pillar2_text(score: AnnualScore) -> str:
    if not score.pillar2_months:
        return ""
    factors = ", ".join(ro.number(factor) for factor in score.pillar2_factors)
    return f"× {factors} în {ro.count(score.pillar2_months, 'lună', 'luni')}"


def _lacks_ins_month(rules: ScoreRules, year: int, months: dict[int, "_Month"]) -> bool:
    """A month of the INS period (1991 to August 2024) that the INS data lacks: known without
    asking ``annual_scores``, which would refuse the year (and build its message) each time."""
    known = ins_monthly()
    return any(
        rules.ins_from <= date(year, month, 1) < rules.annex7_date and (year, month) not in known
        for month in months
    )


def _no_divisor_line(base: dict) -> YearLine:
    return YearLine(
        **base,
        points=None,
        status=TO_SETTLE,
        note="De stabilit: pentru unele luni ale anului nu avem câștigul salarial mediu cu care "
        "se împarte venitul (art. 142 alin. (1), anexa nr. 7); punctajul anului vine din "
        "decizie sau din raportul de stagiu.",
    )


def _year_line(
    year: int,
    months: dict[int, _Month],
    rules: ScoreRules,
    decided: dict[int, tuple[Decimal, str]],
) -> YearLine:
    days = sum(item.days for item in months.values())
    with_income = sum(1 for item in months.values() if item.income > 0)
    currency = _currency(year, min(months)) if months else "lei"
    if months and _currency(year, max(months)) != currency:
        # 2005: January-June in old lei, July-December in lei; the total is given in lei.
        income = sum(
            (
                item.income / ROL_PER_LEU if _currency(year, month) == "lei vechi" else item.income
                for month, item in months.items()
            ),
            Decimal(0),
        ).quantize(Decimal("0.01"))
        currency = "lei (lunile în lei vechi împărțite la 10.000)"
    else:
        income = sum((item.income for item in months.values()), Decimal(0))
    origins = sorted({origin for item in months.values() for origin in item.origins})
    origin = " și ".join(origins)
    missing = 12 - len(months)
    empty_note = (
        f"{ro.count(missing, 'lună', 'luni')} fără contribuție" if months and missing else ""
    )
    base = {
        "year": year,
        "days": days,
        "months": with_income,
        "income": income,
        "currency": currency,
        "origin": origin,
        "special_months": sum(1 for item in months.values() if item.conditions != "normale"),
    }
    if year in decided:
        points, decision = decided[year]
        return YearLine(
            **base,
            points=points,
            status=DECIDED,
            decision=decision,
            article="art. 85 alin. (2), (11)",
            note=empty_note,
        )
    if not months:
        return YearLine(**base, points=None, status=EMPTY, note=GAP)
    unusable = [item.unusable for item in months.values() if item.unusable]
    if unusable:
        return YearLine(
            **base,
            points=None,
            status=TO_SETTLE,
            note=f"De stabilit: {unusable[0]}; punctajul anului vine din decizie sau din raportul "
            f"de stagiu.",
        )
    if _lacks_ins_month(rules, year, months):
        return _no_divisor_line(base)
    income_by_month = {(year, month): item.income for month, item in months.items()}
    pillar2 = frozenset((year, month) for month, item in months.items() if item.pillar2)
    try:
        (score,) = annual_scores(rules, income_by_month, None, pillar2_member_months=pillar2)
    except PensionInputError:
        return _no_divisor_line(base)
    return YearLine(
        **base,
        points=score.score,
        status=COMPUTED,
        divisors=_divisors(score),
        article=score.article,
        pillar2=_pillar2_text(score),
        supplementary=score.supplementary,
        note=empty_note,
    )


# --- assimilated periods ------------------------------------------------------------------------

ASSIMILATED_LABELS = {
    "serviciu_militar": "Serviciul militar",
    "studii_universitare": "Studii universitare",
    "crestere_copil": "Concediu pentru creșterea copilului",
    "concediu_medical": "Concediu medical (indemnizație de asigurări sociale)",
    "somaj": "Șomaj",
}


def _period_stage(start: date, end: date) -> tuple[Stage, dict[tuple[int, int], int]]:
    days = {(y, m): d for y, m, d in _months_between(start, end)}
    return stage_of(days), days


def _assimilated_line(period, rules, income, on, covered) -> tuple[AssimilatedLine, dict]:
    stage, days = _period_stage(period.start, period.end)
    label = ASSIMILATED_LABELS.get(period.kind, period.kind)
    base = {
        "kind": period.kind,
        "label": label,
        "start": period.start,
        "end": period.end,
        "document": period.document,
        "stage": stage,
    }
    months = completed_months(period.start, period.end + timedelta(days=1))
    if period.kind in ("serviciu_militar", "studii_universitare"):
        letter = "b" if period.kind == "serviciu_militar" else "a"
        counts = "stagiul total al art. 56 (nu stagiul complet de cotizare)"
        first = YearMonth(period.start.year, period.start.month)
        last = YearMonth(period.end.year, period.end.month)
        try:
            lines = assimilated_period_lines(rules, (MonthRange(first, last),), income, on)
        except PensionInputError as error:
            return AssimilatedLine(
                **base,
                counts_for=counts,
                article=f"art. 14 alin. (1) lit. {letter})",
                points=None,
                note=f"Punctaj de stabilit: {error.message}",
            ), {}
        return AssimilatedLine(
            **base,
            counts_for=counts,
            article="; ".join([f"art. 14 alin. (1) lit. {letter})", *(x.article for x in lines)]),
            points=sum((line.value for line in lines), Decimal(0)),
        ), {}
    if period.kind == "crestere_copil":
        if period.start < date(2006, 1, 1):
            return AssimilatedLine(
                **base,
                counts_for="de stabilit (art. 14 alin. (1) lit. e) o asimilează din 2006)",
                article="art. 14 alin. (1) lit. e)",
                points=None,
                note="Perioada începe înainte de 1 ianuarie 2006: casa de pensii stabilește "
                "cum se valorifică.",
            ), {}
        line = FixedScore("assimilated_monthly_score", label, months).line(rules, on)
        return AssimilatedLine(
            **base,
            counts_for="stagiul complet de cotizare (art. 47 alin. (4)) și stagiul art. 56",
            article=f"art. 14 alin. (1) lit. e); {line.article}" if line else "",
            points=line.value if line else Decimal(0),
        ), {}
    if period.kind == "somaj":
        added = {key: value for key, value in days.items() if key not in covered}
        return AssimilatedLine(
            **base,
            counts_for="stagiul de cotizare (șomerii sunt asigurați, art. 6 alin. (1) lit. e))",
            article="art. 6 alin. (1) lit. e); art. 88 alin. (2)",
            points=None,
            note="Punctajul vine din indemnizația declarată lunar (art. 88 alin. (2)); lunile "
            "fără declarație: de stabilit.",
        ), added
    return AssimilatedLine(
        **base,
        counts_for="stagiul total al art. 56 (nu stagiul complet de cotizare)",
        article="art. 14 alin. (1) lit. c), d)",
        points=None,
        note="Punctajul acestei perioade îl stabilește casa de pensii.",
    ), {}


# --- the summary --------------------------------------------------------------------------------


def summarise(
    record: CareerRecord, birth_date: date | None, sex: str | None, today: date | None = None
) -> CareerSummary:
    """The record's stages, standard age and date, and points per year (without a birth date or
    sex, as a CNP of a foreign citizen may not show them, all but the age and date)."""
    today = today or ro.today()
    on = max(law_in_force(), today)
    rules = ScoreRules.on(law_in_force())
    months = _collect(record, rules)
    decided = {row.year: (row.points, row.decision) for row in record.decided}

    by_year: dict[int, dict[int, _Month]] = defaultdict(dict)
    for (year, month), item in months.items():
        by_year[year][month] = item
    years_seen = set(by_year) | set(decided)
    lines: list[YearLine] = []
    if years_seen:
        first = max(min(years_seen), first_data_year())
        last = max(years_seen)
        if record.current_to is not None:
            last = max(last, min(record.current_to.year, today.year))
        lines = [
            _year_line(year, by_year.get(year, {}), rules, decided)
            for year in range(first, last + 1)
        ]

    income = {key: item.income for key, item in months.items() if item.income > 0}
    assimilated: list[AssimilatedLine] = []
    unemployment: dict[tuple[int, int], int] = {}
    for period in record.assimilated:
        line, added = _assimilated_line(period, rules, income, on, set(months))
        assimilated.append(line)
        for key, value in added.items():
            unemployment[key] = min(unemployment.get(key, 0) + value, month_days(*key))

    monthly_days = {k: v.days for k, v in months.items() if "declarații lunare" in v.origins}
    book_days = {k: v.days for k, v in months.items() if "declarații lunare" not in v.origins}
    contributory_days = {k: v.days for k, v in months.items()}
    for key, value in unemployment.items():
        contributory_days[key] = min(contributory_days.get(key, 0) + value, month_days(*key))
    contributory = stage_of(contributory_days)

    child_care = sum(
        completed_months(line.start, line.end + timedelta(days=1))
        for line in assimilated
        if line.kind == "crestere_copil" and line.points is not None
    )
    assimilated_days: dict[tuple[int, int], int] = {}
    for line in assimilated:
        if line.kind in ("somaj", "crestere_copil"):
            continue
        for year, month, days in _months_between(line.start, line.end):
            if (year, month) in contributory_days:
                continue  # art. 14(3): only where no contribution was due
            key = (year, month)
            assimilated_days[key] = min(assimilated_days.get(key, 0) + days, month_days(*key))
    assimilated_stage = stage_of(assimilated_days)

    special = sum(1 for item in months.values() if item.conditions == "speciale")
    deosebite = sum(1 for item in months.values() if item.conditions == "deosebite")
    extra = []
    for rule, description, count in (
        ("special_monthly_extra", "Puncte suplimentare pentru condiții speciale", special),
        ("deosebite_monthly_extra", "Puncte suplimentare pentru condiții deosebite", deosebite),
    ):
        line = FixedScore(rule, description, count).line(rules, law_in_force())
        if line is not None:
            extra.append(ExtraLine(description, count, line.value, line.article))

    pillar2 = sorted(key for key, item in months.items() if item.pillar2)
    pillar2_from = YearMonth(*pillar2[0]) if pillar2 else None

    conditions_stage = contributory.plus_months(child_care)
    total_stage = conditions_stage.plus_months(assimilated_stage.total_months)
    notes = []
    found = None
    error = NO_BIRTH_DATE if birth_date is None or sex is None else ""
    try:
        if not error:
            found = retirement(
                birth_date,
                sex,
                stage=conditions_stage,
                special_months=special,
                deosebite_months=deosebite,
                total_stage=total_stage,
            )
    except PensionInputError as problem:
        error = problem.message
    needed = None
    if found is not None and not conditions_stage.at_least(found.complete_stage):
        needed = _needed(conditions_stage, found.complete_stage)
    if sex == "F" and found is not None:
        notes.append(
            "Vârsta nu include reducerea pentru copii (art. 51): registrul nu arată copiii "
            "crescuți; o puteți adăuga în calculator."
        )
    return CareerSummary(
        cnp=record.cnp,
        current_to=record.current_to,
        birth_date=birth_date,
        sex=sex,
        contributory_stage=contributory,
        work_book_stage=stage_of(book_days),
        monthly_stage=stage_of(monthly_days),
        unemployment_stage=stage_of(unemployment),
        child_care_months=child_care,
        assimilated_stage=assimilated_stage,
        special_months=special,
        deosebite_months=deosebite,
        pillar2_from=pillar2_from,
        years=tuple(lines),
        assimilated=tuple(assimilated),
        extra=tuple(extra),
        retirement=found,
        retirement_error=error,
        stage_needed=needed,
        notes=tuple(notes),
        incomes={key: item.income for key, item in sorted(months.items())},
    )


def _needed(stage: Stage, complete: Span) -> Stage:
    """What the stage lacks to reach ``complete`` (a month's loose days count toward it)."""
    missing = complete.total_months - stage.total_months
    if stage.days:
        missing -= 1
        days = MONTH_DAYS_PER_MONTH - stage.days
        years, months = divmod(missing, 12)
        return Stage(years, months, days)
    years, months = divmod(missing, 12)
    return Stage(years, months, 0)


# --- the chart of points per year ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    year: int
    x: int
    y: int
    height: int
    status: str
    points: Decimal | None


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    bar_width: int
    bars: tuple[Bar, ...]
    top: Decimal  # the points the chart's top line stands for
    baseline: int
    labels: tuple[tuple[int, int, str], ...]  # (x, year, text-anchor) of the years shown


def points_chart(years: Iterable[YearLine], height: int = 120, bar_width: int = 8) -> Chart:
    """Bar coordinates (SVG units) for the points of each year; unknown years get a stub."""
    lines = list(years)
    known = [line.points for line in lines if line.points is not None]
    top = max([Decimal(1), *known]).quantize(Decimal("0.1"), rounding="ROUND_CEILING")
    plot = height - 20
    bars = []
    for index, line in enumerate(lines):
        x = index * (bar_width + 2)
        tall = 0 if line.points is None else int(plot * line.points / top)
        if line.points is None and line.status == TO_SETTLE:
            tall = 2  # a stub, so a year to settle is visibly not a zero
        bars.append(Bar(line.year, x, plot - tall, tall, line.status, line.points))
    # Decades and the first year, read from their left edge; the last year ends at its bar.
    labels = [
        (bar.x, bar.year, "start") for bar in bars[:-1] if bar.year % 10 == 0 or bar is bars[0]
    ]
    if bars:
        last = bars[-1]
        labels = [label for label in labels if last.x - label[0] > 30 or label[1] == bars[0].year]
        labels.append((last.x + bar_width, last.year, "end"))
    width = max(len(lines) * (bar_width + 2), 40)
    return Chart(width, height, bar_width, tuple(bars), top, plot, tuple(labels))


# --- the calculator pre-filled -------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    value = value.quantize(Decimal("0.01"))
    text = f"{value:f}"
    return text.removesuffix(".00")


def estimate_query(summary: CareerSummary) -> tuple[list[tuple[str, str]], tuple[int, ...]]:
    """The calculator's GET parameters from the record, and the years left out of them.

    Computed years go as income (month by month, or ``YYYY:amount`` when the year has one amount
    for all twelve months), so the calculator applies the same rules and shows the same cited
    lines; decided years go as points in the points box; years "de stabilit" are left out.
    """
    months = summary.incomes
    by_year: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for (year, month), amount in months.items():
        by_year[year].append((month, amount))
    pairs: list[tuple[str, str]] = [
        ("birth_date", ro.short_date(summary.birth_date)),
        ("sex", summary.sex),
    ]
    stage = summary.contributory_stage
    pairs += [
        ("contributory_years", str(stage.years)),
        ("contributory_months", str(stage.months)),
        ("contributory_days", str(stage.days)),
    ]
    if summary.retirement is not None:
        # The standard date, unless it is past: then the month after the record's last month
        # (income after the start month is refused), never before the law (1 September 2024).
        start = max(summary.retirement.standard_date, law_in_force())
        if months:
            year, month = max(months)
            start = max(start, date(year + month // 12, month % 12 + 1, 1))
        pairs.append(("start_date", ro.short_date(start)))
    decided = Decimal(0)
    left_out = []
    for line in summary.years:
        if line.status == DECIDED and line.points is not None:
            decided += line.points
        elif line.status == COMPUTED:
            year_months = by_year[line.year]
            amounts = {amount for _, amount in year_months}
            if len(year_months) == 12 and len(amounts) == 1:
                pairs.append(("income", f"{line.year} {_amount(year_months[0][1])}"))
            else:
                pairs += [
                    ("income", f"{line.year}-{month:02d} {_amount(amount)}")
                    for month, amount in year_months
                    if amount > 0
                ]
        elif line.status == TO_SETTLE:
            left_out.append(line.year)
    if decided:
        pairs.append(("points", f"{decided:f}"))
    if summary.pillar2_from is not None:
        pairs.append(
            ("pillar2_from", f"{summary.pillar2_from.month:02d}.{summary.pillar2_from.year}")
        )
    if summary.special_months:
        pairs.append(("special_months", str(summary.special_months)))
    if summary.deosebite_months:
        pairs.append(("deosebite_months", str(summary.deosebite_months)))
    if summary.assimilated_stage.total_months:
        pairs.append(("assimilated_months", str(summary.assimilated_stage.total_months)))
    if summary.child_care_months:
        pairs.append(("child_care_months", str(summary.child_care_months)))
    return pairs, tuple(left_out)
