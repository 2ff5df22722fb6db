"""Standard age and date (art. 47, Annex 5), children (art. 51), long stage (art. 56)."""

from datetime import date

import pytest

from domain.pension import PensionInputError, Span, Stage, retirement


@pytest.mark.parametrize(
    ("birth", "sex", "age", "complete", "minimum", "standard_date"),
    [
        # First and last rows of each half of Annex 5.
        (date(1944, 4, 10), "F", Span(57), Span(25), Span(10), date(2001, 4, 10)),
        (date(1970, 1, 15), "F", Span(65), Span(35), Span(15), date(2035, 1, 15)),
        (date(1939, 1, 5), "M", Span(62), Span(30), Span(10), date(2001, 1, 5)),
        (date(1950, 3, 31), "M", Span(65), Span(35), Span(15), date(2015, 3, 31)),
        # Rows in between, with months.
        (date(1945, 4, 1), "F", Span(57, 1), Span(25, 1), Span(10, 1), date(2002, 5, 1)),
        (date(1949, 10, 2), "M", Span(64, 11), Span(34, 10), Span(14, 10), date(2014, 9, 2)),
        # After the table: art. 47(1)-(3).
        (date(1970, 2, 1), "F", Span(65), Span(35), Span(15), date(2035, 2, 1)),
        (date(1950, 4, 1), "M", Span(65), Span(35), Span(15), date(2015, 4, 1)),
    ],
)
def test_annex5_rows(birth, sex, age, complete, minimum, standard_date):
    result = retirement(birth, sex)
    assert result.standard_age == age
    assert result.complete_stage == complete
    assert result.minimum_stage == minimum
    assert result.standard_date == standard_date
    assert result.annex5_date == standard_date


def test_the_row_before_the_last_women_row():
    # F born December 1969: 64 years 11 months, retiring November 2034.
    result = retirement(date(1969, 12, 31), "F")
    assert result.standard_age == Span(64, 11)
    # 31 November does not exist: the age is reached on the month's last day.
    assert result.standard_date == date(2034, 11, 30)


def test_born_on_a_leap_day_reaches_65_on_28_february():
    assert retirement(date(1960, 2, 29), "M").standard_date == date(2025, 2, 28)
    assert retirement(date(1964, 2, 29), "M").standard_date == date(2029, 2, 28)


@pytest.mark.parametrize(("birth", "sex"), [(date(1944, 3, 31), "F"), (date(1938, 12, 31), "M")])
def test_births_before_annex5_are_refused(birth, sex):
    with pytest.raises(PensionInputError) as caught:
        retirement(birth, sex)
    assert caught.value.parameter == "birth_date"
    assert "anexa nr. 5" in caught.value.message.lower()


@pytest.mark.parametrize(
    ("children", "reduction"),
    [
        (0, Span(0)),
        (1, Span(0, 6)),
        (3, Span(1, 6)),
        (6, Span(3)),
        (7, Span(3, 6)),
        (12, Span(3, 6)),
    ],
)
def test_women_retire_six_months_earlier_per_child_up_to_3_years_6_months(children, reduction):
    result = retirement(date(1972, 6, 10), "F", children)
    assert result.children_reduction == reduction
    assert result.standard_age == Span.from_months(65 * 12 - reduction.total_months)
    assert result.annex5_date == date(2037, 6, 10)


def test_children_reduction_needs_the_complete_stage():
    short = retirement(date(1972, 6, 10), "F", 3, stage=Stage(34, 11, 29))
    assert short.children_reduction == Span(0)
    assert short.standard_date == date(2037, 6, 10)
    assert any("art. 51" in note for note in short.notes)
    full = retirement(date(1972, 6, 10), "F", 3, stage=Stage(35))
    assert full.standard_date == date(2035, 12, 10)


def test_children_reduction_is_for_women():
    result = retirement(date(1972, 6, 10), "M", 3)
    assert result.children_reduction == Span(0)
    assert result.standard_date == date(2037, 6, 10)


def test_five_years_over_the_complete_stage_allow_five_years_earlier():
    result = retirement(date(1965, 3, 1), "M", stage=Stage(40))
    assert result.earliest_full_pension_date == date(2025, 3, 1)
    just_short = retirement(date(1965, 3, 1), "M", stage=Stage(39, 11, 29))
    assert just_short.earliest_full_pension_date == date(2030, 3, 1)


def test_art56_is_not_added_to_the_children_reduction():
    # art. 57: the more favourable of the two, never both (5 y + 1 y 6 m).
    result = retirement(date(1972, 6, 10), "F", 3, stage=Stage(41))
    assert result.earliest_full_pension_date == date(2032, 6, 10)


def test_earliest_early_date_is_five_years_before_the_annex5_date():
    result = retirement(date(1972, 6, 10), "F", 3)
    assert result.earliest_early_date == date(2032, 6, 10)


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"birth_date": date(1937, 12, 31), "sex": "F"}, "birth_date"),
        ({"birth_date": date(2200, 1, 1), "sex": "F"}, "birth_date"),
        ({"birth_date": "1970-01-01", "sex": "F"}, "birth_date"),
        ({"birth_date": date(1970, 1, 1), "sex": "X"}, "sex"),
        ({"birth_date": date(1970, 1, 1), "sex": "F", "children": -1}, "children"),
        ({"birth_date": date(1970, 1, 1), "sex": "F", "children": 99}, "children"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, parameter):
    with pytest.raises(PensionInputError) as caught:
        retirement(**kwargs)
    assert caught.value.parameter == parameter


def test_to_dict_has_the_api_fields():
    data = retirement(date(1970, 1, 15), "F").to_dict()
    assert data["standard_age"] == {"years": 65, "months": 0}
    assert data["complete_stage"] == {"years": 35, "months": 0}
    assert data["minimum_stage"] == {"years": 15, "months": 0}
    assert data["standard_date"] == "2035-01-15"
