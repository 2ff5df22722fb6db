"""Rule 4 of issue 10: age reductions without a cut for working conditions (art. 48 tables 1-2,
art. 54), handicap (art. 52) and severe visual deficiency (art. 53)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.pension import EstimateInput, PensionInputError, Span, Stage, estimate, retirement
from domain.pension.reductions import conditions_reduction
from domain.pension.tables import conditions_reductions

ON = date(2024, 9, 1)
MAN = date(1970, 3, 1)  # 65 years on 1 March 2035, complete stage 35 years


COMPLETE = Stage(35)


def run(start, stage=COMPLETE, birth=MAN, sex="M", **extra):
    return estimate(
        EstimateInput(
            start_date=start,
            contributory_stage=stage,
            points=extra.pop("points", Decimal(30)),
            birth_date=birth,
            sex=sex,
            **extra,
        )
    )


def total(special, deosebite):
    return Span.from_months(
        sum(item.span.total_months for item in conditions_reduction(ON, special, deosebite))
    )


# --- art. 48 tables 1-2 -----------------------------------------------------------------------


def test_audit_r21_twenty_years_of_group_i_retire_at_55_without_a_cut():
    result = run(date(2025, 3, 1), special_months=240)
    assert result.retirement.standard_date == date(2025, 3, 1)
    assert result.retirement.conditions_reduction == Span(10)
    assert result.retirement.reduced_by == "art48"
    assert result.anticipation_months == 0
    assert result.early_reduction_percent == 0
    assert result.gross == result.amount_before_reduction
    assert "art. 48 alin. (1) lit. b), tabelul nr. 2" in result.retirement.articles


def test_a_day_before_the_reduced_age_is_refused_not_cut():
    with pytest.raises(PensionInputError) as error:
        run(date(2025, 2, 28), special_months=240)
    assert error.value.parameter == "start_date"


@pytest.mark.parametrize(
    ("special", "deosebite", "reduction"),
    [
        (11, 0, Span(0)),  # less than a completed year in table 2, and < 1 year for table 1
        (12, 0, Span(0, 6)),  # table 2: 1 year → 6 months
        (239, 0, Span(9, 6)),  # 19 years; the 11 months left over are < 1 year for table 1
        (240, 0, Span(10)),  # 20 years and over: 10 years
        (480, 0, Span(16, 8)),  # 20 years beyond table 2 → table 1: 6 y 8 m (art. 54(2) caps)
        (275, 1, Span(11)),  # 22 y 11 m: 10 years; 35 months + 1 → 3 years in table 1: 1 year
        (0, 12, Span(0, 4)),  # table 1: 1 year → 4 months
        (0, 251, Span(6, 8)),  # 20 years 11 months: 20 completed years
        (0, 252, Span(7)),  # 21 years and over: 7 years
        (0, 600, Span(7)),
        (13, 35, Span(1, 6)),  # art. 54(1): 1 month left over + 35 = 3 years in table 1
        (18, 6, Span(0, 10)),  # 1 year special (6 m) + (6 + 6) months deosebite (4 m)
    ],
)
def test_tables_1_and_2_by_completed_years(special, deosebite, reduction):
    assert total(special, deosebite) == reduction


def test_the_tables_are_the_law_s():
    special = conditions_reductions(ON, "special")
    deosebite = conditions_reductions(ON, "deosebite")
    assert [row.value.stage_years for row in special] == list(range(1, 21))
    assert [row.value.stage_years for row in deosebite] == list(range(1, 22))
    assert all(row.value.reduction.total_months == 6 * row.value.stage_years for row in special)
    assert all(row.value.reduction.total_months == 4 * row.value.stage_years for row in deosebite)


def test_art_48_needs_the_complete_contributory_stage():
    result = retirement(MAN, "M", stage=Stage(34, 11), special_months=240)
    assert result.standard_date == date(2035, 3, 1)
    assert result.conditions_reduction == Span(0)
    assert any("art. 48 alin. (1)" in note for note in result.notes)


def test_without_a_stage_art_48_is_assumed_and_said():
    result = retirement(MAN, "M", special_months=240)
    assert result.standard_age == Span(55)
    assert any("stagiul complet" in note for note in result.notes)


# --- art. 54 caps -----------------------------------------------------------------------------


def test_children_and_conditions_add_up_to_at_most_11_years():
    # A woman born 1971 (65 years): 7 children (3 y 6 m) + 20 years special (10 y) → 11 years.
    result = retirement(date(1971, 1, 1), "F", 7, stage=Stage(35), special_months=240)
    assert result.children_reduction == Span(3, 6)
    assert result.standard_age == Span(54)
    assert "art. 54 alin. (2)" in result.articles


def test_special_and_deosebite_together_are_capped_at_11_years():
    result = retirement(MAN, "M", stage=Stage(45), special_months=240, deosebite_months=252)
    assert result.standard_age == Span(54)  # 65 - 11, also the men's minimum


def test_the_reduced_age_is_never_below_54_for_men_and_52_for_women():
    man = retirement(date(1945, 1, 1), "M", stage=Stage(45), special_months=240)
    assert man.annex5_age == Span(63, 4)
    assert man.standard_age == Span(54)  # 63 y 4 m - 10 y = 53 y 4 m < 54
    assert "art. 54 alin. (3)" in man.articles
    woman = retirement(date(1960, 1, 1), "F", stage=Stage(40), special_months=240)
    assert woman.annex5_age == Span(61, 8)
    assert woman.standard_age == Span(52)


# --- art. 52 handicap, art. 53 visual deficiency ----------------------------------------------


@pytest.mark.parametrize(
    ("degree", "months", "age"),
    [
        ("grav", 140, Span(50)),  # a third of 35 years = 140 months: 15 years earlier
        ("grav", 139, Span(65)),
        ("accentuat", 280, Span(55)),  # two thirds
        ("accentuat", 279, Span(65)),
        ("mediu", 420, Span(55)),  # the complete stage
        ("mediu", 419, Span(65)),
    ],
)
def test_handicap_reduction_by_degree_and_stage_realised_with_it(degree, months, age):
    result = retirement(MAN, "M", stage=Stage(35), handicap=degree, handicap_months=months)
    assert result.standard_age == age
    assert result.reduced_by == ("art52" if age < Span(65) else "")
    if age == Span(65):
        assert any("art. 52" in note for note in result.notes)


def test_a_third_of_a_complete_stage_that_is_not_a_multiple_of_three_rounds_up():
    # Woman born Jan 1964: complete stage 33 y 6 m = 402 months, a third is 134 months exactly.
    woman = date(1964, 1, 10)
    assert retirement(woman, "F", handicap="grav", handicap_months=134).standard_age == Span(47, 7)
    # Born March 1964: 33 y 7 m = 403 months, a third is 134.33: 134 months are not enough.
    woman = date(1964, 3, 10)
    assert retirement(woman, "F", handicap="grav", handicap_months=134).standard_age == Span(62, 7)
    assert retirement(woman, "F", handicap="grav", handicap_months=135).standard_age == Span(47, 7)


def test_handicap_is_not_added_to_art_48_the_more_favourable_applies():
    result = retirement(
        MAN, "M", stage=Stage(35), special_months=240, handicap="grav", handicap_months=140
    )
    assert result.standard_age == Span(50)  # 15 years, not 25 and not capped at 11
    assert result.reduced_by == "art52"
    assert any("cea mai favorabilă" in note for note in result.notes)


def test_a_severe_handicap_retires_early_without_a_cut_and_without_income_tax():
    result = run(
        date(2025, 9, 1), Stage(20), handicap="grav", handicap_months=140, points=Decimal(50)
    )
    assert result.gross == 4050  # 50 points × 81 lei
    assert result.early_reduction_percent == 0
    assert result.retirement.standard_date == date(2020, 3, 1)
    assert result.income_tax == 0
    assert result.health_contribution == 105  # 10 % of (4,050 - 3,000): CASS is still due
    assert result.net == 3945
    assert any("art. 52" in note for note in result.notes)


def test_severe_visual_deficiency_gives_the_pension_at_any_age():
    birth = date(1985, 6, 1)
    result = run(date(2025, 9, 1), Stage(12), birth, visual_months=140)
    assert result.retirement.any_age
    assert result.retirement.reduced_by == "art53"
    assert result.retirement.standard_date == birth
    assert result.early_reduction_percent == 0
    with pytest.raises(PensionInputError):
        run(date(2025, 9, 1), Stage(12), birth, visual_months=139)


def test_handicap_inputs_are_checked():
    with pytest.raises(PensionInputError) as error:
        run(date(2025, 3, 1), Stage(20), handicap="usor", handicap_months=10)
    assert error.value.parameter == "handicap"
    with pytest.raises(PensionInputError) as error:
        run(date(2025, 3, 1), Stage(20), handicap="grav", handicap_months=241)
    assert error.value.parameter == "handicap_months"
    with pytest.raises(PensionInputError) as error:
        run(date(2025, 3, 1), Stage(20), handicap_months=10)
    assert error.value.parameter == "handicap"


# --- properties -------------------------------------------------------------------------------

months = st.integers(0, 540)
births = st.dates(date(1944, 4, 1), date(1990, 12, 31))


@settings(max_examples=150, deadline=None)
@given(births, st.sampled_from("FM"), months, months, st.integers(0, 60))
def test_more_special_months_never_a_later_retirement(birth, sex, special, deosebite, more):
    stage = Stage(45)
    # The months in special and deosebite conditions are part of the stage (refused beyond it).
    assume(special + deosebite + more <= stage.total_months)
    fewer = retirement(birth, sex, stage=stage, special_months=special, deosebite_months=deosebite)
    for extra in (
        {"special_months": special + more, "deosebite_months": deosebite},
        {"special_months": special, "deosebite_months": deosebite + more},
    ):
        assert retirement(birth, sex, stage=stage, **extra).standard_date <= fewer.standard_date


@settings(max_examples=150, deadline=None)
@given(births, st.sampled_from("FM"), months, months, st.integers(0, 7))
def test_reduced_age_respects_the_art_54_caps(birth, sex, special, deosebite, children):
    assume(special + deosebite <= Stage(45).total_months)
    result = retirement(
        birth, sex, children, stage=Stage(45), special_months=special, deosebite_months=deosebite
    )
    reduced = result.annex5_age.total_months - result.standard_age.total_months
    assert reduced <= 132
    if reduced:
        assert result.standard_age.total_months >= (624 if sex == "F" else 648) or (
            reduced == result.children_reduction.total_months
        )


@settings(max_examples=100, deadline=None)
@given(births, st.sampled_from(["grav", "accentuat", "mediu"]), months, st.integers(0, 60))
def test_more_handicap_months_never_a_later_retirement(birth, degree, handicap_months, more):
    fewer = retirement(birth, "M", handicap=degree, handicap_months=handicap_months)
    later = retirement(birth, "M", handicap=degree, handicap_months=handicap_months + more)
    assert later.standard_date <= fewer.standard_date
