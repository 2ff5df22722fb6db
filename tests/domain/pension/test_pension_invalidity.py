"""The invalidity pension from the law's text: art. 61, 66 (potential stage), 67 (companion
allowance), 87(1) (0.25 / 0.20 / 0.10 points a month), and no early-pension check."""

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
from domain.pension.invalidity import companion_allowance, potential_stage
from domain.pension.lines import section_total

START = date(2025, 9, 1)


def invalid(**fields):
    base = {
        "start_date": START,
        "contributory_stage": Stage(25),
        "points": Decimal(20),
        "invalidity_grade": 2,
        "birth_date": date(1975, 3, 1),
        "sex": "M",
    }
    return estimate(EstimateInput(**{**base, **fields}))


def assert_lines_add_up(result):
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert section_total(result.lines, NET) == result.net


def potential_line(result):
    return next(line for line in result.section(POINTS) if "potențial" in line.label)


def test_audit_r29_grade_ii_below_the_standard_age_is_not_an_early_pension():
    # Audit R29: M born 1975, grade II, 25 years, start 2025: art. 61 gives the pension, no
    # early-pension condition; art. 66: 35 − 25 = 10 years of potential stage.
    result = invalid()
    assert result.kind == "invaliditate"
    assert result.anticipation_months == 0 and result.early_reduction_percent == 0
    assert result.potential_points == Decimal("2.00000")  # 120 × 0.20 ÷ 12
    line = potential_line(result)
    assert "120 de luni" in line.label and "art. 66 alin. (1)" in line.label
    assert line.article == "art. 87 alin. (1) lit. b)"
    assert result.total_points == Decimal("22.00000")
    assert result.gross == Decimal(22 * 81)
    assert result.retirement is None
    assert_lines_add_up(result)


def test_the_kind_is_implied_by_the_grade_for_old_queries():
    assert invalid().kind == invalid(kind="invaliditate").kind == "invaliditate"


@pytest.mark.parametrize(
    "grade, points, article",
    [
        (1, "2.50000", "art. 87 alin. (1) lit. a)"),
        (2, "2.00000", "art. 87 alin. (1) lit. b)"),
        (3, "1.00000", "art. 87 alin. (1) lit. c)"),
    ],
)
def test_potential_points_by_grade(grade, points, article):
    result = invalid(invalidity_grade=grade)
    assert result.potential_points == Decimal(points)
    assert potential_line(result).article == article


def test_potential_stage_is_capped_by_the_time_left_to_the_standard_age():
    # Art. 66(2): born 1961-03-01, 65 years on 2026-03-01: 6 months left, although 35 − 20 = 15
    # years are missing.
    result = invalid(birth_date=date(1961, 3, 1), contributory_stage=Stage(20))
    assert result.potential_points == Decimal("0.10000")  # 6 × 0.20 ÷ 12
    line = potential_line(result)
    assert "6 luni" in line.label and "art. 66 alin. (2)" in line.label


def test_potential_stage_uses_the_annex5_complete_stage_of_the_birth_month():
    # Annex 5: a woman born June 1965 has a complete stage of 34 years 2 months, age 62y10m.
    potential = potential_stage(date(1965, 6, 10), "F", Stage(32), START)
    assert potential.complete_stage.total_months == 34 * 12 + 2
    assert potential.months == 26  # 410 − 384, under the 31 months left to 2028-04-10
    assert potential.standard_date == date(2028, 4, 10)


def test_a_started_month_of_realised_stage_counts_as_realised():
    assert potential_stage(date(1975, 3, 1), "M", Stage(25, 0, 10), START).months == 119


def test_assimilated_periods_count_in_the_realised_stage():
    result = invalid(assimilated_months=24)
    assert "96 de luni" in potential_line(result).label


def test_no_potential_stage_beyond_the_complete_stage():
    result = invalid(contributory_stage=Stage(36))
    assert result.potential_points == 0
    assert not [line for line in result.lines if "potențial" in line.label]


