"""Working while retired (issue 10): an early pension is suspended (art. 101(1) j), 105 b)); a
pension for age limit is cumulated and recalculated once a year with the new stage, paid from
the next month (art. 94(6), (9)), without stability points (art. 85(6))."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import GROSS, POINTS, EstimateInput, PensionInputError, Stage, estimate
from domain.pension.lines import section_total
from domain.pension.working import (
    CUMULATED,
    SUSPENDED,
    recalculate_with_work,
    working_while_retired,
)


def test_an_early_pension_is_suspended_from_the_month_after_work_starts():
    result = working_while_retired(True, date(2026, 3, 15))
    assert result.effect == SUSPENDED
    assert not result.may_cumulate
    assert result.suspended_from == date(2026, 4, 1)
    assert "art. 101 alin. (1) lit. j), art. 105 lit. b)" in result.articles
    assert working_while_retired(True, date(2026, 12, 1)).suspended_from == date(2027, 1, 1)


def test_an_age_limit_pension_is_cumulated():
    result = working_while_retired(False)
    assert result.effect == CUMULATED
    assert result.may_cumulate and result.recalculation_allowed
    assert "art. 85 alin. (6)" in result.articles


def test_the_recalculation_adds_the_new_scores_and_is_paid_from_the_next_month():
    result = recalculate_with_work(Decimal(30), Decimal("1.5"), date(2026, 5, 20))
    assert result.paid_from == date(2026, 6, 1)
    assert result.total_points == Decimal("31.5")
    assert result.gross == 2552  # 31.5 × 81 = 2,551.5, rounded up (art. 83(2))
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert recalculate_with_work(Decimal(30), 1, date(2026, 12, 31)).paid_from == date(2027, 1, 1)


def test_only_one_recalculation_a_calendar_year():
    with pytest.raises(PensionInputError) as error:
        recalculate_with_work(30, 1, date(2026, 11, 2), previous_request=date(2026, 1, 5))
    assert "art. 94 alin. (6)" in error.value.message
    later = recalculate_with_work(30, 1, date(2027, 1, 4), previous_request=date(2026, 12, 30))
    assert later.paid_from == date(2027, 2, 1)


def test_an_early_pension_is_not_recalculated_while_working():
    with pytest.raises(PensionInputError) as error:
        recalculate_with_work(30, 1, date(2026, 5, 20), early=True)
    assert "art. 101 alin. (1) lit. j)" in error.value.message


def test_the_estimate_says_what_work_does_to_the_pension():
    base = {"contributory_stage": Stage(36), "points": Decimal(30), "sex": "M"}
    birth = date(1965, 5, 20)
    early = estimate(EstimateInput(date(2029, 5, 20), birth_date=birth, **base))
    assert early.working.effect == SUSPENDED
    assert early.to_dict()["working"]["effect"] == SUSPENDED
    standard = estimate(EstimateInput(date(2030, 5, 20), birth_date=birth, **base))
    assert standard.working.effect == CUMULATED
    no_age = estimate(EstimateInput(date(2030, 5, 20), Stage(36), Decimal(30)))
    assert no_age.working is None
