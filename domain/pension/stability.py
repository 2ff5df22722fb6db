"""Stability points for contributory stage beyond 25 years (art. 85(3)-(5)).

Each band (25-30, 30-35, over 35 years) pays its points per whole year of the stage that falls in
it; the months and days above the last whole year fall in the band of that year and are paid at
its per-month and per-day values (art. 85(5), "proporțional", with the CNPP's published values).
Paying whole years at the yearly value keeps 35 years at exactly 6.25 points, which twelve
0.04167-point months would not (0.50004).

The limits are read as "above": exactly 25 years give nothing, exactly 30 give 2.50 (all in the
first band), and one more day is paid at the 30-35 band's daily value.

Not modelled: art. 85(6) (no stability points for periods of cumulating a pension with a salary)
and art. 85(4) (public-system stage only); the caller gives the public contributory stage.
"""

from datetime import date
from decimal import Decimal

from domain import ro
from domain.pension.lines import POINTS, Line
from domain.pension.periods import Stage
from domain.pension.tables import stability_bands


def stability_lines(stage: Stage, on: date) -> list[Line]:
    """One line per band that pays something, for a stage given in years, months and days."""
    lines = []
    for row in stability_bands(on):
        band = row.value
        top = stage.years if band.up_to_years is None else min(stage.years, band.up_to_years)
        years = max(0, top - band.above_years)
        holds_fraction = stage.years >= band.above_years and (
            band.up_to_years is None or stage.years < band.up_to_years
        )
        months, days = (stage.months, stage.days) if holds_fraction else (0, 0)
        value = years * band.per_year + months * band.per_month + days * band.per_day
        if not value:
            continue
        parts = [
            f"{ro.count(years, 'an', 'ani')} × {ro.number(band.per_year, 2)}" if years else "",
            f"{ro.count(months, 'lună', 'luni')} × {ro.number(band.per_month)}" if months else "",
            f"{ro.count(days, 'zi', 'zile')} × {ro.number(band.per_day)}" if days else "",
        ]
        if band.up_to_years is None:
            where = f"peste {band.above_years} de ani de stagiu"
        else:
            where = f"între {band.above_years} și {band.up_to_years} de ani de stagiu"
        label = f"Puncte de stabilitate, {where}: " + " + ".join(p for p in parts if p)
        lines.append(Line(label, value, row.article, POINTS, row.effective_from))
    return lines


def stability_points(stage: Stage, on: date) -> Decimal:
    return sum((line.value for line in stability_lines(stage, on)), Decimal(0))
