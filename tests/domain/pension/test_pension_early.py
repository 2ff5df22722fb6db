"""Early pension (art. 58-59): rate × months of anticipation, by stage beyond the complete one."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import EstimateInput, PensionInputError, Stage, estimate

BIRTH = date(1965, 5, 20)  # a man: 65 years on 20 May 2030, complete stage 35 years


def early(start: date, stage: Stage, **extra):
    return estimate(
        EstimateInput(
            start_date=start,
            contributory_stage=stage,
            points=Decimal(30),
            birth_date=extra.pop("birth_date", BIRTH),
            sex=extra.pop("sex", "M"),
            **extra,
        )
    )


@pytest.mark.parametrize(
    ("stage", "rate"),
    [
        (Stage(35), "0.40"),
        (Stage(35, 11, 29), "0.40"),
        (Stage(36), "0.35"),  # exactly one year over: the lower rate of the shared edge
        (Stage(37), "0.30"),
        (Stage(38, 6), "0.25"),
        (Stage(39, 11, 29), "0.20"),
    ],
)
def test_rate_by_stage_beyond_the_complete_stage(stage, rate):
    result = early(date(2029, 5, 20), stage)
    assert result.anticipation_months == 12
    assert result.early_reduction_percent == Decimal(rate) * 12


def test_rate_times_months_not_cumulative_bands():
    # 60 months at 0.40 % = 24 %, not a sum over bands.
    result = early(date(2025, 5, 20), Stage(35, 6))
    assert result.anticipation_months == 60
    assert result.early_reduction_percent == Decimal("24.00")


def test_a_started_month_counts_as_a_month_of_anticipation():
    assert early(date(2029, 5, 21), Stage(36)).anticipation_months == 12
    assert early(date(2029, 5, 19), Stage(36)).anticipation_months == 13
    assert early(date(2030, 5, 19), Stage(36)).anticipation_months == 1


def test_at_the_standard_date_there_is_no_reduction():
    result = early(date(2030, 5, 20), Stage(36))
    assert result.anticipation_months == 0
    assert result.early_reduction_percent == 0


def test_the_reduced_amount_is_rounded_up_again():
    # 30 points + stability for 36 years (2.50 + 3.75 + 1.00) = 37.25 × 81 = 3,017.25 → 3,018;
    # 12 months × 0.35 % = 4.20 %: 3,018 × 0.958 = 2,891.244 → 2,892.
    result = early(date(2029, 5, 20), Stage(36))
    assert result.total_points == Decimal("37.25000")
    assert result.amount_before_reduction == Decimal(3018)
    assert result.gross == Decimal(2892)
    reduction = [line for line in result.lines if "anticipat" in line.label]
    assert [line.value for line in reduction] == [Decimal("-126.756")]
    assert reduction[0].article == "art. 58 alin. (3), tabelul nr. 4"


def test_early_pension_needs_the_complete_stage():
    with pytest.raises(PensionInputError) as caught:
        early(date(2029, 5, 20), Stage(34, 11, 29))
    assert caught.value.parameter == "start_date"
    assert "stagiul complet" in caught.value.message


def test_at_most_five_years_early():
    assert early(date(2025, 5, 20), Stage(36)).anticipation_months == 60
    with pytest.raises(PensionInputError) as caught:
        early(date(2025, 5, 19), Stage(36))
    assert caught.value.parameter == "start_date"
    assert "5 ani" in caught.value.message


def test_five_years_over_the_complete_stage_is_art56_without_reduction():
    result = early(date(2025, 5, 20), Stage(40))
    assert result.early_reduction_percent == 0
    assert result.gross == result.amount_before_reduction
    with pytest.raises(PensionInputError):
        early(date(2025, 5, 19), Stage(40))


def test_children_reduction_is_a_full_pension_but_not_a_base_for_early_months():
    # Woman born 1972-06-10, 3 children: full pension from 2035-12-10 (art. 51).
    woman = {"birth_date": date(1972, 6, 10), "sex": "F", "children": 3}
    full = early(date(2035, 12, 10), Stage(36), **woman)
    assert full.early_reduction_percent == 0
    # Earlier than that: months count from the Annex 5 date 2037-06-10 (art. 59), 30 months.
    result = early(date(2034, 12, 10), Stage(36), **woman)
    assert result.anticipation_months == 30
    assert result.early_reduction_percent == Decimal("10.50")


def test_child_care_leave_counts_toward_the_complete_stage():
    # art. 47(4): the art. 14(1)(e) periods count for the complete stage.
    result = early(date(2029, 5, 20), Stage(34), child_care_months=12)
    assert result.early_reduction_percent == Decimal("4.80")
