"""Pension rules of Law 360/2023, pure: no Flask, no HTTP, no database.

Public API (all amounts Decimal, all results frozen dataclasses with ``to_dict()``):

- ``estimate(EstimateInput) -> Estimate``: points, gross, early reduction, net; ``lines`` (label
  in Romanian, value, article, section, rule date) add up per section to ``total_points``,
  ``gross`` and ``net``.
- ``net_amount(gross, on_date, handicap=None) -> NetResult``.
- ``retirement(birth_date, sex, children=0, *, stage=None, ...) -> RetirementResult``, with the
  age reductions of art. 48, 51, 52, 53 and 56 (``reductions``).
- ``working.working_while_retired`` / ``working.recalculate_with_work``: work after the pension
  starts (art. 94(6), 101(1) j), 105).
- ``estimate_from_query`` / ``net_from_query`` / ``retirement_from_query``: the same from
  query-string parameters (the names of the JSON API).
- ``EstimateInput.kind`` (API ``kind``): ``varsta`` (default), ``invaliditate`` (art. 61-70, 87;
  ``invalidity``), ``urmas`` (art. 73-81; ``survivor``), ``in_plata`` (art. 144; ``in_payment``),
  all answered as the same ``Estimate`` with the same cited lines.
- Bad input of any kind raises ``PensionInputError(parameter, message)``, message in Romanian.

Rule values live in ``data/*.csv``, are chosen by date and carry their article.
"""

from domain.pension.by_kind import estimate
from domain.pension.errors import PensionInputError
from domain.pension.estimate import (
    Estimate,
    EstimateInput,
    IncomeEntry,
    SocialIndemnity,
)
from domain.pension.lines import GROSS, NET, POINTS, Line
from domain.pension.net import NetResult, net_amount
from domain.pension.periods import Span, Stage, YearMonth
from domain.pension.query import (
    ESTIMATE_PARAMETERS,
    KIND_PARAMETERS,
    NET_PARAMETERS,
    RETIREMENT_PARAMETERS,
    estimate_from_query,
    estimate_input_from_query,
    income_from_mapping,
    net_from_query,
    parse_income_entry,
    retirement_from_query,
)
from domain.pension.retirement import RetirementResult, retirement
from domain.pension.scores import AnnualScore

__all__ = [
    "ESTIMATE_PARAMETERS",
    "GROSS",
    "KIND_PARAMETERS",
    "NET",
    "NET_PARAMETERS",
    "POINTS",
    "RETIREMENT_PARAMETERS",
    "AnnualScore",
    "Estimate",
    "EstimateInput",
    "IncomeEntry",
    "Line",
    "NetResult",
    "PensionInputError",
    "RetirementResult",
    "SocialIndemnity",
    "Span",
    "Stage",
    "YearMonth",
    "estimate",
    "estimate_from_query",
    "estimate_input_from_query",
    "income_from_mapping",
    "net_amount",
    "net_from_query",
    "parse_income_entry",
    "retirement",
    "retirement_from_query",
]
