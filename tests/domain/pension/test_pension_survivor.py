"""The survivor's pension from the law's text: art. 75-80 (the spouse's conditions, the art. 75(2)
cut, orphans of both parents, the option of art. 79(3)) and art. 79(2)'s 50 / 75 / 100 %."""

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
from domain.pension.lines import section_total
from domain.pension.survivor import spouse_right

START = date(2025, 9, 1)
# A woman born January 1955: Annex 5 age 60, reached in 2015.
OLD = {"spouse_birth_date": date(1955, 1, 1), "spouse_sex": "F"}
# A man born 1980: 65 in 2045.
YOUNG = {"spouse_birth_date": date(1980, 1, 1), "spouse_sex": "M"}


def survivor(**fields):
    base = {"start_date": START, "points": Decimal(30), "kind": "urmas"}
    return estimate(EstimateInput(**{**base, **fields}))


def assert_lines_add_up(result):
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert section_total(result.lines, NET) == result.net
    assert result.health_contribution + result.income_tax + result.net == result.gross


@pytest.mark.parametrize(
    "orphans, percent, article",
    [
        (1, 50, "art. 79 alin. (2) lit. a)"),
        (2, 75, "art. 79 alin. (2) lit. b)"),
        (3, 100, "art. 79 alin. (2) lit. c)"),
        (5, 100, "art. 79 alin. (2) lit. c)"),
    ],
)
def test_percent_of_the_deceased_points_by_number_of_survivors(orphans, percent, article):
    result = survivor(orphans=orphans)
    assert result.kind == "urmas"
    assert result.total_points == Decimal(30) * percent / 100
    share = next(line for line in result.section(POINTS) if "Pensia de urmaș" in line.label)
    assert share.article == article
    assert result.survivors.survivors == orphans
    assert_lines_add_up(result)


def test_equal_parts_each_rounded_up_and_taxed_on_its_own():
    # 3 orphans: 100 % of 30 points × 81 = 2,430 lei, 810 lei each, under the 3,000 lei threshold.
    result = survivor(orphans=3, points=Decimal("30.00001"))
    assert result.survivors.shares[0].gross == Decimal(811)  # 810.00081 rounded up
    assert result.gross == Decimal(3 * 811)
    assert result.income_tax == 0 and result.net == result.gross
    assert_lines_add_up(result)


def test_parts_above_the_threshold_are_taxed_each_one():
    result = survivor(orphans=2, points=Decimal(120))  # 90 points × 81 = 7,290; 3,645 each
    assert [share.gross for share in result.survivors.shares] == [Decimal(3645)]
    single = estimate(EstimateInput(start_date=START, points=Decimal(45)))  # 3,645 lei
    assert result.net == 2 * single.net
    assert_lines_add_up(result)


def test_spouse_with_exactly_15_years_of_marriage_has_no_reduction():
    result = survivor(spouse_marriage_months=180, **OLD)
    assert result.survivors.spouse.article == "art. 75 alin. (1)"
    assert result.survivors.spouse.reduction_percent == 0
    assert result.gross == Decimal(15 * 81)


def test_spouse_with_exactly_10_years_loses_30_percent():
    # Art. 75(2): 60 months missing × 0.5 % = 30 % (6 % a year).
    result = survivor(spouse_marriage_months=120, **OLD)
    spouse = result.survivors.spouse
    assert (spouse.article, spouse.missing_months) == ("art. 75 alin. (2)", 60)
    assert spouse.reduction_percent == Decimal(30)
    assert result.gross == Decimal(851)  # 1,215 × 0.70 = 850.50, rounded up (art. 83(2))
    assert_lines_add_up(result)


def test_spouse_one_month_short_of_15_years():
    result = survivor(spouse_marriage_months=179, **OLD)
    assert result.survivors.spouse.reduction_percent == Decimal("0.5")
    # 1,215 × 0.995 = 1,208.925 → 1,209 (art. 83(2)).
    assert result.gross == Decimal(1209)
    assert_lines_add_up(result)


def test_spouse_under_10_years_at_the_standard_age_has_six_months():
    result = survivor(spouse_marriage_months=119, **OLD)
    spouse = result.survivors.spouse
    assert spouse.article == "art. 77" and not spouse.lifelong
    assert spouse.reduction_percent == 0


def test_young_invalid_spouse_grade_i_or_ii_with_a_year_of_marriage():
    result = survivor(spouse_marriage_months=12, spouse_invalidity_grade=2, **YOUNG)
    assert result.survivors.spouse.article == "art. 76 alin. (1)"
    assert any("salariul minim" in note for note in result.notes)
    assert (
        survivor(
            spouse_marriage_months=12, spouse_invalidity_grade=3, **YOUNG
        ).survivors.spouse.article
        == "art. 77"
    )
    assert (
        survivor(
            spouse_marriage_months=11, spouse_invalidity_grade=1, **YOUNG
        ).survivors.spouse.article
        == "art. 77"
    )


def test_young_spouse_after_a_work_accident_whatever_the_marriage():
    result = survivor(spouse_marriage_months=1, death_work_accident=True, **YOUNG)
    assert result.survivors.spouse.article == "art. 76 alin. (2)"


def test_spouse_with_a_child_under_7():
    result = survivor(spouse_marriage_months=30, spouse_child_under_7=True, orphans=1, **YOUNG)
    assert result.survivors.spouse.article == "art. 78"
    assert result.survivors.survivors == 2
    assert result.total_points == Decimal("22.50000")


