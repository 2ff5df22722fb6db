"""The invalidity pension (art. 61-70, 87 of Law 360/2023): potential stage and companion allowance.

The amount is the old-age formula (art. 83, 85) with the *potential stage* added as a fixed
monthly score (art. 87(1): 0.25 / 0.20 / 0.10 points a month for grades I / II / III), and no
early-pension check: the pension is due below the standard age (art. 61(1)), without reduction.

Readings of the law applied here:

- Art. 66(1): potential stage = the complete contributory stage of Annex 5 (for the birth month
  and sex) − the stage realised up to the pension start. The realised stage is the contributory
  stage plus the assimilated periods given (studies, military service, child-raising leave),
  since art. 66 speaks of "stagiul de cotizare realizat", not only the contributory one. A
  started month of realised stage counts as realised, so the potential stage is in whole months
  and never overstated.
- Art. 66(2): it cannot exceed the time from the pension start to the Annex 5 standard age
  ("vârsta standard de pensionare, prevăzută în anexa nr. 5"), counted in whole months; the
  art. 51 reduction for children is not applied to that age.
- Art. 61(1): a start on or after the Annex 5 age is refused: at that age the pension is the
  old-age pension (art. 72).
- ``potential_months`` typed by the caller is deprecated: it is used only without a birth date
  (the Annex 5 row cannot be found), and the estimate says so; with a birth date and sex the
  months are derived and a typed value that differs is replaced, with a note.
- Art. 67: grade I adds the companion allowance, 50 % of the gross minimum wage in force in the
  month paid (``companion_allowance.csv``). It is paid "în afara pensiei", from the state budget
  (art. 67(3)), so it is reported beside the pension (``CompanionAllowance``), not in its lines.
- Not modelled: art. 61(2) (insurance contracts from 2018 do not count; the caller gives the
  stage that counts) and the medical review of art. 68-70.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.kind_tables import companion_rates
from domain.pension.periods import Span, Stage, add_months, completed_months
from domain.pension.retirement import age_and_stage
from domain.pension.scores import FixedScore, invalidity_rule

GRADES = {1: "I", 2: "II", 3: "III"}


@dataclass(frozen=True, slots=True)
class PotentialStage:
    months: int
    complete_stage: Span
    realised_months: int
    months_to_standard_age: int
    standard_date: date
    article: str

    def fixed_score(self, grade: int) -> FixedScore:
        capped = self.months == self.months_to_standard_age and (
            self.months_to_standard_age < self.complete_stage.total_months - self.realised_months
        )
        how = (
            f"limitat la lunile până la vârsta standard din anexa nr. 5 "
            f"({ro.short_date(self.standard_date)}), art. 66 alin. (2)"
            if capped
            else f"stagiul complet {self.complete_stage} − stagiul realizat "
            f"{Span.from_months(self.realised_months)}, art. 66 alin. (1)"
        )
        return FixedScore(
            invalidity_rule(grade),
            f"Stagiu potențial, invaliditate gradul {GRADES[grade]} ({how})",
            self.months,
        )


def potential_stage(birth_date: date, sex: str, realised: Stage, start: date) -> PotentialStage:
    """Art. 66: the potential stage for a pension starting on ``start``."""
    rules = age_and_stage(birth_date, sex)
    standard_date = add_months(birth_date, rules.age.total_months)
    if start >= standard_date:
        raise PensionInputError(
            "start_date",
            f"Pensia de invaliditate se cuvine numai înainte de vârsta standard de pensionare "
            f"({rules.age}, la {ro.short_date(standard_date)}; art. 61 alin. (1)); de la "
            f"această vârstă se cere pensia pentru limită de vârstă (art. 72).",
        )
    realised_months = realised.total_months + (1 if realised.days else 0)
    missing = max(0, rules.complete_stage.total_months - realised_months)
    to_standard = completed_months(start, standard_date)
    return PotentialStage(
        min(missing, to_standard),
        rules.complete_stage,
        realised_months,
        to_standard,
        standard_date,
        f"art. 66; {rules.article}",
    )


@dataclass(frozen=True, slots=True)
class CompanionAllowance:
    """Art. 67: grade I companion allowance, paid beside the pension."""

    amount: Decimal
    minimum_wage: Decimal
    percent: Decimal
    article: str
    rule_date: date
    act: str

    def label(self) -> str:
        return (
            f"Indemnizația pentru însoțitor (gradul I): {ro.number(self.percent)}% din salariul "
            f"minim brut pe țară de {ro.number(self.minimum_wage)} lei = "
            f"{ro.number(self.amount)} lei pe lună, plătită în afara pensiei, de la bugetul de stat"
        )

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "amount": number(self.amount),
            "minimum_wage": number(self.minimum_wage),
            "percent": number(self.percent),
            "article": self.article,
            "rule_date": self.rule_date.isoformat(),
            "act": self.act,
        }


def companion_allowance(on: date) -> tuple[CompanionAllowance, list[str]]:
    """The allowance in force on ``on`` and notes on the figure used."""
    rates = companion_rates()
    row = rates.at(on)
    if row is None:
        raise PensionInputError(
            "start_date",
            f"Nu avem salariul minim pentru {ro.short_date(on)}; datele încep la "
            f"{ro.short_date(rates.first.effective_from)}.",
        )
    rate = row.value
    amount = (rate.minimum_wage * rate.percent / 100).quantize(Decimal(1), rounding=ROUND_CEILING)
    notes = []
    if on.year > rates.last.effective_from.year:
        notes.append(
            f"Salariul minim pentru {on.year} nu este în datele noastre; indemnizația pentru "
            f"însoțitor folosește ultimul cunoscut ({ro.number(rate.minimum_wage)} lei, din "
            f"{ro.short_date(row.effective_from)}) și urmează salariul minim în plată (art. 67 "
            f"alin. (2))."
        )
    return (
        CompanionAllowance(
            amount, rate.minimum_wage, rate.percent, row.article, row.effective_from, rate.act
        ),
        notes,
    )


def check_grade(grade: object, parameter: str = "invalidity_grade") -> int:
    if isinstance(grade, bool) or grade not in GRADES:
        raise PensionInputError(parameter, "Gradul de invaliditate este I, II sau III.")
    return int(grade)  # type: ignore[call-overload]


__all__ = [
    "CompanionAllowance",
    "PotentialStage",
    "check_grade",
    "companion_allowance",
    "potential_stage",
]
