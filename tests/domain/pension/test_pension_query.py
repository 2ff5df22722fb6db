"""Inputs from query-string parameters (the JSON API's names): every bad value names its parameter."""

from datetime import date
from decimal import Decimal

import pytest

from domain.pension import (
    PensionInputError,
    Stage,
    YearMonth,
    estimate_from_query,
    estimate_input_from_query,
    income_from_mapping,
    net_from_query,
    retirement_from_query,
)

BASE = {"start_date": "2025-09-01", "points": "30"}


def test_all_parameters_are_read():
    data = estimate_input_from_query(
        {
            "start_date": "2025-09-01",
            "contributory_years": "36",
            "contributory_months": "2",
            "contributory_days": "",
            "points": "31,25412",
            "income": ["2013-05:3500", "2014:4000,50", "2015-01=10; 2015-02:20"],
            "pillar2_from": "2013-06",
            "assimilated_months": "48",
            "invalidity_grade": "II",
            "potential_months": "12",
            "special_months": "3",
            "deosebite_months": "4",
            "birth_date": "1960-03-15",
            "sex": "f",
            "children": "2",
            "submit": "Calculează",  # names the calculation does not use are ignored
        }
    )
    assert data.start_date == date(2025, 9, 1)
    assert data.contributory_stage == Stage(36, 2, 0)
    assert data.points == Decimal("31.25412")
    assert [str(entry) for entry in data.income] == [
        "2013-05:3500",
        "2014:4000.50",
        "2015-01:10",
        "2015-02:20",
    ]
    assert data.pillar2_from == YearMonth(2013, 6)
    assert (data.invalidity_grade, data.sex, data.children) == (2, "F", 2)
    assert data.birth_date == date(1960, 3, 15)


def test_empty_fields_are_absent():
    data = estimate_input_from_query({**BASE, "income": ["", " "], "birth_date": "", "sex": ""})
    assert data.income == ()
    assert data.birth_date is None and data.sex is None
    assert data.contributory_stage is None


def test_estimate_from_query_gives_the_result():
    result = estimate_from_query({**BASE, "contributory_years": "35"})
    assert result.total_points == Decimal("36.25000")


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"points": "30"}, "start_date", "data"),
        ({**BASE, "start_date": "2023-02-30"}, "start_date", "nu există"),
        ({**BASE, "start_date": "2025-13-01"}, "start_date", "nu există"),
        ({**BASE, "start_date": "01.09.2025"}, "start_date", "AAAA-LL-ZZ"),
        ({**BASE, "start_date": "1937-12-31"}, "start_date", "1938"),
        ({**BASE, "start_date": ["2025-09-01", "2025-10-01"]}, "start_date", "mai multe ori"),
        ({**BASE, "birth_date": "1937-01-01", "sex": "M"}, "birth_date", "1938"),
        ({**BASE, "points": "-5"}, "points", "negativă"),
        ({**BASE, "points": "treizeci"}, "points", "punctaj"),
        ({**BASE, "contributory_years": "abc"}, "contributory_years", "întreg"),
        ({**BASE, "contributory_years": "-1"}, "contributory_years", "negativă"),
        ({**BASE, "contributory_months": "12"}, "contributory_months", "11"),
        ({**BASE, "sex": "X"}, "sex", "F"),
        ({**BASE, "invalidity_grade": "IV"}, "invalidity_grade", "III"),
        ({**BASE, "children": "2.5"}, "children", "întreg"),
        ({**BASE, "pillar2_from": "2005-01"}, "pillar2_from", "2008"),
        ({**BASE, "pillar2_from": "2013-13"}, "pillar2_from", "nu există"),
        ({**BASE, "income": "2013-13:100"}, "income", "nu există"),
        ({**BASE, "income": "2013:3.500"}, "income", "separator de mii"),
        ({**BASE, "income": "2013:-100"}, "income", "negativă"),
        ({**BASE, "income": "abc"}, "income", "AAAA-LL:sumă"),
        ({**BASE, "income": "1995:3000"}, "income", "1995"),
        ({**BASE, "income": ["2013:1"] * 5000}, "income", "1000"),
        ({**BASE, "income": "2013:1;" * 5000}, "income", "1000"),
        ({**BASE, "points": ["30", "31"]}, "points", "mai multe ori"),
        ({**BASE, "points": "9" * 500}, "points", "lungă"),
        ({**BASE, "income": [3]}, "income", "tip"),
    ],
)
def test_bad_values_name_their_parameter(params, parameter, words):
    with pytest.raises(PensionInputError) as caught:
        estimate_from_query(params)
    assert caught.value.parameter == parameter
    assert words in caught.value.message


def test_net_from_query():
    result = net_from_query({"gross": "4467", "date": "2024-10-01"})
    assert result.net == 4320
    assert net_from_query({"gross": "4467,00", "date": "2024-10-01"}).net == 4320


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"date": "2024-10-01"}, "gross"),
        ({"gross": "4467"}, "date"),
        ({"gross": "patru mii", "date": "2024-10-01"}, "gross"),
        ({"gross": "-1", "date": "2024-10-01"}, "gross"),
        ({"gross": "4467", "date": "2024-02-30"}, "date"),
    ],
)
def test_net_query_errors(params, parameter):
    with pytest.raises(PensionInputError) as caught:
        net_from_query(params)
    assert caught.value.parameter == parameter


def test_retirement_from_query():
    result = retirement_from_query({"birth_date": "1972-06-10", "sex": "f", "children": "3"})
    assert result.standard_date == date(2035, 12, 10)
    with pytest.raises(PensionInputError) as caught:
        retirement_from_query({"birth_date": "1972-06-10"})
    assert caught.value.parameter == "sex"
    with pytest.raises(PensionInputError) as caught:
        retirement_from_query({"sex": "F"})
    assert caught.value.parameter == "birth_date"


def test_income_from_mapping():
    entries = income_from_mapping({"2013-05": 3500, "2014": Decimal("4000.5")})
    assert [str(entry) for entry in entries] == ["2013-05:3500", "2014:4000.5"]
    with pytest.raises(PensionInputError):
        income_from_mapping({"2013/05": 3500})
