"""The counter's terms (domain.petition_terms): the extension of art. 9 and the forwarding
window of art. 6(1), in calendar days, across month and year ends and a leap day."""

import datetime as dt

import pytest

from domain.petition_terms import extended_deadline, forwarding_deadline


@pytest.mark.parametrize(
    ("due_on", "days", "new_due_on"),
    [
        (dt.date(2027, 1, 12), 15, dt.date(2027, 1, 27)),
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 1)),
        (dt.date(2026, 12, 20), 15, dt.date(2027, 1, 4)),
        (dt.date(2028, 2, 20), 9, dt.date(2028, 2, 29)),  # 2028 is a leap year
        (dt.date(2027, 2, 20), 9, dt.date(2027, 3, 1)),
    ],
)
def test_the_extension_adds_calendar_days_to_the_deadline_in_force(due_on, days, new_due_on):
    assert extended_deadline(due_on, days) == new_due_on


def test_the_extension_is_15_days_unless_fewer_are_asked():
    assert extended_deadline(dt.date(2027, 3, 1)) == dt.date(2027, 3, 16)


@pytest.mark.parametrize("days", [0, -1, 16, 30])
def test_an_extension_is_1_to_15_days(days):
    with pytest.raises(ValueError):
        extended_deadline(dt.date(2027, 3, 1), days)


def test_a_petition_is_forwarded_by_the_fifth_day_after_registration():
    assert forwarding_deadline(dt.date(2026, 12, 29)) == dt.date(2027, 1, 3)
    assert forwarding_deadline(dt.date(2028, 2, 25)) == dt.date(2028, 3, 1)
