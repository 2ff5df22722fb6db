"""Age reductions that need no cut: working conditions (art. 48, 54), handicap (art. 52) and
severe visual deficiency (art. 53). ``retirement`` combines them with art. 51 and art. 56.

Readings of the law applied here:

- Art. 48(1): tables 1 and 2 count *completed* years ("ani împliniți") of stage in "deosebite"
  conditions (table 1: 4 months a year, at most 7 years from 21 years on) and in group I /
  special conditions (table 2: 6 months a year, at most 10 years from 20 years on). Both need the
  complete contributory stage, like art. 51.
- Art. 54(1): the special stage "for which table 2 gives no reduction" is added to the
  "deosebite" months for table 1: the fraction of a year left over after table 2's completed
  years and, read the same way, the special years beyond table 2's last row (20 years), which
  table 2 does not reward either. Read only as "the fraction", 22 years 11 months of special
  stage would give 4 months more than 23 years; this reading never gives a later age for a
  longer special stage.
- Art. 54(2)-(3): the reductions of art. 48 and art. 51 add up, at most 11 years in all, and the
  reduced age is never below 52 (women) or 54 (men).
- Art. 52: the Annex 5 age falls by 15 years (severe handicap, at least 1/3 of the complete
  stage realised with the handicap), 10 years (accentuated, 2/3) or 10 years (medium, the
  complete stage). Art. 54(2) does not list art. 52, so it is not added to art. 48 / 51: the
  more favourable of the two applies. Art. 54(3)'s minimum ages do not apply to it.
- Art. 53: severe visual deficiency with 1/3 of the complete stage realised in those conditions
  gives the pension for age limit at any age.
- "A third of the complete stage" is compared exactly: months × 3 ≥ complete stage in months.
- Not modelled: art. 48(1)(c) (political persecution, DL 118/1990), art. 49-50 (the special
  regimes of art. 28: mines, radiation, ...), art. 48(2) (stage in non-integrated systems).
"""

from dataclasses import dataclass
from datetime import date

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.periods import Span, Stage
from domain.pension.tables import conditions_reductions, handicap_reduction
from domain.pension.validation import MAX_MONTH_COUNT, check_int

HANDICAP_DEGREES = ("grav", "accentuat", "mediu")
VISUAL = "vedere"


@dataclass(frozen=True, slots=True)
class Reduction:
    """An age reduction: its size, the article that grants it and the rule's date."""

    span: Span
    article: str
    rule_date: date
    note: str = ""


def _stage_months(stage: Stage) -> int:
    return stage.total_months + (1 if stage.days else 0)


def check_condition_months(
    special_months: object, deosebite_months: object, stage: Stage | None
) -> tuple[int, int]:
    """Art. 48's months: whole numbers, together no longer than the stage when it is known."""
    special = check_int(special_months, "special_months", MAX_MONTH_COUNT)
    deosebite = check_int(deosebite_months, "deosebite_months", MAX_MONTH_COUNT)
    if stage is not None and special + deosebite > _stage_months(stage):
        raise PensionInputError(
            "special_months" if special else "deosebite_months",
            f"Lunile lucrate în condiții speciale și deosebite ({special + deosebite}) nu pot "
            f"depăși stagiul de cotizare ({stage}).",
        )
    return special, deosebite


def check_handicap_months(
    handicap: str | None, handicap_months: object, visual_months: object, stage: Stage | None
) -> None:
    """Art. 52-53's months: no longer than the stage when it is known; handicap months need
    the degree (``handicap`` already checked, see ``net.check_handicap``)."""
    for name, value in (("handicap_months", handicap_months), ("visual_months", visual_months)):
        months = check_int(value, name, MAX_MONTH_COUNT)
        if stage is not None and months > _stage_months(stage):
            raise PensionInputError(
                name,
                f"Lunile de stagiu în condiții de handicap sau deficiență vizuală ({months}) nu "
                f"pot depăși stagiul de cotizare ({stage}).",
            )
    if handicap_months and handicap is None:
        raise PensionInputError(
            "handicap", "Pentru lunile în condiții de handicap alegeți gradul de handicap."
        )


