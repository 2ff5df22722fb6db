"""The petition terms (OG 27/2002 art. 6, 8, 9): calendar days, the registration day not counted,
a last day off moved to the next working day."""

import datetime as dt

import pytest

from domain.petition_terms import (
    answer_deadline,
    extended_deadline,
    forward_deadline,
    in_words,
    is_working_day,
    orthodox_easter,
    public_holidays,
)

D = dt.date


def test_thirty_calendar_days_after_registration_the_registration_day_not_counted():
    assert answer_deadline(D(2026, 12, 13)) == D(2027, 1, 12)
    assert in_words(answer_deadline(D(2026, 12, 13))) == "răspuns până la 12 ianuarie 2027"


@pytest.mark.parametrize(
    ("registered", "due"),
    [
        (D(2026, 1, 31), D(2026, 3, 2)),  # 2 March 2026, a Monday (28 February: no 29th)
        (D(2028, 1, 31), D(2028, 3, 1)),  # a leap year: 29 February is counted
        (D(2027, 1, 30), D(2027, 3, 1)),  # 1 March 2027 is a Monday
        (D(2028, 1, 29), D(2028, 2, 28)),
        (D(2026, 3, 31), D(2026, 4, 30)),
        (D(2026, 8, 31), D(2026, 9, 30)),
    ],
)
def test_month_ends_and_leap_years(registered, due):
    assert answer_deadline(registered) == due


def test_a_last_day_on_a_weekend_moves_to_monday():
    # 30 days after 2 October 2026 is Sunday 1 November.
    assert answer_deadline(D(2026, 10, 2)) == D(2026, 11, 2)
    # After 31 October 2026: Monday 30 November and 1 December are holidays.
    assert answer_deadline(D(2026, 10, 31)) == D(2026, 12, 2)


def test_public_holidays_move_the_last_day():
    # 30 days after 2 December 2026: 1 January 2027 (holiday), then 2 January (holiday, Saturday),
    # Sunday 3 January; Monday 4 January is the first working day.
    assert answer_deadline(D(2026, 12, 2)) == D(2027, 1, 4)
    # 6 and 7 January are holidays since Law 17/2024.
    assert answer_deadline(D(2026, 12, 7)) == D(2027, 1, 8)
    # Orthodox Good Friday 2026 is 10 April, Easter Monday 13 April.
    assert answer_deadline(D(2026, 3, 11)) == D(2026, 4, 14)


def test_orthodox_easter_and_pentecost():
    assert [orthodox_easter(year) for year in (2024, 2025, 2026, 2027, 2028)] == [
        D(2024, 5, 5),
        D(2025, 4, 20),
        D(2026, 4, 12),
        D(2027, 5, 2),
        D(2028, 4, 16),
    ]
    holidays = public_holidays(2026)
    assert {D(2026, 5, 31), D(2026, 6, 1), D(2026, 4, 10), D(2026, 1, 24)} <= holidays
    # 17 in most years; in 2026 Pentecost Monday falls on 1 June, already a holiday.
    assert len(holidays) == 16
    assert len(public_holidays(2027)) == 17
    assert not is_working_day(D(2026, 8, 15))
    assert is_working_day(D(2026, 8, 14))


def test_the_art_9_extension_adds_at_most_15_days_to_the_30():
    assert extended_deadline(D(2026, 12, 13)) == D(2027, 1, 27)
    assert extended_deadline(D(2026, 12, 13), days=10) == D(2027, 1, 22)
    # Counted from registration: 30 + 15 after 2 October 2026 is Tuesday 16 November, not the
    # moved first term (2 November) plus 15.
    assert extended_deadline(D(2026, 10, 2)) == D(2026, 11, 16)
    with pytest.raises(ValueError):
        extended_deadline(D(2026, 12, 13), days=16)
    with pytest.raises(ValueError):
        extended_deadline(D(2026, 12, 13), days=0)


def test_forwarding_within_5_days():
    assert forward_deadline(D(2026, 12, 2)) == D(2026, 12, 7)  # Monday
    assert forward_deadline(D(2026, 12, 3)) == D(2026, 12, 8)
    # 5 days after 20 December 2026 is Christmas; 26 December and Sunday 27 too.
    assert forward_deadline(D(2026, 12, 20)) == D(2026, 12, 28)
