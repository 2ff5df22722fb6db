"""Dates in the formats people type them, and why the others are refused."""

import datetime as dt

import pytest

from domain.dates import DateProblem, parse_date, read_date

MAY_14 = dt.date(1958, 5, 14)


@pytest.mark.parametrize(
    "typed",
    [
        "14.05.1958",
        "14/05/1958",
        "14-05-1958",
        "14 05 1958",
        "14.5.1958",
        "14. 05. 1958",
        "14.05.1958.",
        " 14.05.1958 ",
        "14051958",
        "14–05–1958",
        "1958-05-14",
        "1958.05.14",
        "1958/5/14",
    ],
)
def test_common_formats_are_one_day(typed):
    assert read_date(typed).value == MAY_14
    assert parse_date(typed) == MAY_14


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("14.5.58", DateProblem.SHORT_YEAR),
        ("14/05/58", DateProblem.SHORT_YEAR),
        ("31.02.1958", DateProblem.NOT_REAL),
        ("14.13.1958", DateProblem.NOT_REAL),
        ("00.05.1958", DateProblem.NOT_REAL),
        ("14.05.0958", DateProblem.TOO_EARLY),
        ("14.05.19580", DateProblem.FORMAT),
        ("14 mai 1958", DateProblem.FORMAT),
        ("ieri", DateProblem.FORMAT),
        ("1958", DateProblem.FORMAT),
        ("", DateProblem.FORMAT),
        ("14.05", DateProblem.FORMAT),
        ("١٤.٠٥.١٩٥٨", DateProblem.FORMAT),
    ],
)
def test_what_is_not_a_date_says_why(typed, problem):
    assert read_date(typed) == read_date(typed).__class__(problem=problem)
    assert parse_date(typed) is None


def test_a_leap_day_is_real_only_in_a_leap_year():
    assert parse_date("29.02.1960") == dt.date(1960, 2, 29)
    assert read_date("29.02.1958").problem is DateProblem.NOT_REAL
