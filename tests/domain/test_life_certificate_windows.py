"""The life-certificate windows (1 Jan–31 Mar, 1 Jul–30 Sep) computed from any date, the late
rule (art. 101(1)f, 102(1)h) and the calendar file's text. Pure: no app, no Flask."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from domain import life_certificate as windows
from domain import ro

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


# (today, open window or None, next window to open, the next two deadlines)
CASES = [
    (D(2025, 12, 31), None, (D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 3, 31), D(2026, 9, 30))),
    (
        D(2026, 1, 1),
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 3, 31), D(2026, 9, 30)),
    ),
    (
        D(2026, 3, 31),
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 3, 31), D(2026, 9, 30)),
    ),
    (D(2026, 4, 1), None, (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 9, 30), D(2027, 3, 31))),
    (D(2026, 6, 30), None, (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 9, 30), D(2027, 3, 31))),
    (
        D(2026, 7, 1),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2027, 1, 1), D(2027, 3, 31)),
        (D(2026, 9, 30), D(2027, 3, 31)),
    ),
    (
        D(2026, 9, 30),
        (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2027, 1, 1), D(2027, 3, 31)),
        (D(2026, 9, 30), D(2027, 3, 31)),
    ),
    (D(2026, 10, 1), None, (D(2027, 1, 1), D(2027, 3, 31)), (D(2027, 3, 31), D(2027, 9, 30))),
    # Leap years: 29 February is inside the first window like any other day.
    (
        D(2028, 2, 29),
        (D(2028, 1, 1), D(2028, 3, 31)),
        (D(2028, 7, 1), D(2028, 9, 30)),
        (D(2028, 3, 31), D(2028, 9, 30)),
    ),
    (D(2027, 12, 31), None, (D(2028, 1, 1), D(2028, 3, 31)), (D(2028, 3, 31), D(2028, 9, 30))),
    (
        D(2024, 2, 29),
        (D(2024, 1, 1), D(2024, 3, 31)),
        (D(2024, 7, 1), D(2024, 9, 30)),
        (D(2024, 3, 31), D(2024, 9, 30)),
    ),
]


@pytest.mark.parametrize(("today", "current", "upcoming", "deadlines"), CASES, ids=str)
def test_windows_across_the_year(today, current, upcoming, deadlines):
    state = windows.status(today)
    assert (state.current and (state.current.opens, state.current.closes)) == (current or None)
    assert (state.upcoming.opens, state.upcoming.closes) == upcoming
    assert state.deadlines == deadlines
    assert state.next_to_close.closes == deadlines[0]


@pytest.mark.parametrize(
    ("today", "days_left"),
    [
        (D(2027, 1, 1), 89),  # 31 + 28 + 31 days in the window, today being the first
        (D(2028, 1, 1), 90),  # leap year: one day more
        (D(2028, 2, 28), 32),
        (D(2028, 2, 29), 31),
        (D(2027, 3, 1), 30),
        (D(2028, 3, 1), 30),
        (D(2026, 3, 31), 0),
        (D(2026, 7, 1), 91),
        (D(2026, 9, 29), 1),
    ],
)
def test_days_left_count_leap_days(today, days_left):
    assert windows.status(today).days_left == days_left


def test_no_days_left_outside_a_window():
    assert windows.status(D(2026, 5, 5)).days_left is None


def test_every_day_of_four_years_belongs_to_exactly_the_right_windows():
    day = D(2026, 1, 1)
    while day < D(2030, 1, 1):
        state = windows.status(day)
        in_window = (1 <= day.month <= 3) or (7 <= day.month <= 9)
        assert (state.current is not None) == in_window, day
        first, second = state.deadlines
        assert day <= first < second
        assert (first.month, first.day) in ((3, 31), (9, 30))
        assert (second - first).days in (183, 182, 184), day  # half a year apart
        assert state.upcoming.opens > day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("closes", "suspended_from", "reminder"),
    [
        (D(2026, 3, 31), D(2026, 4, 1), D(2026, 3, 17)),
        (D(2026, 9, 30), D(2026, 10, 1), D(2026, 9, 16)),
        (D(2028, 3, 31), D(2028, 4, 1), D(2028, 3, 17)),
    ],
)
def test_late_certificate_suspends_from_the_next_month(closes, suspended_from, reminder):
    window = windows.Window(closes.replace(month=closes.month - 2, day=1), closes)
    assert window.suspended_from == suspended_from
    assert window.reminder == reminder


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            D(2025, 12, 31),
            "Următoarea perioadă de trimitere se deschide pe 1 ianuarie 2026 și se încheie pe "
            "31 martie 2026.",
        ),
        (D(2026, 1, 1), "Perioada curentă se încheie pe 31 martie 2026, peste 89 de zile."),
        (D(2026, 3, 12), "Perioada curentă se încheie pe 31 martie 2026, peste 19 zile."),
        (D(2026, 3, 30), "Perioada curentă se încheie mâine, 31 martie 2026."),
        (
            D(2026, 3, 31),
            "Perioada curentă se încheie astăzi, 31 martie 2026: este ultima zi de trimitere.",
        ),
        (
            D(2026, 4, 1),
            "Următoarea perioadă de trimitere se deschide pe 1 iulie 2026 și se încheie pe "
            "30 septembrie 2026.",
        ),
        (
            D(2026, 10, 1),
            "Următoarea perioadă de trimitere se deschide pe 1 ianuarie 2027 și se încheie pe "
            "31 martie 2027.",
        ),
    ],
)
def test_headline(today, expected):
    assert windows.headline(windows.status(today)) == expected


def test_late_sentence_names_the_month_of_suspension_and_the_articles():
    sentence = windows.late_sentence(windows.status(D(2026, 8, 1)).next_to_close)
    assert "până la 30 septembrie 2026" in sentence
    assert "începând cu luna octombrie 2026" in sentence
    assert "de la data suspendării" in sentence
    assert "art. 101 alin. (1) lit. f)" in sentence and "art. 102 alin. (1) lit. h)" in sentence


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "o zi"),
        (2, "2 zile"),
        (19, "19 zile"),
        (20, "20 de zile"),
        (89, "89 de zile"),
        (101, "101 zile"),
        (119, "119 zile"),
        (120, "120 de zile"),
    ],
)
def test_romanian_day_counts(count, words):
    assert ro.count(count, "zi", "zile", single="o zi") == words


def test_calendar_events_are_the_next_two_deadlines():
    ics = windows.calendar_file(
        D(2026, 4, 1),
        stamp=dt.datetime(2026, 4, 1, 8, 30, tzinfo=dt.UTC),
        host="portal.example",
        page_url="https://portal.example/certificat-de-viata/",
    )
    assert "DTSTART;VALUE=DATE:20260930\r\n" in ics
    assert "DTSTART;VALUE=DATE:20270331\r\n" in ics
    assert "UID:certificat-de-viata-20260930@portal.example\r\n" in ics
    assert "DTSTAMP:20260401T083000Z\r\n" in ics
    assert ics.count("TRIGGER:-P14D\r\n") == 2


def test_calendar_uid_host_is_cleaned():
    ics = windows.calendar_file(
        D(2026, 4, 1), stamp=dt.datetime.now(dt.UTC), host='evil"\r\nX:y', page_url="https://x/"
    )
    assert "UID:certificat-de-viata-20260930@evilXy\r\n" in ics


def test_module_does_not_load_flask():
    code = (
        "import sys, domain.life_certificate; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