def _table_row(on: date, table: str, years: int) -> Reduction | None:
    rows = [row for row in conditions_reductions(on, table) if row.value.stage_years <= years]
    if not rows:
        return None
    row = rows[-1]
    return Reduction(row.value.reduction, row.article, row.effective_from)


def conditions_reduction(on: date, special_months: int, deosebite_months: int) -> list[Reduction]:
    """Art. 48(1)(a)-(b) with art. 54(1): the table 2 reduction, then the table 1 reduction."""
    found = []
    last = conditions_reductions(on, "special")[-1].value.stage_years
    special_years = min(special_months // 12, last)
    special_rest = special_months - special_years * 12
    if special_years and (row := _table_row(on, "special", special_years)) is not None:
        found.append(row)
    if (row := _table_row(on, "deosebite", (deosebite_months + special_rest) // 12)) is not None:
        article = row.article + (", art. 54 alin. (1)" if special_rest else "")
        found.append(Reduction(row.span, article, row.rule_date))
    return found


def _meets(months: int, complete_stage: Span, numerator: int, denominator: int) -> bool:
    return months * denominator >= complete_stage.total_months * numerator


def _fraction(numerator: int, denominator: int) -> str:
    if numerator == denominator:
        return "stagiul complet"
    names = {(1, 3): "o treime", (2, 3): "două treimi"}
    return (
        names.get((numerator, denominator), f"{numerator}/{denominator}") + " din stagiul complet"
    )


def handicap_age(
    on: date, handicap: str | None, handicap_months: int, complete_stage: Span
) -> tuple[Reduction | None, str]:
    """Art. 52: the reduction for a handicap degree, or None and why not (a note, may be empty)."""
    if handicap is None or handicap not in HANDICAP_DEGREES:
        return None, ""
    row = handicap_reduction(on, handicap)
    rule = row.value
    assert rule.reduction is not None
    if not _meets(handicap_months, complete_stage, rule.stage_numerator, rule.stage_denominator):
        return None, (
            f"Reducerea de vârstă pentru handicap {handicap} ({rule.reduction}, {row.article}) "
            f"cere un stagiu de cotizare contributiv realizat în condiții de handicap de cel puțin "
            f"{_fraction(rule.stage_numerator, rule.stage_denominator)} ({complete_stage}); "
            f"ați dat {ro.count(handicap_months, 'lună', 'luni')}."
        )
    return Reduction(
        rule.reduction,
        row.article,
        row.effective_from,
        f"Handicap {handicap}, dovedit cu certificat cu valabilitate permanentă (Legea nr. "
        f"448/2006): vârsta standard din anexa nr. 5 se reduce cu {rule.reduction} ("
        f"{row.article}); perioadele de asigurare prin contract nu se numără (art. 52 alin. (2)).",
    ), ""


def visual_any_age(on: date, visual_months: int, complete_stage: Span) -> tuple[bool, str, str]:
    """Art. 53: whether the pension is due at any age; the article and a note."""
    if not visual_months:
        return False, "", ""
    row = handicap_reduction(on, VISUAL)
    rule = row.value
    met = _meets(visual_months, complete_stage, rule.stage_numerator, rule.stage_denominator)
    if met:
        return (
            True,
            row.article,
            (
                f"Deficiență vizuală gravă cu cel puțin o treime din stagiul complet ({complete_stage}) "
                f"realizată în aceste condiții: pensia pentru limită de vârstă se cuvine indiferent de "
                f"vârstă ({row.article})."
            ),
        )
    return (
        False,
        row.article,
        (
            f"Pensia pentru deficiență vizuală gravă ({row.article}) cere un stagiu de cotizare "
            f"contributiv realizat în aceste condiții de cel puțin o treime din stagiul complet "
            f"({complete_stage}); ați dat {ro.count(visual_months, 'lună', 'luni')}."
        ),
    )
