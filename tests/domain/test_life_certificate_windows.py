"""The life-certificate windows (1 Jan–31 Mar, 1 Jul–30 Sep) computed from any date, the late
rule (art. 101(1)f, 102(1)h) and the calendar file's text. Pure: no app, no Flask."""

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import icalendar
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
        (D(2026, 3, 31), D(2026, 4, 1), D(2026, 3, 3)),
        (D(2026, 9, 30), D(2026, 10, 1), D(2026, 9, 2)),
        (D(2028, 3, 31), D(2028, 4, 1), D(2028, 3, 3)),
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


def parse_calendar(today, host="portal.example", stamp=None):
    ics = windows.calendar_file(
        today,
        stamp=stamp or dt.datetime(2026, 4, 1, 8, 30, tzinfo=dt.UTC),
        host=host,
        page_url="https://portal.example/certificat-de-viata/",
    )
    return ics, icalendar.Calendar.from_ical(ics)


def events_by_kind(calendar):
    """{(deadline as MMDD, kind): event}, from the UID."""
    found = {}
    for event in calendar.walk("VEVENT"):
        name = str(event["UID"]).split("@")[0].removeprefix("certificat-de-viata-")
        closes, kind = name.split("-")
        found[(closes, kind)] = event
    return found


@pytest.mark.parametrize(
    ("today", "firsts"),
    [
        # December: the whole of next year.
        (
            D(2026, 12, 3),
            {
                ("0331", "deschidere"): D(2027, 1, 1),
                ("0331", "amintire"): D(2027, 3, 3),
                ("0331", "termen"): D(2027, 3, 31),
                ("0930", "deschidere"): D(2027, 7, 1),
            },
        ),
        # Inside the first window, after its reminder: the deadline this year, the rest next.
        (
            D(2026, 3, 10),
            {
                ("0331", "deschidere"): D(2027, 1, 1),
                ("0331", "amintire"): D(2027, 3, 3),
                ("0331", "termen"): D(2026, 3, 31),
                ("0930", "deschidere"): D(2026, 7, 1),
                ("0930", "amintire"): D(2026, 9, 2),
                ("0930", "termen"): D(2026, 9, 30),
            },
        ),
        # On the day itself an event is still ahead, not a year away.
        (
            D(2026, 9, 2),
            {
                ("0930", "deschidere"): D(2027, 7, 1),
                ("0930", "amintire"): D(2026, 9, 2),
                ("0930", "termen"): D(2026, 9, 30),
                ("0331", "deschidere"): D(2027, 1, 1),
            },
        ),
    ],
)
def test_calendar_events_repeat_yearly_from_their_next_occurrence(today, firsts):
    _, calendar = parse_calendar(today)
    events = events_by_kind(calendar)
    assert len(events) == 3 * len(windows.WINDOWS)
    for key, first in firsts.items():
        event = events[key]
        assert event.decoded("DTSTART") == first, key
        assert event.decoded("DTEND") == first + dt.timedelta(days=1)  # all day
        assert event["RRULE"]["FREQ"] == ["YEARLY"]
        assert first >= today and first - today < dt.timedelta(days=366)
    starts = [event.decoded("DTSTART") for event in calendar.walk("VEVENT")]
    assert starts == sorted(starts)


def test_calendar_days_come_from_the_windows_table():
    _, calendar = parse_calendar(D(2026, 12, 3))
    events = events_by_kind(calendar)
    for window in windows.windows_of(2027):
        key = f"{window.closes:%m%d}"
        assert events[(key, "deschidere")].decoded("DTSTART") == window.opens
        assert events[(key, "termen")].decoded("DTSTART") == window.closes
        reminder = events[(key, "amintire")].decoded("DTSTART")
        assert window.closes - reminder == dt.timedelta(days=28)
    reminders = sorted(
        e.decoded("DTSTART") for (_, kind), e in events.items() if kind == "amintire"
    )
    assert reminders == [D(2027, 3, 3), D(2027, 9, 2)]


