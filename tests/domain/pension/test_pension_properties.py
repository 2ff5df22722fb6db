"""Properties over many generated careers (Hypothesis)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from domain.pension import (
    GROSS,
    NET,
    POINTS,
    EstimateInput,
    IncomeEntry,
    PensionInputError,
    Stage,
    YearMonth,
    estimate,
    estimate_from_query,
    net_amount,
)
from domain.pension.history import ins_monthly
from domain.pension.lines import section_total

# Annex 7 (1938-1990), the INS months (1991 to August 2024, with gaps), the 2024 CSMB after.
MONTHS_WITH_DIVISOR = [
    *((year, month) for year in range(1938, 1991) for month in range(1, 13)),
    *sorted(ins_monthly()),
    *((2024, month) for month in range(9, 13)),
]

amounts = st.decimals(min_value=0, max_value=100_000, places=2)
income_months = st.dictionaries(st.sampled_from(MONTHS_WITH_DIVISOR), amounts, max_size=60)
stages = st.builds(Stage, st.integers(0, 50), st.integers(0, 11), st.integers(0, 30))
starts = st.dates(date(2025, 1, 1), date(2027, 12, 31))


@st.composite
def inputs(draw):
    months = draw(income_months)
    points = draw(st.none() | st.decimals(min_value=0, max_value=200, places=5))
    if points is None and not months:
        points = Decimal(0)
    stage = draw(stages)
    grade = draw(st.none() | st.integers(1, 3))
    stage_months = stage.total_months
    special = draw(st.integers(0, stage_months))
    return EstimateInput(
        start_date=draw(starts),
        contributory_stage=stage,
        points=points,
        income=tuple(IncomeEntry(y, m, amount) for (y, m), amount in months.items()),
        pillar2_from=draw(
            st.none() | st.builds(YearMonth, st.integers(2008, 2024), st.integers(1, 12))
        ),
        assimilated_months=draw(st.integers(0, 120)),
        child_care_months=draw(st.integers(0, 36)),
        invalidity_grade=grade,
        potential_months=draw(st.integers(0, 240)) if grade else 0,
        special_months=special,
        deosebite_months=draw(st.integers(0, stage_months - special)),
        supplementary_fund=draw(st.booleans()),
        supplementary_fund_4_percent=draw(st.booleans()),
    )


def check_lines(result):
    assert section_total(result.lines, POINTS) == result.total_points
    assert section_total(result.lines, GROSS) == result.gross
    assert section_total(result.lines, NET) == result.net


@settings(max_examples=150, deadline=None)
@given(inputs())
def test_points_never_negative_and_lines_add_up(data):
    result = estimate(data)
    for value in (
        result.contributory_points,
        result.assimilated_points,
        result.potential_points,
        result.extra_points,
        result.stability_points,
        result.total_points,
        result.gross,
        result.net,
        result.health_contribution,
        result.income_tax,
    ):
        assert value >= 0
    assert all(line.value >= 0 for line in result.section(POINTS))
    check_lines(result)
    assert result.net <= result.gross


@settings(max_examples=150, deadline=None)
@given(inputs(), st.data())
def test_more_income_never_gives_fewer_points(data, draw):
    assume(data.income)
    position = draw.draw(st.integers(0, len(data.income) - 1))
    extra = draw.draw(st.decimals(min_value=0, max_value=50_000, places=2))
    entries = list(data.income)
    entries[position] = IncomeEntry(
        entries[position].year, entries[position].month, entries[position].amount + extra
    )
    richer = EstimateInput(**{**data.__dict__, "income": tuple(entries)})
    before, after = estimate(data), estimate(richer)
    assert after.contributory_points >= before.contributory_points
    assert after.total_points >= before.total_points
    assert after.gross >= before.gross
    assert after.net >= before.net


@settings(max_examples=150, deadline=None)
@given(inputs(), st.sampled_from(MONTHS_WITH_DIVISOR), amounts)
def test_adding_a_month_of_income_never_gives_fewer_points(data, when, amount):
    year, month = when
    assume(all((entry.year, entry.month) != (year, month) for entry in data.income))
    richer = EstimateInput(
        **{**data.__dict__, "income": (*data.income, IncomeEntry(year, month, amount))}
    )
    assert estimate(richer).total_points >= estimate(data).total_points


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=0, max_value=1_000_000, places=2),
    st.dates(date(2023, 1, 1), date(2030, 12, 31)),
)
def test_net_never_above_gross_and_everything_adds_up(gross, day):
    result = net_amount(gross, day)
    assert 0 <= result.net <= gross
    assert result.health_contribution + result.income_tax + result.net == gross
    assert section_total(result.lines, NET) == result.net


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 200_000), st.dates(date(2023, 1, 1), date(2030, 12, 31)))
def test_net_never_decreases_when_the_gross_grows(gross, day):
    assert net_amount(gross + 1, day).net >= net_amount(gross, day).net


@settings(max_examples=200, deadline=None)
@given(
    st.dates(date(1944, 4, 1), date(1990, 12, 31)),
    st.sampled_from(["F", "M"]),
    st.integers(0, 8),
    # Mostly stages around the complete one, where early pensions happen.
    st.builds(Stage, st.integers(25, 50), st.integers(0, 11), st.integers(0, 30)),
    st.integers(-8 * 365, 3 * 365),
)
def test_early_or_standard_start_never_fails_with_another_exception(
    birth, sex, children, stage, shift
):
    # Starts around the standard date: the estimate either works or says why, naming the date.
    start = date(birth.year + 65, 1, 1) + timedelta(days=shift)
    assume(start >= date(2024, 9, 1) and start.year <= 2060)
    assume(not (sex == "M" and birth < date(1939, 1, 1)))
    data = EstimateInput(
        start_date=start,
        contributory_stage=stage,
        points=Decimal(30),
        birth_date=birth,
        sex=sex,
        children=children,
    )
    try:
        result = estimate(data)
    except PensionInputError as error:
        assert error.parameter == "start_date"
        return
    assert 0 <= result.early_reduction_percent <= Decimal(24)
    assert result.anticipation_months <= 60
    check_lines(result)


parameter_names = st.sampled_from(
    [
        "start_date",
        "points",
        "income",
        "contributory_years",
        "birth_date",
        "sex",
        "children",
        "pillar2_from",
        "invalidity_grade",
        "potential_months",
        "contributory_days",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(parameter_names, st.lists(st.text(max_size=30), max_size=3)))
def test_any_query_text_gives_a_result_or_a_pension_input_error(params):
    try:
        estimate_from_query(params)
    except PensionInputError as error:
        assert error.parameter
        assert error.message


def iso(day: date) -> str:
    return day.isoformat()


plausible_values = {
    "birth_date": st.dates(date(1930, 1, 1), date(2110, 12, 31)).map(iso),
    "sex": st.sampled_from(["F", "M", "m", "X"]),
    "children": st.integers(0, 40).map(str),
    "points": st.decimals(0, 20_000, places=3).map(str),
    "contributory_years": st.integers(0, 80).map(str),
    "contributory_months": st.integers(0, 13).map(str),
    "contributory_days": st.integers(0, 32).map(str),
    "pillar2_from": st.builds("{}-{:02d}".format, st.integers(2000, 2030), st.integers(0, 13)),
    "invalidity_grade": st.sampled_from(["I", "II", "III", "1", "4"]),
    "potential_months": st.integers(0, 1300).map(str),
    "special_months": st.integers(0, 600).map(str),
    "deosebite_months": st.integers(0, 600).map(str),
    "assimilated_months": st.integers(0, 1300).map(str),
    "child_care_months": st.integers(0, 100).map(str),
    "income": st.lists(
        st.builds(
            "{}{}:{}".format,
            st.sampled_from([1930, 1938, 1943, 1977, 1990, 1991, 2011, 2012, 2024, 2025, 2027]),
            st.sampled_from(["", "-01", "-06", "-12", "-13"]),
            st.decimals(0, 10**9, places=2),
        ),
        max_size=30,
    ),
}


@settings(max_examples=400, deadline=None)
@given(
    st.fixed_dictionaries(
        # Mostly dates the law covers, so most examples get past the start date.
        {"start_date": st.dates(date(2024, 6, 1), date(2102, 1, 1)).map(iso)},
        optional=plausible_values,
    )
)
def test_plausible_queries_give_a_result_or_a_pension_input_error(params):
    try:
        result = estimate_from_query(params)
    except PensionInputError as error:
        assert error.parameter in plausible_values or error.parameter == "start_date"
        return
    check_lines(result)
    assert result.net <= result.gross
