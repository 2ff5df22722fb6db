"""The pension estimate: points, amount, early reduction and net, each step a cited line.

Steps (articles of Law 360/2023):

1. Contributory points: the annual scores from the income given (see ``scores``), plus the
   annual points the caller copies from the CNPP career report (``points``) for years the data
   cannot convert (1991-2011) or for the whole career. Both may be given; they add up.
2. Fixed scores (art. 86-88): assimilated periods, potential stage for invalidity, extra points
   for special / "deosebite" conditions, each a monthly score counted ÷ 12.
3. Stability points for the contributory stage beyond 25 years (art. 85(3)-(5)).
4. Total points (art. 85(1)) × the reference point value in force on the start date (art. 83(1));
   fractions of a leu rounded up (art. 83(2)).
5. With a birth date and sex: the standard date (art. 47, Annex 5, art. 51, art. 56) and, for an
   earlier start, the early-pension reduction (art. 58-59, see ``early``); the reduced amount is
   rounded up again in the pensioner's favour.
6. Net on the start date (see ``net``), and the social indemnity when the gross is below it.

The lines of each section add up exactly: section "puncte" to ``total_points``, "brut" to
``gross``, "net" to ``net``.

Art. 56 and the table 4 rate count the *stage* (art. 3 q): the contributory stage plus the
assimilated periods (``assimilated_months``); the complete contributory stage itself is reached
without them (art. 47(2)-(4), 58(1)). Art. 48, 52 and 53 lower the age without a cut (see
``reductions``); ``handicap`` also exempts the pension from income tax (see ``net``).
``working`` says what work after the start does to the pension (see ``working``).

The stage that decides the conditions (complete / minimum stage, art. 51, 56, 58) is the
contributory stage plus the child-raising leave from 2006 (``child_care_months``), as art. 47(4)
says; stability points use the contributory stage alone (art. 85(3)). Without a stage, the
stage is the number of months with income. Income after the start month is refused.

``kind`` (see ``kinds``) selects the pension: the steps above are the old-age one; the
invalidity pension adds the potential stage derived by art. 66 and skips step 5 (``invalidity``);
the survivor's and in-payment pensions are built by ``survivor`` and ``in_payment``, on these
steps and this result type.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain import ro
from domain.pension.early import CHILDREN, CONDITIONS, EARLY, HANDICAP, LONG_STAGE, VISUAL, assess
from domain.pension.errors import PensionInputError
from domain.pension.history import MonthRange, assimilated_period_lines
from domain.pension.invalidity import CompanionAllowance, companion_allowance, potential_stage
from domain.pension.kinds import AGE, INVALIDITY, resolve_kind
from domain.pension.lines import GROSS, POINTS, Line, latest_rule_date, section_total
from domain.pension.net import check_handicap, net_on
from domain.pension.periods import Stage, YearMonth
from domain.pension.reductions import check_condition_months, check_handicap_months
from domain.pension.retirement import RetirementResult, retirement
from domain.pension.scores import (
    AnnualScore,
    FixedScore,
    ScoreRules,
    annual_scores,
    invalidity_rule,
)
from domain.pension.spans import PointSpan
from domain.pension.stability import stability_lines
from domain.pension.tables import (
    csmb_by_year,
    first_data_year,
    law_in_force,
    parameter,
    pillar2_factors,
    reference_point_values,
    social_indemnities,
)
from domain.pension.validation import (
    MAX_AMOUNT,
    MAX_CHILDREN,
    MAX_INCOME_ENTRIES,
    MAX_MONTH_COUNT,
    MAX_POINTS,
    check_date,
    check_decimal,
    check_int,
    check_sex,
    check_stage,
)
from domain.pension.working import WorkWhileRetired, working_while_retired

if TYPE_CHECKING:  # they import this module
    from domain.pension.in_payment import InPaymentDetails
    from domain.pension.survivor import SurvivorDetails

ONE_LEU = Decimal(1)
MAX_POINT_SPANS = 20
GRADES = {1: "I", 2: "II", 3: "III"}


@dataclass(frozen=True, slots=True)
class IncomeEntry:
    """Gross monthly income of one month, or (``month`` None) the monthly average of a year."""

    year: int
    month: int | None
    amount: Decimal

    def __str__(self) -> str:
        when = str(self.year) if self.month is None else f"{self.year:04d}-{self.month:02d}"
        return f"{when}:{self.amount}"


@dataclass(frozen=True)
class EstimateInput:
    start_date: date
    contributory_stage: Stage | None = None
    points: Decimal | None = None
    income: tuple[IncomeEntry, ...] = ()
    pillar2_from: YearMonth | None = None
    assimilated_months: int = 0
    child_care_months: int = 0
    invalidity_grade: int | None = None
    potential_months: int = 0
    special_months: int = 0
    deosebite_months: int = 0
    birth_date: date | None = None
    sex: str | None = None
    children: int = 0
    handicap: str | None = None
    handicap_months: int = 0
    visual_months: int = 0
    # The pension kind (see ``kinds``) and the inputs of the survivor's and in-payment kinds.
    kind: str | None = None
    orphans: int = 0
    spouse_marriage_months: int | None = None
    spouse_birth_date: date | None = None
    spouse_sex: str | None = None
    spouse_invalidity_grade: int | None = None
    death_work_accident: bool = False
    spouse_child_under_7: bool = False
    other_parent_points: Decimal | None = None
    own_pension: Decimal | None = None
    amount_in_payment: Decimal | None = None
    point_spans: tuple[PointSpan, ...] = ()
    # Studies and military service with their dates (art. 138(2), (5)); see ``history``.
    assimilated_periods: tuple[MonthRange, ...] = ()
    # Art. 143: contributed to the supplementary pension fund (at 4 %: art. 143(2)).
    supplementary_fund: bool = True
    supplementary_fund_4_percent: bool = False


@dataclass(frozen=True, slots=True)
class SocialIndemnity:
    amount: Decimal
    top_up: Decimal
    article: str
    rule_date: date

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "amount": number(self.amount),
            "top_up": number(self.top_up),
            "article": self.article,
            "rule_date": self.rule_date.isoformat(),
        }


@dataclass(frozen=True)
class Estimate:
    start_date: date
    contributory_stage: Stage
    contributory_points: Decimal
    assimilated_points: Decimal
    potential_points: Decimal
    extra_points: Decimal
    stability_points: Decimal
    total_points: Decimal
    reference_point_value: Decimal
    amount_before_reduction: Decimal
    anticipation_months: int
    early_reduction_percent: Decimal
    gross: Decimal
    health_contribution: Decimal
    income_tax: Decimal
    net: Decimal
    rules_as_of: date
    lines: tuple[Line, ...]
    annual_scores: tuple[AnnualScore, ...] = ()
    retirement: RetirementResult | None = None
    social_indemnity: SocialIndemnity | None = None
    notes: tuple[str, ...] = field(default=())
    working: WorkWhileRetired | None = None
    kind: str = AGE
    companion_allowance: CompanionAllowance | None = None
    survivors: "SurvivorDetails | None" = None  # kind "urmas"
    in_payment: "InPaymentDetails | None" = None  # kind "in_plata"

    def section(self, name: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.section == name)

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        """Plain values for JSON; ``number`` converts each Decimal (kept as is by default)."""
        return {
            "start_date": self.start_date.isoformat(),
            "contributory_stage": self.contributory_stage.to_dict(),
            "contributory_points": number(self.contributory_points),
            "assimilated_points": number(self.assimilated_points),
            "potential_points": number(self.potential_points),
            "extra_points": number(self.extra_points),
            "stability_points": number(self.stability_points),
            "total_points": number(self.total_points),
            "reference_point_value": number(self.reference_point_value),
            "amount_before_reduction": number(self.amount_before_reduction),
            "anticipation_months": self.anticipation_months,
            "early_reduction_percent": number(self.early_reduction_percent),
            "gross": number(self.gross),
            "health_contribution": number(self.health_contribution),
            "income_tax": number(self.income_tax),
            "net": number(self.net),
            "rules_as_of": self.rules_as_of.isoformat(),
            "lines": [line.to_dict(number) for line in self.lines],
            "annual_scores": [
                {**score.to_dict(), "score": number(score.score)} for score in self.annual_scores
            ],
            "retirement": self.retirement.to_dict() if self.retirement else None,
            "social_indemnity": (
                self.social_indemnity.to_dict(number) if self.social_indemnity else None
            ),
            "notes": list(self.notes),
            "working": self.working.to_dict() if self.working else None,
            "kind": self.kind,
            "companion_allowance": (
                self.companion_allowance.to_dict(number) if self.companion_allowance else None
            ),
            "survivors": self.survivors.to_dict(number) if self.survivors else None,
            "in_payment": self.in_payment.to_dict(number) if self.in_payment else None,
        }


# --- validation ---------------------------------------------------------------------------------


def _income_months(entries: object, start: date) -> dict[tuple[int, int], Decimal]:
    if not isinstance(entries, tuple | list):
        raise PensionInputError("income", "Veniturile trebuie date ca listă.")
    if len(entries) > MAX_INCOME_ENTRIES:
        raise PensionInputError(
            "income",
            f"Sunt {ro.number(len(entries))} de venituri; se acceptă cel mult "
            f"{ro.number(MAX_INCOME_ENTRIES)} (o carieră de 45 de ani are 540 de luni).",
        )
    months: dict[tuple[int, int], Decimal] = {}
    whole_years: set[int] = set()
    years_by_month: set[int] = set()
    last = (start.year, start.month)
    first_year = first_data_year()
    for entry in entries:
        if not isinstance(entry, IncomeEntry):
            raise PensionInputError("income", "Fiecare venit se scrie AAAA-LL:sumă sau AAAA:sumă.")
        year = check_int(entry.year, "income", 9999)
        amount = check_decimal(entry.amount, "income", MAX_AMOUNT)
        if year < first_year:
            raise PensionInputError(
                "income", f"Venitul din {year}: calculul acceptă ani din {first_year} încoace."
            )
        if entry.month is None:
            if year in whole_years or year in years_by_month:
                raise PensionInputError("income", f"Anul {year} apare de mai multe ori.")
            if (year, 12) > last:
                raise PensionInputError(
                    "income",
                    f"Anul {year} se termină după data de început a pensiei "
                    f"({ro.short_date(start)}); scrieți venitul acelui an pe luni, până la "
                    f"luna pensionării.",
                )
            whole_years.add(year)
            for month in range(1, 13):
                months[year, month] = amount
            continue
        month = check_int(entry.month, "income", 12, minimum=1)
        when = (year, month)
        if when in months:
            raise PensionInputError("income", f"Luna {year}-{month:02d} apare de mai multe ori.")
        if when > last:
            raise PensionInputError(
                "income",
                f"Venitul din {year}-{month:02d} este după data de început a pensiei "
                f"({ro.short_date(start)}).",
            )
        years_by_month.add(year)
        months[when] = amount
    return months


@dataclass(frozen=True)
class _Checked:
    start: date
    stage: Stage
    stage_given: bool
    points: Decimal | None
    months: dict[tuple[int, int], Decimal]
    pillar2_from: YearMonth | None


def _check(data: EstimateInput) -> _Checked:
    if not isinstance(data, EstimateInput):
        raise PensionInputError("input", "Datele pentru calcul lipsesc.")
    start = check_date(data.start_date, "start_date")
    if start < law_in_force():
        raise PensionInputError(
            "start_date",
            f"Calculul urmează Legea nr. 360/2023, care se aplică pensiilor începând cu "
            f"{ro.short_date(law_in_force())}; alegeți o dată de început de la această dată.",
        )
    stage = check_stage(data.contributory_stage)
    points = None if data.points is None else check_decimal(data.points, "points", MAX_POINTS)
    months = _income_months(data.income, start)
    spans = _point_spans(data.point_spans, start, months)
    if points is None and not months and not spans:
        raise PensionInputError(
            "points",
            "Scrieți punctajul din raportul de stagiu sau veniturile lunare (ori media lunară "
            "pe fiecare an).",
        )
    stage_given = stage is not None
    if stage is None:
        stage = Stage().plus_months(sum(1 for amount in months.values() if amount > 0))
        stage = stage.plus_months(sum(12 * span.years for span in spans))

    pillar2_from = data.pillar2_from
    if pillar2_from is not None:
        if not isinstance(pillar2_from, YearMonth):
            raise PensionInputError("pillar2_from", "Luna se scrie AAAA-LL.")
        check_int(pillar2_from.month, "pillar2_from", 12, minimum=1)
        first = pillar2_factors().first.effective_from
        if pillar2_from.first_day() < first:
            raise PensionInputError(
                "pillar2_from",
                f"Pilonul II există din {first.year}; luna {pillar2_from} este anterioară.",
            )

    for name in ("assimilated_months", "child_care_months", "potential_months"):
        check_int(getattr(data, name), name, MAX_MONTH_COUNT)
    check_condition_months(data.special_months, data.deosebite_months, stage)
    if data.invalidity_grade is not None:
        check_int(data.invalidity_grade, "invalidity_grade", 3, minimum=1)
    elif data.potential_months:
        raise PensionInputError(
            "invalidity_grade",
            "Pentru stagiul potențial alegeți gradul de invaliditate (I, II sau III).",
        )

    if data.birth_date is not None or data.sex is not None:
        if data.birth_date is None:
            raise PensionInputError(
                "birth_date", "Pentru vârsta de pensionare scrieți și data nașterii."
            )
        if data.sex is None:
            raise PensionInputError(
                "sex", "Pentru vârsta de pensionare alegeți și sexul (F sau M)."
            )
        birth = check_date(data.birth_date, "birth_date")
        check_sex(data.sex)
        if birth >= start:
            raise PensionInputError(
                "birth_date", "Data nașterii trebuie să fie înaintea datei de început a pensiei."
            )
    check_int(data.children, "children", MAX_CHILDREN)
    return _Checked(start, stage, stage_given, points, months, pillar2_from)


def _check_reductions(data: EstimateInput, stage: Stage) -> str | None:
    """Art. 52-53 inputs: the handicap degree, and months no longer than the stage."""
    handicap = check_handicap(data.handicap)
    check_handicap_months(handicap, data.handicap_months, data.visual_months, stage)
    return handicap


def _point_spans(
    spans: object, start: date, months: dict[tuple[int, int], Decimal]
) -> tuple[PointSpan, ...]:
    """Spans of years given as points: inside the data's years, before the start, apart from
    each other and from the years given as income."""
    if not isinstance(spans, tuple | list):
        raise PensionInputError("point_span", "Punctajele pe ani trebuie date ca listă.")
    if len(spans) > MAX_POINT_SPANS:
        raise PensionInputError(
            "point_span", f"Se acceptă cel mult {MAX_POINT_SPANS} perioade cu punctaj."
        )
    income_years = {year for year, _month in months}
    taken: set[int] = set()
    for span in spans:
        if not isinstance(span, PointSpan):
            raise PensionInputError("point_span", "Punctajul pe ani se scrie AAAA-AAAA:punctaj.")
        first = check_int(span.first, "point_span", 9999)
        last = check_int(span.last, "point_span", 9999, minimum=first)
        if first < first_data_year():
            raise PensionInputError(
                "point_span",
                f"Perioada {first}–{last}: calculul acceptă ani din {first_data_year()} încoace.",
            )
        if last > start.year:
            raise PensionInputError(
                "point_span",
                f"Perioada {first}–{last} se termină după anul în care începe pensia "
                f"({start.year}).",
            )
        check_decimal(span.points, "point_span", MAX_POINTS)
        years = set(range(first, last + 1))
        if clash := sorted(years & income_years):
            raise PensionInputError(
                "point_span",
                f"Pentru {ro.and_list([str(y) for y in clash[:5]])} ați dat și venitul, și "
                f"punctajul perioadei {first}–{last}: păstrați doar unul dintre ele.",
            )
        if clash := sorted(years & taken):
            raise PensionInputError(
                "point_span", f"Anul {clash[0]} apare în două perioade cu punctaj."
            )
        taken |= years
    return tuple(spans)


# --- calculation --------------------------------------------------------------------------------


def _data_notes(annual: tuple[AnnualScore, ...], start: date) -> list[str]:
    """Warnings about the figures used: unverified divisors, budgets later than the start."""
    notes = []
    seen: set[str] = set()
    for score in annual:
        for divisor in score.divisors:
            if divisor.unverified and divisor.description not in seen:
                seen.add(divisor.description)
                notes.append(f"{divisor.description}: valoare neconfirmată oficial; verificați-o.")
    budgets = csmb_by_year()
    for year in sorted({score.year for score in annual} & budgets.keys()):
        if budgets[year].effective_from > start:
            notes.append(
                f"Bugetul asigurărilor sociale pentru {year} s-a aplicat de la "
                f"{ro.short_date(budgets[year].effective_from)}, după data de început a pensiei; "
                f"casa de pensii poate folosi până atunci altă valoare."
            )
    return notes


def _fixed_scores(
    data: EstimateInput, derived: FixedScore | None = None
) -> tuple[list[FixedScore], ...]:
    """Assimilated, potential-stage and extra (conditions) scores, in that order."""
    assimilated = [
        FixedScore(
            "assimilated_monthly_score",
            "Perioade asimilate (studii universitare, serviciul militar)",
            data.assimilated_months,
        ),
        FixedScore(
            "assimilated_monthly_score",
            "Concediu pentru creșterea copilului, din 2006",
            data.child_care_months,
        ),
    ]
    potential = [derived] if derived else []
    if data.invalidity_grade and not derived:
        potential.append(
            FixedScore(
                invalidity_rule(data.invalidity_grade),
                f"Stagiu potențial, invaliditate gradul {GRADES[data.invalidity_grade]}",
                data.potential_months,
            )
        )
    extra = [
        FixedScore(
            "special_monthly_extra",
            "Puncte suplimentare pentru condiții speciale (grupa I)",
            data.special_months,
        ),
        FixedScore(
            "deosebite_monthly_extra",
            "Puncte suplimentare pentru condiții deosebite (grupa a II-a)",
            data.deosebite_months,
        ),
    ]
    return assimilated, potential, extra


class _GrossLines:
    """The "brut" section: points × VPR, rounding up, early reduction, rounding up again."""

    def __init__(self, start: date) -> None:
        self.lines: list[Line] = []
        self.rounding = parameter("pension_rounding", start)

    def add(self, line: Line) -> None:
        self.lines.append(line)

    def round_up(self, amount: Decimal) -> Decimal:
        whole = amount.quantize(ONE_LEU, rounding=self.rounding.value)
        if whole != amount:
            self.add(
                Line(
                    "Fracțiunea de leu se întregește la un leu, în favoarea pensionarului",
                    whole - amount,
                    self.rounding.article,
                    GROSS,
                    self.rounding.effective_from,
                )
            )
        return whole


KIND_NOTES = {
    EARLY: (
        "Pensie anticipată: diminuarea se calculează cum spune legea, procentul din tabelul "
        "nr. 4 înmulțit cu numărul lunilor de anticipare (art. 58 alin. (3)); o lună începută "
        "se numără întreagă."
    ),
    CHILDREN: (
        "Pensie pentru limită de vârstă la vârsta redusă pentru copii (art. 51), fără diminuare."
    ),
    LONG_STAGE: (
        "Pensie pentru limită de vârstă cu până la 5 ani mai devreme, fără diminuare, pentru "
        "stagiul cu cel puțin 5 ani peste cel complet (art. 56)."
    ),
    CONDITIONS: (
        "Pensie pentru limită de vârstă la vârsta redusă pentru condiții speciale sau deosebite "
        "(art. 48 alin. (1), art. 54), fără diminuare."
    ),
    HANDICAP: "Pensie pentru limită de vârstă la vârsta redusă pentru handicap (art. 52), fără diminuare.",
    VISUAL: (
        "Pensie pentru limită de vârstă pentru deficiență vizuală gravă, indiferent de vârstă "
        "(art. 53), fără diminuare."
    ),
}


def own_career_estimate(data: EstimateInput) -> Estimate:
    """The old-age or invalidity pension from the person's own career (``estimate`` in
    ``by_kind`` chooses the kind); bad input → PensionInputError."""
    kind = resolve_kind(getattr(data, "kind", None), getattr(data, "invalidity_grade", None))
    if kind not in (AGE, INVALIDITY):
        raise ValueError(f"own_career_estimate computes {AGE} and {INVALIDITY}, not {kind}")
    checked = _check(data)
    start, stage = checked.start, checked.stage
    handicap = _check_reductions(data, stage)
    rules = ScoreRules.on(start)
    derived, companion, kind_notes = None, None, []
    if kind == INVALIDITY:
        derived, companion, kind_notes = _invalidity(data, checked)

    # 1-3. Points (art. 85-88).
    cap_notes: list[str] = []
    annual = annual_scores(
        rules,
        checked.months,
        checked.pillar2_from,
        data.supplementary_fund is not False,
        data.supplementary_fund_4_percent is True,
        cap_notes,
    )
    contributory_lines = [score.line() for score in annual]
    if checked.points is not None:
        contributory_lines.append(
            Line(
                "Punctajele anuale din raportul de stagiu (suma lor)",
                rules.round(checked.points),
                "art. 85 alin. (1)-(2)",
                POINTS,
            )
        )
    contributory_lines += [
        Line(span.label(), rules.round(span.points), "art. 85 alin. (1)-(2)", POINTS)
        for span in data.point_spans
    ]
    notes = _data_notes(annual, start) + kind_notes + cap_notes
    if not checked.stage_given and checked.months:
        notes.append(f"Stagiul de cotizare nu a fost dat: folosim lunile cu venit ({stage}).")
    assimilated_lines, potential_lines, extra_lines = (
        [line for score in group if (line := score.line(rules, start)) is not None]
        for group in _fixed_scores(data, derived)
    )
    assimilated_lines += assimilated_period_lines(
        rules, data.assimilated_periods, checked.months, start
    )
    stability = stability_lines(stage, start)
    points_lines = (
        contributory_lines + assimilated_lines + potential_lines + extra_lines + stability
    )
    total_points = section_total(points_lines, POINTS)

    # 4. Amount (art. 83).
    vpr = reference_point_values().at(start)
    if vpr is None:  # start is checked against law_in_force, the first VPR row
        raise PensionInputError("start_date", "Nu avem valoarea punctului de referință.")
    if start.year > reference_point_values().last.effective_from.year:
        notes.append(
            f"Valoarea punctului de referință pentru {start.year} nu este încă stabilită; "
            f"folosim ultima cunoscută ({ro.number(vpr.value)} lei)."
        )
    exact = total_points * vpr.value
    amount = _GrossLines(start)
    amount.add(
        Line(
            f"Pensia: {ro.number(total_points)} puncte × {ro.number(vpr.value)} lei "
            f"(valoarea punctului de referință)",
            exact,
            vpr.article,
            GROSS,
            vpr.effective_from,
        )
    )
    full = gross = amount.round_up(exact)

    # 5. Age, stage and the early reduction (art. 47, 51, 56, 58-59).
    anticipation, percent = 0, Decimal(0)
    pension_retirement = None
    working = None
    if kind == INVALIDITY:
        pass  # no age check and no early reduction (art. 61(1)); see _invalidity
    elif data.birth_date is not None and data.sex is not None:
        conditions_stage = stage.plus_months(data.child_care_months)
        total_stage = conditions_stage.plus_months(data.assimilated_months)
        pension_retirement = retirement(
            data.birth_date,
            data.sex,
            data.children,
            stage=conditions_stage,
            special_months=data.special_months,
            deosebite_months=data.deosebite_months,
            handicap=handicap,
            handicap_months=data.handicap_months,
            visual_months=data.visual_months,
            total_stage=total_stage,
        )
        notes.extend(pension_retirement.notes)
        assessment = assess(start, pension_retirement, conditions_stage, total_stage)
        working = working_while_retired(assessment.kind == EARLY, pension_kind=assessment.kind)
        if assessment.kind in KIND_NOTES:
            notes.append(KIND_NOTES[assessment.kind])
        if assessment.kind == EARLY:
            anticipation, percent = assessment.anticipation_months, assessment.percent
            reduction = full * percent / 100
            amount.add(
                Line(
                    assessment.label(), -reduction, assessment.article, GROSS, assessment.rule_date
                )
            )
            gross = amount.round_up(full - reduction)
        if not conditions_stage.at_least(pension_retirement.minimum_stage):
            notes.append(
                f"Stagiul de cotizare ({conditions_stage}) este sub stagiul minim "
                f"({pension_retirement.minimum_stage}); pensia pentru limită de vârstă cere "
                f"stagiul minim (art. 46 alin. (1))."
            )
    else:
        notes.append(
            "Fără data nașterii și sex nu se verifică vârsta de pensionare și nici diminuarea "
            "pentru pensie anticipată."
        )

    # 6. Net, and the social indemnity.
    paid = net_on(gross, start, "start_date", handicap)
    social = social_top_up(gross, start, notes)

    lines = tuple(points_lines + amount.lines + list(paid.lines))
    dates = [latest_rule_date(lines), paid.rules_as_of]
    if pension_retirement is not None:
        dates.append(pension_retirement.rules_as_of)
    return Estimate(
        start_date=start,
        contributory_stage=stage,
        contributory_points=section_total(contributory_lines, POINTS),
        assimilated_points=section_total(assimilated_lines, POINTS),
        potential_points=section_total(potential_lines, POINTS),
        extra_points=section_total(extra_lines, POINTS),
        stability_points=section_total(stability, POINTS),
        total_points=total_points,
        reference_point_value=vpr.value,
        amount_before_reduction=full,
        anticipation_months=anticipation,
        early_reduction_percent=percent,
        gross=gross,
        health_contribution=paid.health_contribution,
        income_tax=paid.income_tax,
        net=paid.net,
        rules_as_of=max(day for day in dates if day is not None),
        lines=lines,
        annual_scores=annual,
        retirement=pension_retirement,
        social_indemnity=social,
        notes=tuple(notes),
        working=working,
        kind=kind,
        companion_allowance=companion,
    )


def social_top_up(gross: Decimal, on: date, notes: list[str]) -> SocialIndemnity | None:
    """The social indemnity's top-up when the gross pension is below it (OUG 6/2009), with its
    note appended to ``notes``."""
    indemnity = social_indemnities().at(on)
    if indemnity is None or gross >= indemnity.value:
        return None
    social = SocialIndemnity(
        indemnity.value, indemnity.value - gross, indemnity.article, indemnity.effective_from
    )
    notes.append(
        f"Pensia brută ({ro.number(gross)} lei) este sub indemnizația socială pentru "
        f"pensionari ({ro.number(indemnity.value)} lei): dacă nu aveți alte pensii, casa de "
        f"pensii completează diferența de {ro.number(social.top_up)} lei."
    )
    return social


def _invalidity(
    data: EstimateInput, checked: _Checked
) -> tuple[FixedScore | None, CompanionAllowance | None, list[str]]:
    """Art. 61, 66, 67: the potential stage derived from Annex 5, and the grade I allowance."""
    if data.invalidity_grade is None:
        raise PensionInputError(
            "invalidity_grade", "Pentru pensia de invaliditate alegeți gradul (I, II sau III)."
        )
    grade = data.invalidity_grade
    notes = [
        "Pensie de invaliditate: se cuvine înainte de vârsta standard, fără condițiile și fără "
        "diminuarea pensiei anticipate (art. 61 alin. (1)); la vârsta standard devine pensie "
        "pentru limită de vârstă, în cuantumul cel mai avantajos (art. 72)."
    ]
    derived = None
    if data.birth_date is not None and data.sex is not None:
        if not checked.stage_given and not checked.months:
            raise PensionInputError(
                "contributory_years",
                "Pentru stagiul potențial (art. 66) scrieți stagiul de cotizare realizat.",
            )
        realised = checked.stage.plus_months(data.assimilated_months + data.child_care_months)
        potential = potential_stage(data.birth_date, data.sex, realised, checked.start)
        derived = potential.fixed_score(grade)
        if data.potential_months and data.potential_months != potential.months:
            notes.append(
                f"Stagiul potențial scris ({data.potential_months} luni) a fost înlocuit cu cel "
                f"stabilit de lege ({potential.months} luni, art. 66)."
            )
    else:
        notes.append(
            "Fără data nașterii și sex stagiul potențial nu se poate stabili după art. 66 "
            "(stagiul complet din anexa nr. 5 − stagiul realizat, cel mult până la vârsta "
            "standard); folosim lunile scrise (potential_months), parametru păstrat numai pentru "
            "compatibilitate."
        )
    companion = None
    if grade == 1:
        companion, companion_notes = companion_allowance(checked.start)
        notes.append(f"{companion.label()} (art. 67).")
        notes.extend(companion_notes)
    return derived, companion, notes


__all__ = ["Estimate", "EstimateInput", "IncomeEntry", "SocialIndemnity", "own_career_estimate"]