def test_every_event_rings_at_nine_that_day():
    _, calendar = parse_calendar(D(2026, 12, 3))
    for event in calendar.walk("VEVENT"):
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=9)  # relative to the start
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_calendar_texts_name_no_year_since_they_repeat():
    _, calendar = parse_calendar(D(2026, 12, 3))
    events = events_by_kind(calendar)
    opening = str(events[("0331", "deschidere")]["DESCRIPTION"])
    assert "cel mai devreme pe 1 ianuarie" in opening
    assert "31 martie" in opening
    deadline = str(events[("0331", "termen")]["DESCRIPTION"])
    assert "luna aprilie." in deadline and "suspendă" in deadline
    assert "28 de zile" in str(events[("0930", "amintire")]["DESCRIPTION"])
    for event in calendar.walk("VEVENT"):
        text = str(event["SUMMARY"]) + str(event["DESCRIPTION"])
        assert not re.search(r"\b20\d\d\b", text.replace("360/2023", "")), text
        assert "https://portal.example/certificat-de-viata/" in text


def test_calendar_file_is_the_same_for_the_same_inputs_but_the_stamp():
    first, _ = parse_calendar(D(2026, 12, 3), stamp=dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC))
    again, _ = parse_calendar(D(2026, 12, 3), stamp=dt.datetime(2026, 12, 3, 9, tzinfo=dt.UTC))
    assert first.count("DTSTAMP:20261203T080000Z\r\n") == 6
    assert first.replace("T080000Z", "T090000Z") == again


def test_calendar_uids_stay_the_same_from_one_year_to_the_next():
    """Importing next year's download updates the events instead of doubling them."""
    _, this_year = parse_calendar(D(2026, 12, 3))
    _, next_year = parse_calendar(D(2027, 8, 15))
    assert set(events_by_kind(this_year)) == set(events_by_kind(next_year))
    uids = [str(event["UID"]) for event in this_year.walk("VEVENT")]
    assert len(set(uids)) == 6
    assert "certificat-de-viata-0331-deschidere@portal.example" in uids


def test_calendar_lines_are_crlf_and_folded_at_75_octets():
    ics, _ = parse_calendar(D(2026, 12, 3))
    raw = ics.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # something was folded


def test_calendar_uid_host_is_cleaned():
    ics = windows.calendar_file(
        D(2026, 4, 1), stamp=dt.datetime.now(dt.UTC), host='evil"\r\nX:y', page_url="https://x/"
    )
    assert "UID:certificat-de-viata-0930-termen@evilXy\r\n" in ics


def test_accepted_sentences_come_from_the_windows_table():
    assert windows.accepted_sentences() == [
        "Pentru termenul din 31 martie, certificatul trebuie semnat și ștampilat de autoritate "
        "cel mai devreme pe 1 ianuarie; unul certificat înainte de 1 ianuarie nu este primit "
        "pentru acest termen.",
        "Pentru termenul din 30 septembrie, certificatul trebuie semnat și ștampilat de "
        "autoritate cel mai devreme pe 1 iulie; unul certificat înainte de 1 iulie nu este "
        "primit pentru acest termen.",
    ]
    window = windows.status(D(2026, 12, 3)).next_to_close
    dated = windows.accepted_sentence(window, every_year=False)
    assert "termenul din 31 martie 2027" in dated and "cel mai devreme pe 1 ianuarie 2027" in dated


def test_calendar_contents_say_what_the_file_holds():
    assert windows.calendar_contents() == (
        "În fiecare an, calendarul vă amintește pe 1 ianuarie și 1 iulie, când se poate trimite "
        "certificatul, cu 4 săptămâni înainte de fiecare termen (3 martie și 2 septembrie) și în "
        "ziua termenului, la ora 9:00."
    )


def test_module_does_not_load_flask():
    code = (
        "import sys, domain.life_certificate; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'flask'], 'flask'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