def test_at_the_standard_age_the_invalidity_pension_is_refused():
    with pytest.raises(PensionInputError) as caught:
        invalid(birth_date=date(1960, 9, 1))
    assert caught.value.parameter == "start_date"
    assert "art. 61" in caught.value.message


def test_typed_potential_months_are_replaced_by_the_derived_ones():
    result = invalid(potential_months=200)
    assert result.potential_points == Decimal("2.00000")
    assert any("înlocuit" in note and "art. 66" in note for note in result.notes)


def test_without_birth_date_the_typed_potential_months_are_kept_and_flagged():
    result = invalid(birth_date=None, sex=None, potential_months=24)
    assert result.potential_points == Decimal("0.40000")
    assert any("compatibilitate" in note for note in result.notes)


def test_deriving_needs_the_realised_stage():
    with pytest.raises(PensionInputError) as caught:
        invalid(contributory_stage=None)
    assert caught.value.parameter == "contributory_years"


def test_grade_i_companion_allowance_is_half_the_minimum_wage():
    # Art. 67(2): 50 % of the gross minimum wage, 4,050 lei from 1 Jan 2025 (HG 1.506/2024).
    result = invalid(invalidity_grade=1)
    allowance = result.companion_allowance
    assert allowance.amount == Decimal(2025)
    assert allowance.minimum_wage == Decimal(4050)
    assert allowance.article == "art. 67 alin. (2)"
    assert allowance.rule_date == date(2025, 1, 1)
    # Paid beside the pension (art. 67(1), (3)): not in the gross.
    assert result.total_points == Decimal("22.50000")
    assert result.gross == Decimal(1823)  # 22.5 × 81 = 1,822.50, rounded up (art. 83(2))
    assert any("însoțitor" in note for note in result.notes)
    assert result.to_dict()["companion_allowance"]["amount"] == Decimal(2025)


def test_companion_allowance_by_date_and_after_the_last_known_wage():
    assert companion_allowance(date(2024, 10, 1))[0].amount == Decimal(1850)
    allowance, notes = companion_allowance(date(2026, 9, 1))
    assert allowance.amount == Decimal(2025) and notes


@pytest.mark.parametrize("grade", [2, 3])
def test_no_companion_allowance_for_grades_ii_and_iii(grade):
    assert invalid(invalidity_grade=grade).companion_allowance is None


def test_kind_varsta_with_a_grade_or_invalidity_without_one_is_refused():
    with pytest.raises(PensionInputError) as caught:
        invalid(kind="varsta")
    assert caught.value.parameter == "invalidity_grade"
    with pytest.raises(PensionInputError) as caught:
        invalid(kind="invaliditate", invalidity_grade=None)
    assert caught.value.parameter == "invalidity_grade"


def test_unknown_kind_is_a_romanian_input_error():
    with pytest.raises(PensionInputError) as caught:
        estimate_from_query({"start_date": "2025-09-01", "points": "20", "kind": "bătrânețe"})
    assert caught.value.parameter == "kind"
    assert "Felul pensiei" in caught.value.message


def test_the_query_gives_the_same_invalidity_estimate():
    result = estimate_from_query(
        {
            "start_date": "2025-09-01",
            "points": "20",
            "contributory_years": "25",
            "kind": "invaliditate",
            "invalidity_grade": "II",
            "birth_date": "1975-03-01",
            "sex": "M",
        }
    )
    assert result == invalid()


@settings(max_examples=80, deadline=None)
@given(
    years=st.integers(0, 40),
    grade=st.integers(1, 3),
    birth=st.dates(date(1966, 1, 1), date(2000, 12, 31)),
    sex=st.sampled_from("FM"),
)
def test_potential_stage_never_exceeds_either_limit_and_lines_add_up(years, grade, birth, sex):
    potential = potential_stage(birth, sex, Stage(years), START)
    assert 0 <= potential.months <= potential.months_to_standard_age
    assert potential.months <= max(0, potential.complete_stage.total_months - years * 12)
    result = invalid(
        contributory_stage=Stage(years), invalidity_grade=grade, birth_date=birth, sex=sex
    )
    assert_lines_add_up(result)
