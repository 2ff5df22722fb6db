"""Whether a pension starting on a date is reduced as an early pension (art. 58-59), and by how much.

The law's reading (art. 58(3), table 4): the old-age amount falls by the table's rate *times* the
months of anticipation, the rate chosen by the stage beyond the complete stage. (Some press
applies the rates in cumulative bands; the law's text does not.)

Readings where the text leaves room:

- Months of anticipation: from the pension start to the Annex 5 age (art. 59 forbids counting
  from an age already reduced by art. 51). A started month counts as a month: a start 2 months
  and 10 days early is 3 months of anticipation, so an estimate never overstates the pension.
- Table 4's bands "up to one year" and "between one and two years" share their edge; exactly
  one year beyond the complete stage takes the lower rate (0.35 %), the one in the pensioner's
  favour. Likewise 2, 3 and 4 years.
- "Stage beyond the complete stage" (art. 58(3)) is the *stage* of art. 3 q): contributory plus
  the assimilated periods (studies, military service), ``total_stage``; the complete
  contributory stage itself must be reached by the contributory stage alone (art. 58(1)).
- 5 years or more beyond the complete stage is art. 56: no reduction for a start at most 5 years
  early.
- Not modelled: art. 58(2) (insurance contracts from 2018 do not count toward the complete stage
  for an early pension); the caller gives the stage that counts.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.periods import Stage, completed_months
from domain.pension.retirement import RetirementResult
from domain.pension.tables import early_rates

STANDARD = "standard"
CHILDREN = "art51"
LONG_STAGE = "art56"
EARLY = "early"
CONDITIONS = "art48"
HANDICAP = "art52"
VISUAL = "art53"


@dataclass(frozen=True, slots=True)
class EarlyAssessment:
    kind: str
    anticipation_months: int = 0
    percent_per_month: Decimal = Decimal(0)
    percent: Decimal = Decimal(0)
    article: str = ""
    rule_date: date | None = None

    def label(self) -> str:
        return (
            f"Diminuare pensie anticipată: {ro.count(self.anticipation_months, 'lună', 'luni')} "
            f"de anticipare × {ro.number(self.percent_per_month, 2)}% = "
            f"{ro.number(self.percent, 2)}%"
        )


def assess(
    start: date, retirement: RetirementResult, stage: Stage, total_stage: Stage | None = None
) -> EarlyAssessment:
    """Classify the start date; raises PensionInputError when no pension is due that early.

    ``stage`` is the contributory stage (art. 47(4)); ``total_stage`` adds the assimilated
    periods and picks the table 4 rate (None: ``stage``).
    """
    if start >= retirement.standard_date:
        kind = STANDARD if start >= retirement.annex5_date else retirement.reduced_by or CHILDREN
        return EarlyAssessment(kind)
    if start >= retirement.earliest_full_pension_date:
        return EarlyAssessment(LONG_STAGE)

    beyond = stage.beyond(retirement.complete_stage)
    if beyond is None:
        raise PensionInputError(
            "start_date",
            f"La {ro.short_date(start)} nu ați împlinit vârsta standard de pensionare "
            f"({retirement.standard_age}, la {ro.short_date(retirement.standard_date)}). Pensia "
            f"anticipată se cuvine numai cu stagiul complet de cotizare "
            f"({retirement.complete_stage}); stagiul dat este {stage} (art. 58 alin. (1)).",
        )
    if total_stage is not None:
        beyond = total_stage.beyond(retirement.complete_stage) or beyond
    if start < retirement.earliest_early_date:
        raise PensionInputError(
            "start_date",
            f"Pensia anticipată se poate cere cu cel mult 5 ani înaintea vârstei standard de "
            f"pensionare, deci cel mai devreme la {ro.short_date(retirement.earliest_early_date)} "
            f"(art. 58 alin. (1)).",
        )

    months = retirement.annex5_age.total_months - completed_months(retirement.birth_date, start)
    for row in early_rates(start):
        rate = row.value
        if rate.over_from_years <= beyond.years < rate.over_to_years:
            return EarlyAssessment(
                EARLY,
                months,
                rate.percent_per_month,
                rate.percent_per_month * months,
                row.article,
                row.effective_from,
            )
    # Only reachable if the data's bands stop short of art. 56's 5 years.
    raise PensionInputError(
        "start_date",
        f"Nu avem procentul de diminuare pentru un stagiu cu {beyond} peste stagiul complet.",
    )
