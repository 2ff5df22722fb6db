"""The net pension paid on a date: tax-free threshold, CASS from 1 August 2025, income tax.

Rules by date (``pension_tax_rules.csv``):

- until 30 Sep 2024: 10 % income tax on the part above 2,000 lei;
- from 1 Oct 2024: 10 % on the part above 3,000 lei;
- from 1 Aug 2025: first 10 % CASS on the part above 3,000 lei, then 10 % income tax on
  (pension - 3,000 - CASS).

CASS and the tax are withheld in whole lei, rounded half up (``withholding_rounding`` in
rules.csv), as the CNPP's own example shows: 4,467 lei gross on 1 Oct 2024 → tax 146.70 →
147 withheld → 4,320 net. The tax base uses the CASS as withheld. The lines keep the unrounded
figures plus one rounding line, so they add up to the net exactly; the result's
``health_contribution`` and ``income_tax`` are the whole-lei amounts withheld, and
gross = health_contribution + income_tax + net.

Handicap (``handicap``, ``tax_exemptions.csv``): a pensioner with a severe or accentuated
handicap pays no income tax on the pension (Tax Code art. 60 pct. 1 lit. c)) but does pay CASS
(only the handicap allowance is exempt from it, as the CNPP says); a medium handicap changes
nothing.

CASS end date: the press reports that CASS on pensions applies until 31 Dec 2027, but the text of
Law 141/2025 the project holds gives no end date, so the rule stays open (see SOURCES.md).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain import ro
from domain.pension.errors import PensionInputError
from domain.pension.lines import NET, Line
from domain.pension.tables import parameter, tax_exemption, tax_rules
from domain.pension.validation import MAX_AMOUNT, check_date, check_decimal

ONE_LEU = Decimal(1)


@dataclass(frozen=True)
class NetResult:
    gross: Decimal
    health_contribution: Decimal
    income_tax: Decimal
    net: Decimal
    health_contribution_exact: Decimal
    income_tax_exact: Decimal
    tax_free_threshold: Decimal
    on_date: date
    rules_as_of: date
    lines: tuple[Line, ...]

    def to_dict(self, number: Any = lambda value: value) -> dict[str, Any]:
        return {
            "gross": number(self.gross),
            "health_contribution": number(self.health_contribution),
            "income_tax": number(self.income_tax),
            "net": number(self.net),
            "health_contribution_exact": number(self.health_contribution_exact),
            "income_tax_exact": number(self.income_tax_exact),
            "tax_free_threshold": number(self.tax_free_threshold),
            "date": self.on_date.isoformat(),
            "rules_as_of": self.rules_as_of.isoformat(),
            "lines": [line.to_dict(number) for line in self.lines],
        }


HANDICAPS = ("grav", "accentuat", "mediu")


def check_handicap(handicap: object, parameter: str = "handicap") -> str | None:
    if handicap is None:
        return None
    if handicap not in HANDICAPS:
        raise PensionInputError(parameter, "Gradul de handicap se scrie grav, accentuat sau mediu.")
    return str(handicap)


def net_amount(gross: Decimal | int | str, on_date: date, handicap: str | None = None) -> NetResult:
    """Net pension for a gross amount paid on ``on_date``; ``handicap`` grav/accentuat/mediu."""
    gross = check_decimal(gross, "gross", MAX_AMOUNT)
    on_date = check_date(on_date, "date")
    return net_on(gross, on_date, "date", check_handicap(handicap))


def net_on(
    gross: Decimal, on_date: date, date_parameter: str, handicap: str | None = None
) -> NetResult:
    """``net_amount`` for checked input; ``date_parameter`` names the date in errors."""
    found = tax_rules().at(on_date)
    if found is None:
        first = tax_rules().first.effective_from
        raise PensionInputError(
            date_parameter,
            f"Nu avem regulile de impozitare a pensiilor pentru {ro.short_date(on_date)}; "
            f"datele încep la {ro.short_date(first)}.",
        )
    rule = found.value
    rounding_row = parameter("withholding_rounding", on_date)
    threshold = rule.tax_free_threshold

    lines = [Line("Pensia brută", gross, "art. 83 alin. (1)-(2)", NET)]
    above = max(Decimal(0), gross - threshold)
    cass_exact = above * rule.cass_percent / 100
    cass = cass_exact.quantize(ONE_LEU, rounding=rounding_row.value)
    if rule.cass_percent:
        lines.append(
            Line(
                f"Contribuția de asigurări sociale de sănătate (CASS): "
                f"{ro.number(rule.cass_percent)}% din partea de peste {ro.number(threshold)} lei "
                f"({ro.number(above)} lei)",
                -cass_exact,
                rule.cass_article,
                NET,
                found.effective_from,
            )
        )
    base = max(Decimal(0), gross - threshold - cass)
    exempt = tax_exemption(on_date, handicap)
    if exempt is not None and exempt.value.income_tax_exempt:
        tax_exact = Decimal(0)
        lines.append(
            Line(
                f"Impozit pe venit: scutit, pensionar cu handicap {handicap} (CASS se datorează)",
                Decimal(0),
                exempt.article,
                NET,
                exempt.effective_from,
            )
        )
    else:
        tax_exact = base * rule.income_tax_percent / 100
        less_cass = " − CASS" if rule.cass_percent else ""
        lines.append(
            Line(
                f"Impozit pe venit: {ro.number(rule.income_tax_percent)}% din (pensie − "
                f"{ro.number(threshold)} lei neimpozabili{less_cass}) = "
                f"{ro.number(rule.income_tax_percent)}% × {ro.number(base)} lei",
                -tax_exact,
                rule.tax_article,
                NET,
                found.effective_from,
            )
        )
    tax = tax_exact.quantize(ONE_LEU, rounding=rounding_row.value)
    adjustment = (cass_exact - cass) + (tax_exact - tax)
    if adjustment:
        lines.append(
            Line(
                "Rotunjire: CASS și impozitul se rețin în lei întregi",
                adjustment,
                rounding_row.article,
                NET,
                rounding_row.effective_from,
            )
        )
    net = gross - cass - tax
    return NetResult(
        gross=gross,
        health_contribution=cass,
        income_tax=tax,
        net=net,
        health_contribution_exact=cass_exact,
        income_tax_exact=tax_exact,
        tax_free_threshold=threshold,
        on_date=on_date,
        rules_as_of=max(found.effective_from, rounding_row.effective_from),
        lines=tuple(lines),
    )