def test_spouse_right_needs_age_data():
    with pytest.raises(PensionInputError) as caught:
        spouse_right(START, 200, None, "F")
    assert caught.value.parameter == "spouse_birth_date"


def test_orphans_of_both_parents_add_both_pensions():
    # Art. 80: one orphan: 50 % of 30 points after one parent + 50 % of 20 after the other.
    result = survivor(orphans=1, other_parent_points=Decimal(20))
    assert result.total_points == Decimal(25)
    assert any(line.article == "art. 80" for line in result.lines)
    assert_lines_add_up(result)
    with pytest.raises(PensionInputError) as caught:
        survivor(orphans=1, other_parent_points=Decimal(20), spouse_marriage_months=200, **OLD)
    assert caught.value.parameter == "other_parent_points"


def test_option_for_the_own_pension_when_it_is_higher():
    # Art. 79(3): one survivor, own pension 2,000 lei > 1,215 lei: the own pension is paid.
    result = survivor(spouse_marriage_months=200, own_pension=Decimal(2000), **OLD)
    option = next(line for line in result.lines if line.article == "art. 79 alin. (3)")
    assert option.value == Decimal(2000 - 1215)
    assert result.gross == Decimal(2000)
    assert_lines_add_up(result)


def test_option_line_when_the_survivors_pension_is_better():
    result = survivor(spouse_marriage_months=200, own_pension=Decimal(500), **OLD)
    option = next(line for line in result.lines if line.article == "art. 79 alin. (3)")
    assert option.value == 0 and "mai avantajoasă" in option.label
    assert result.gross == Decimal(1215)


def test_deceased_points_from_the_career_data_include_stability():
    # 30 annual points + 30 years of stage: 2.5 stability points (art. 85(3)).
    result = survivor(orphans=1, contributory_stage=Stage(30))
    assert result.survivors.deceased_points == Decimal("32.50000")
    assert result.total_points == Decimal("16.25000")
    assert_lines_add_up(result)


@pytest.mark.parametrize(
    "fields, parameter",
    [
        ({}, "orphans"),
        ({"orphans": 1, "children": 2}, "children"),
        ({"orphans": 1, "invalidity_grade": 1}, "invalidity_grade"),
        ({"orphans": 1, "spouse_sex": "F"}, "spouse_marriage_months"),
        ({"orphans": 1, "amount_in_payment": Decimal(100)}, "amount_in_payment"),
    ],
)
def test_bad_survivor_inputs_name_their_parameter(fields, parameter):
    with pytest.raises(PensionInputError) as caught:
        survivor(**fields)
    assert caught.value.parameter == parameter


def test_the_query_gives_the_same_survivor_estimate():
    result = estimate_from_query(
        {
            "start_date": "2025-09-01",
            "points": "30",
            "kind": "urmas",
            "orphans": "1",
            "spouse_marriage_months": "150",
            "spouse_birth_date": "1955-01-01",
            "spouse_sex": "F",
            "death_work_accident": "nu",
        }
    )
    assert result == survivor(orphans=1, spouse_marriage_months=150, **OLD)


survivor_inputs = st.fixed_dictionaries(
    {
        "points": st.decimals(0, 80, places=5),
        "orphans": st.integers(0, 5),
        "spouse_marriage_months": st.none() | st.integers(0, 600),
        "spouse_invalidity_grade": st.none() | st.integers(1, 3),
        "death_work_accident": st.booleans(),
    }
)


def _with_spouse(fields):
    if fields["spouse_marriage_months"] is None:
        return {
            **fields,
            "orphans": max(1, fields["orphans"]),
            "spouse_invalidity_grade": None,
            "death_work_accident": False,
        }
    return {**fields, **OLD}


@settings(max_examples=100, deadline=None)
@given(survivor_inputs.map(_with_spouse))
def test_lines_add_up_and_one_more_orphan_never_lowers_the_total(fields):
    result = survivor(**fields)
    assert_lines_add_up(result)
    more = survivor(**{**fields, "orphans": fields["orphans"] + 1})
    # Art. 79(2) never gives less to more survivors. In lei, each part is rounded up on its
    # own (art. 83(2)), which can add at most one leu a part: the only allowed difference.
    assert more.total_points >= result.total_points
    parts = result.survivors.survivors
    assert more.amount_before_reduction >= result.amount_before_reduction - parts
    if fields.get("own_pension") is None:
        assert more.gross >= result.gross - parts


def test_a_deceased_below_the_standard_age_counts_with_the_grade_i_invalidity_pension():
    # Art. 79(1): M born 1975 dies in 2025 with 25 years: 35 − 25 = 10 years of potential stage
    # at 0.25 points a month (art. 66, 87(1)(a)) = 2.5 points; 1 orphan: 50 %.
    result = survivor(orphans=1, contributory_stage=Stage(25), birth_date=date(1975, 3, 1), sex="M")
    assert result.survivors.deceased_points == Decimal("32.50000")
    assert any(line.article == "art. 87 alin. (1) lit. a)" for line in result.lines)
    assert result.companion_allowance is None
    assert any("art. 79 alin. (1)" in note for note in result.notes)
    assert_lines_add_up(result)


def test_a_deceased_past_the_standard_age_counts_with_the_old_age_pension():
    result = survivor(orphans=1, contributory_stage=Stage(25), birth_date=date(1950, 1, 1), sex="M")
    assert result.survivors.deceased_points == Decimal("30.00000")
    assert result.potential_points == 0
