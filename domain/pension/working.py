"""Working while retired (art. 94(6),(9), 101(1) j), 102(1) e), 105, 85(6)).

- A pension for age limit (also one at an age reduced by art. 48, 51, 52, 53 or 56) may be
  cumulated with income from work of any size (art. 105).
- An early pension (art. 58) may not: its payment is suspended from the month after the one in
  which the pensioner starts earning income of art. 6(1) a), b) or d) (salary, public office,
  self-employment; art. 101(1) j), art. 105 b)), and resumes on request from the month after the
  one the work stops (art. 102(1) e)). At the standard age it becomes a pension for age limit,
  without the cut and with the stage of the suspension (art. 60(1)).
- The stage realised after the pension starts is added once a calendar year, on request (art.
  94(6)); the new amount is paid from the month after the request (art. 94(9)).
- No stability points for the periods in which the pension is cumulated with income (art.
  85(6)): the points added are the annual scores of that period only.

Readings: the once-a-year limit counts requests by calendar year of registration; the caller
gives the annual scores of the new stage (``added_points``), as the CNPP's report states them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.lines import GROSS, POINTS, Line, section_total
from domain.pension.periods import add_months
from domain.pension.tables import int_parameter, law_in_force, parameter, reference_point_values
from domain.pension.validation import MAX_POINTS, check_date, check_decimal

ONE_LEU = Decimal(1)
SUSPENDED = "suspendată"
CUMULATED = "cumul"


def _month_after(day: date, months: int) -> date:
    return add_months(day.replace(day=1), months)


@dataclass(frozen=True, slots=True)
class WorkWhileRetired:
    """What working does to the pension: cumulated, or suspended for an early pension."""

    pension_kind: str
    effect: str
    may_cumulate: bool
    suspended_from: date | None
    recalculation_allowed: bool
    articles: tuple[str, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pension_kind": self.pension_kind,
            "effect": self.effect,
            "may_cumulate": self.may_cumulate,
            "suspended_from": self.suspended_from.isoformat() if self.suspended_from else None,
            "recalculation_allowed": self.recalculation_allowed,
            "articles": list(self.articles),
            "notes": list(self.notes),
        }


def working_while_retired(
    early: bool, work_start: date | None = None, pension_kind: str = ""
) -> WorkWhileRetired:
    """The effect of work on a pension; ``early`` for an early pension (art. 58).

    ``work_start``, when given, dates the suspension of an early pension.
    """
    if work_start is not None:
        work_start = check_date(work_start, "work_start")
    on = max(work_start or law_in_force(), law_in_force())
    if early:
        row = parameter("early_suspension_after_months", on)
        resume = parameter("early_resumption_after_months", on)
        suspended = None if work_start is None else _month_after(work_start, int(row.value))
        when = (
            f"din {ro.short_date(suspended)}"
            if suspended
            else "din luna următoare celei în care începeți să lucrați"
        )
        return WorkWhileRetired(
            pension_kind or "early",
            SUSPENDED,
            False,
            suspended,
            False,
            (row.article, resume.article, "art. 60 alin. (1)"),
            (
                f"Pensia anticipată nu se cumulează cu un salariu sau cu venituri din activități "
                f"independente: plata se suspendă {when} ({row.article}) și se reia, la cerere, "
                f"din luna următoare încetării activității ({resume.article}). La vârsta standard "
                f"devine pensie pentru limită de vârstă, fără diminuare și cu stagiul realizat "
                f"între timp (art. 60 alin. (1)).",
            ),
        )
    once = parameter("recalculations_per_year", on)
    paid = parameter("recalculation_paid_after_months", on)
    return WorkWhileRetired(
        pension_kind or "standard",
        CUMULATED,
        True,
        None,
        True,
        ("art. 105", once.article, paid.article, "art. 85 alin. (6)"),
        (
            "Pensia pentru limită de vârstă se cumulează cu veniturile din muncă, oricât de mari "
            "(art. 105).",
            f"Stagiul realizat după pensionare se adaugă la cerere, o singură dată într-un an "
            f"calendaristic ({once.article}); pensia recalculată se plătește din luna următoare "
            f"cererii ({paid.article}). Pentru perioadele de cumul nu se acordă puncte de "
            f"stabilitate (art. 85 alin. (6)).",
        ),
    )


@dataclass(frozen=True)
class Recalculation:
    request_date: date
    paid_from: date
    total_points: Decimal
    reference_point_value: Decimal
    gross: Decimal
    lines: tuple[Line, ...]

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "request_date": self.request_date.isoformat(),
            "paid_from": self.paid_from.isoformat(),
            "total_points": number(self.total_points),
            "reference_point_value": number(self.reference_point_value),
            "gross": number(self.gross),
            "lines": [line.to_dict(number) for line in self.lines],
        }


def recalculate_with_work(
    total_points: Decimal,
    added_points: Decimal,
    request_date: date,
    *,
    early: bool = False,
    previous_request: date | None = None,
) -> Recalculation:
    """Art. 94(6),(9): the pension with the annual scores of the stage realised while retired.

    ``total_points`` are the decision's points; ``added_points`` the annual scores of the new
    stage (no stability points, art. 85(6)). Refused for an early pension (suspended, art.
    101(1) j)) and for a second request in the same calendar year (art. 94(6)).
    """
    total_points = check_decimal(total_points, "total_points", MAX_POINTS)
    added_points = check_decimal(added_points, "added_points", MAX_POINTS)
    request_date = check_date(request_date, "request_date")
    if request_date < law_in_force():
        raise PensionInputError(
            "request_date",
            f"Recalcularea urmează Legea nr. 360/2023, aplicabilă de la "
            f"{ro.short_date(law_in_force())}.",
        )
    if early:
        raise PensionInputError(
            "request_date",
            "Pensia anticipată nu se recalculează cu stagiul realizat în timp ce lucrați: plata "
            "ei se suspendă (art. 101 alin. (1) lit. j)), iar stagiul se adaugă la trecerea la "
            "pensia pentru limită de vârstă (art. 60 alin. (1)).",
        )
    once = parameter("recalculations_per_year", request_date)
    if previous_request is not None:
        previous_request = check_date(previous_request, "previous_request")
        if previous_request.year == request_date.year and int(once.value) <= 1:
            raise PensionInputError(
                "request_date",
                f"Ați cerut deja recalcularea în {request_date.year}; stagiul se adaugă o singură "
                f"dată într-un an calendaristic ({once.article}), deci din "
                f"{ro.short_date(date(request_date.year + 1, 1, 1))}.",
            )
    paid_from = _month_after(
        request_date, int_parameter("recalculation_paid_after_months", request_date)
    )
    vpr = reference_point_values().at(paid_from)
    if vpr is None:  # paid_from is after law_in_force, the first VPR row
        raise PensionInputError("request_date", "Nu avem valoarea punctului de referință.")
    points_lines = [
        Line(
            "Numărul total de puncte din decizia de pensie",
            total_points,
            "art. 85 alin. (1)",
            POINTS,
        ),
        Line(
            "Punctajele anuale ale stagiului realizat după pensionare (fără puncte de stabilitate)",
            added_points,
            f"{once.article}, art. 85 alin. (6)",
            POINTS,
            once.effective_from,
        ),
    ]
    points = section_total(points_lines, POINTS)
    exact = points * vpr.value
    rounding = parameter("pension_rounding", paid_from)
    gross = exact.quantize(ONE_LEU, rounding=rounding.value)
    gross_lines = [
        Line(
            f"Pensia recalculată: {ro.number(points)} puncte × {ro.number(vpr.value)} lei, "
            f"plătită din {ro.short_date(paid_from)}",
            exact,
            f"{vpr.article}; art. 94 alin. (9)",
            GROSS,
            vpr.effective_from,
        )
    ]
    if gross != exact:
        gross_lines.append(
            Line(
                "Fracțiunea de leu se întregește la un leu, în favoarea pensionarului",
                gross - exact,
                rounding.article,
                GROSS,
                rounding.effective_from,
            )
        )
    return Recalculation(
        request_date, paid_from, points, vpr.value, gross, tuple(points_lines + gross_lines)
    )
