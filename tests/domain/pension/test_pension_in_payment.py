"""A pension already in payment (art. 144): the decision's points × today's VPR, and the rule that
a lower result keeps the amount in payment (art. 144(6))."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.pension import (
    GROSS,
    NET,
    POINTS,
    EstimateInput,
    PensionInputError,
    Stage,
    estimate,
    estimate_from_query,
)
from domain.pension.in_payment import in_payment_estimate
from domain.pension.lines import section_total

TODAY = date(2025, 3, 1)


def in_payment(today=TODAY, **fields):
    base = {"start_date": date(2012, 5, 1), "points": Decimal(20), "kind": "in_plata"}
    return in_payment_estimate(EstimateInput(**{**base, **fields}), today=today)


def assert_lines_add_up(result):
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert section_total(result.lines, NET) == result.net


def test_points_times_todays_vpr_for_a_pension_of_the_old_law():
    result = in_payment()
    assert result.kind == "in_plata"
    assert result.gross == Decimal(1620)  # 20 × 81
    assert result.section(POINTS)[0].article == "art. 144 alin. (1)-(2)"
    assert result.in_payment.on_date == TODAY
    assert_lines_add_up(result)


def test_a_lower_result_keeps_the_amount_in_payment():
    # Art. 144(6): 1,620 lei recalculated < 2,000 lei in payment → 2,000 lei are paid.
    result = in_payment(amount_in_payment=Decimal(2000))
    kept = next(line for line in result.lines if line.article == "art. 144 alin. (6)")
    assert kept.value == Decimal(380)
    assert result.gross == Decimal(2000)
    assert result.in_payment.kept_amount_in_payment
    assert result.in_payment.recalculated == Decimal(1620)
    assert_lines_add_up(result)


def test_a_higher_result_is_paid():
    result = in_payment(amount_in_payment=Decimal(1500))
    assert result.gross == Decimal(1620)
    assert not result.in_payment.kept_amount_in_payment
    assert any("art. 144 alin. (5)" in note for note in result.notes)


def test_fractions_of_a_leu_are_rounded_up():
    result = in_payment(points=Decimal("20.12345"))  # × 81 = 1,629.99945
    assert result.gross == Decimal(1630)
    assert_lines_add_up(result)


def test_the_vpr_before_the_law_is_the_law_s_first():
    # Before 1 Sept 2024 (art. 144(1): "la data intrării în vigoare"), the first VPR, 81 lei.
    result = in_payment(today=date(2024, 5, 1), start_date=date(2001, 1, 1))
    assert result.in_payment.on_date == date(2024, 9, 1)
    assert result.reference_point_value == Decimal(81)


def test_start_dates_before_the_law_are_accepted_only_for_this_kind():
    assert in_payment(start_date=date(1995, 1, 1)).gross == Decimal(1620)
    with pytest.raises(PensionInputError) as caught:
        estimate(EstimateInput(start_date=date(2012, 5, 1), points=Decimal(20)))
    assert caught.value.parameter == "start_date"


def test_a_pension_of_this_law_has_no_art_144_line():
    result = in_payment(start_date=date(2024, 11, 1), amount_in_payment=Decimal(2000))
    assert result.gross == Decimal(1620)
    assert not [line for line in result.lines if "144" in line.article]


@pytest.mark.parametrize(
    "fields, parameter",
    [
        ({"points": None}, "points"),
        ({"start_date": date(2025, 3, 2)}, "start_date"),
        ({"contributory_stage": Stage(30)}, "contributory_years"),
        ({"birth_date": date(1950, 1, 1)}, "birth_date"),
        ({"orphans": 1}, "orphans"),
    ],
)
def test_bad_in_payment_inputs_name_their_parameter(fields, parameter):
    with pytest.raises(PensionInputError) as caught:
        in_payment(**fields)
    assert caught.value.parameter == parameter


def test_the_query_reaches_the_same_rule():
    result = estimate_from_query(
        {
            "kind": "in_plata",
            "start_date": "2012-05-01",
            "points": "20",
            "amount_in_payment": "2000",
        }
    )
    assert result.kind == "in_plata" and result.gross == Decimal(2000)
    assert result.to_dict()["in_payment"]["kept_amount_in_payment"] is True


@settings(max_examples=100, deadline=None)
@given(
    points=st.decimals(0, 100, places=5),
    paid=st.none() | st.decimals(0, 20_000, places=2),
)
def test_never_below_the_amount_in_payment_and_lines_add_up(points, paid):
    result = in_payment(points=points, amount_in_payment=paid)
    assert_lines_add_up(result)
    assert result.gross >= result.in_payment.recalculated
    if paid is not None:
        assert result.gross >= paid
