"""The estimate of every pension kind: the kind chosen (``kinds.resolve_kind``), then its module.

Kept apart from ``estimate`` because the survivor's and in-payment kinds build on it (the
deceased's points, the Estimate itself): importing them there would be a cycle.
"""

from domain.pension.estimate import Estimate, EstimateInput, own_career_estimate
from domain.pension.in_payment import in_payment_estimate
from domain.pension.kinds import IN_PAYMENT, SURVIVOR, resolve_kind
from domain.pension.survivor import survivor_estimate


def estimate(data: EstimateInput) -> Estimate:
    """Estimate the pension starting on ``data.start_date``; bad input → PensionInputError."""
    kind = resolve_kind(getattr(data, "kind", None), getattr(data, "invalidity_grade", None))
    if kind == SURVIVOR:
        return survivor_estimate(data)
    if kind == IN_PAYMENT:
        return in_payment_estimate(data)
    return own_career_estimate(data)
