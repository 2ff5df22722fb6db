"""A pension already in payment (art. 144 of Law 360/2023): the decision's points at today's VPR.

- Art. 144(1)-(2): a pension set under the earlier law is recalculated as the total number of
  points of the recalculation decision (annual scores plus stability points) × the reference
  point value; here the VPR in force today (``ro.today()``, at the earliest 1 Sept 2024), with
  fractions of a leu rounded up (art. 83(2)). The start date may be any day up to today, before
  1 Sept 2024 too: it only tells whether art. 144 applies (a pension set before that date) or
  art. 83 alone (one set under this law).
- Art. 144(5)-(6): if the result is higher than the amount in payment (``amount_in_payment``),
  the higher one is paid; if it is lower, the amount in payment is kept until the VPR's growth
  gives more. The difference is a line of its own.
- The net is the one withheld today.

Not modelled: art. 144(3)-(4) (early pensions of the old law: the decision's points already
tell the amount; a partial early pension keeps its reduction, which the caller's amount in
payment shows), art. 154 (farmers' pensions before 1 April 2001).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.estimate import Estimate, EstimateInput, social_top_up
from domain.pension.kinds import IN_PAYMENT
from domain.pension.lines import GROSS, POINTS, Line, latest_rule_date
from domain.pension.net import net_on
from domain.pension.periods import Stage
from domain.pension.scores import ScoreRules
from domain.pension.tables import (
    law_in_force,
    parameter,
    reference_point_values,
)
from domain.pension.validation import MAX_AMOUNT, MAX_POINTS, check_date, check_decimal

ONE_LEU = Decimal(1)

# The only inputs of this kind besides the start date and the points; any other is refused so a
# mistyped kind does not silently ignore a whole career.
_USED = {"start_date", "points", "amount_in_payment", "kind"}


@dataclass(frozen=True, slots=True)
class InPaymentDetails:
    decision_points: Decimal
    on_date: date
    recalculated: Decimal
    amount_in_payment: Decimal | None
    kept_amount_in_payment: bool
    article: str

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "decision_points": number(self.decision_points),
            "on_date": self.on_date.isoformat(),
            "recalculated": number(self.recalculated),
            "amount_in_payment": (
                None if self.amount_in_payment is None else number(self.amount_in_payment)
            ),
            "kept_amount_in_payment": self.kept_amount_in_payment,
            "article": self.article,
        }


def _check_fields(data: EstimateInput) -> None:
    defaults = EstimateInput(start_date=data.start_date)
    for name in EstimateInput.__dataclass_fields__:
        if name not in _USED and getattr(data, name) != getattr(defaults, name):
            raise PensionInputError(
                "contributory_years" if name == "contributory_stage" else name,
                "Pentru o pensie în plată se folosesc numai data de început, numărul total de "
                "puncte din decizie (points) și, dacă îl știți, cuantumul în plată "
                "(amount_in_payment).",
            )


def in_payment_estimate(data: EstimateInput, today: date | None = None) -> Estimate:
    """The amount of a pension in payment today; bad input → PensionInputError."""
    if not isinstance(data, EstimateInput):
        raise PensionInputError("input", "Datele pentru calcul lipsesc.")
    _check_fields(data)
    start = check_date(data.start_date, "start_date")
    today = today or ro.today()
    if start > today:
        raise PensionInputError(
            "start_date",
            f"O pensie aflată în plată a început deja: data de început nu poate fi după azi "
            f"({ro.short_date(today)}).",
        )
    if data.points is None:
        raise PensionInputError(
            "points",
            "Scrieți numărul total de puncte din decizia de pensie (sau de recalculare).",
        )
    points = check_decimal(data.points, "points", MAX_POINTS)
    paid_before = None
    if data.amount_in_payment is not None:
        paid_before = check_decimal(data.amount_in_payment, "amount_in_payment", MAX_AMOUNT)

    on = max(today, law_in_force())
    old_law = start < law_in_force()
    article = "art. 144 alin. (1)-(2)" if old_law else "art. 85 alin. (1)"
    rules = ScoreRules.on(on)
    total_points = rules.round(points)
    points_lines = [
        Line(
            "Numărul total de puncte din decizie (punctaje anuale și puncte de stabilitate)",
            total_points,
            article,
            POINTS,
        )
    ]
    vpr = reference_point_values().at(on)
    assert vpr is not None  # on is at least the first VPR row
    notes = []
    if on.year > reference_point_values().last.effective_from.year:
        notes.append(
            f"Valoarea punctului de referință pentru {on.year} nu este încă stabilită; folosim "
            f"ultima cunoscută ({ro.number(vpr.value)} lei)."
        )
    exact = total_points * vpr.value
    vpr_article = f"art. 144 alin. (1); {vpr.article}" if old_law else vpr.article
    gross_lines = [
        Line(
            f"Pensia la {ro.short_date(on)}: {ro.number(total_points)} puncte × "
            f"{ro.number(vpr.value)} lei (valoarea punctului de referință)",
            exact,
            vpr_article,
            GROSS,
            vpr.effective_from,
        )
    ]
    rounding = parameter("pension_rounding", on)
    recalculated = exact.quantize(ONE_LEU, rounding=rounding.value)
    if recalculated != exact:
        gross_lines.append(
            Line(
                "Fracțiunea de leu se întregește la un leu, în favoarea pensionarului",
                recalculated - exact,
                rounding.article,
                GROSS,
                rounding.effective_from,
            )
        )
    kept = False
    if paid_before is not None and old_law:
        if paid_before > recalculated:
            kept = True
            gross_lines.append(
                Line(
                    f"Cuantumul recalculat ({ro.number(recalculated)} lei) este mai mic decât cel "
                    f"în plată ({ro.number(paid_before)} lei): se plătește în continuare cel în "
                    f"plată, până când creșterea punctului de referință dă un cuantum mai mare",
                    paid_before - recalculated,
                    "art. 144 alin. (6)",
                    GROSS,
                    law_in_force(),
                )
            )
        else:
            notes.append(
                f"Cuantumul recalculat ({ro.number(recalculated)} lei) nu este mai mic decât cel "
                f"în plată ({ro.number(paid_before)} lei): se plătește cel recalculat (art. 144 "
                f"alin. (5))."
            )
    elif paid_before is not None:
        notes.append(
            "Pensia a fost stabilită după Legea nr. 360/2023: art. 144 (păstrarea cuantumului "
            "în plată) nu se aplică; cuantumul este punctajul × valoarea punctului de referință."
        )
    if old_law:
        notes.append(
            "Pensie stabilită înainte de 1.09.2024: recalculată după art. 144; o pensie "
            "anticipată a devenit pensie anticipată fără diminuare (art. 144 alin. (3)), iar una "
            "anticipată parțială își păstrează diminuarea (alin. (4)), pe care punctajul din "
            "decizie nu o arată: verificați cuantumul în plată."
        )
    gross = paid_before if kept and paid_before is not None else recalculated
    paid = net_on(gross, on, "start_date")

    social = social_top_up(gross, on, notes)
    lines = tuple(points_lines + gross_lines + list(paid.lines))
    dates = [day for day in (latest_rule_date(lines), paid.rules_as_of) if day is not None]
    zero = Decimal(0)
    return Estimate(
        start_date=start,
        contributory_stage=Stage(),
        contributory_points=total_points,
        assimilated_points=zero,
        potential_points=zero,
        extra_points=zero,
        stability_points=zero,
        total_points=total_points,
        reference_point_value=vpr.value,
        amount_before_reduction=recalculated,
        anticipation_months=0,
        early_reduction_percent=zero,
        gross=gross,
        health_contribution=paid.health_contribution,
        income_tax=paid.income_tax,
        net=paid.net,
        rules_as_of=max(dates),
        lines=lines,
        social_indemnity=social,
        notes=tuple(notes),
        kind=IN_PAYMENT,
        in_payment=InPaymentDetails(
            total_points, on, recalculated, paid_before, kept, "art. 144 alin. (5)-(6)"
        ),
    )


__all__ = ["InPaymentDetails", "in_payment_estimate"]
