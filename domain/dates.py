"""Dates as people type them: 14.05.1958, 14/05/1958, 14-05-1958, 14 05 1958, 14.5.1958,
14051958 and 1958-05-14 are one day. Pure: the forms choose the message for each problem.

A two-digit year is refused, not guessed: "14.5.58" may be 1958 or 2058 depending on what is
asked (a birth date, an identity card's expiry), and a wrong century would pass every later check.
"""

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

EARLIEST_YEAR = 1900
# ASCII digits only. Day, month and year in that order, or the year first (ISO); any of . / - or spaces between.
_SEPARATOR = r"\s*[./\-\u2010-\u2015\s]\s*"
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d+)\.?", re.ASCII)
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{1,2}})", re.ASCII)
_DIGITS_ONLY = re.compile(r"(\d{2})(\d{2})(\d{4})", re.ASCII)


class DateProblem(Enum):
    FORMAT = "format"  # not day, month and year
    SHORT_YEAR = "short_year"  # 14.05.58
    NOT_REAL = "not_real"  # 31.02.1958, month 13
    TOO_EARLY = "too_early"  # a year before 1900: a typing slip


@dataclass(frozen=True)
class ReadDate:
    value: dt.date | None = None
    problem: DateProblem | None = None


def read_date(text: str) -> ReadDate:
    text = text.strip()
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DAY_FIRST.fullmatch(text) or _DIGITS_ONLY.fullmatch(text):
        day, month, year = match.groups()
    else:
        return ReadDate(problem=DateProblem.FORMAT)
    if len(year) != 4:
        return ReadDate(problem=DateProblem.SHORT_YEAR if len(year) <= 2 else DateProblem.FORMAT)
    try:
        value = dt.date(int(year), int(month), int(day))
    except ValueError:
        return ReadDate(problem=DateProblem.NOT_REAL)
    if value.year < EARLIEST_YEAR:
        return ReadDate(problem=DateProblem.TOO_EARLY)
    return ReadDate(value=value)


def parse_date(text: str) -> dt.date | None:
    """The day `text` names, or None."""
    return read_date(text).value
