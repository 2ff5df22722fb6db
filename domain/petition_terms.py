"""The terms of a petition (OG 27/2002), computed from the day it was registered.

Which days the law means:

- Art. 8(1): the petition is answered "în termen de 30 de zile de la data înregistrării". OG 27/2002
  does not say working days, so they are **calendar days**. It gives no rule of its own for
  counting, so the Civil Code's applies (art. 2553: "când termenul este stabilit pe zile, nu se ia
  în calcul prima zi"; the term ends at the end of its last day; art. 2554: "dacă ultima zi a unui
  termen cade într-o zi nelucrătoare, termenul se socotește împlinit la sfârșitul primei zile
  lucrătoare care îi urmează"). So: the registration day is not counted, the 30th day after it is
  the last, and a last day on a Saturday, a Sunday or a public holiday moves to the next working
  day. Counting in days (not in months) means month ends and 29 February need no rule of their own:
  13 December 2026 gives 12 January 2027; 31 January 2028 gives 1 March 2028 (a leap year).
- Art. 9: the head of the authority may extend the art. 8 term "cu cel mult 15 zile", once, telling
  the petitioner: the extension adds up to 15 calendar days to the 30 (counted from the same
  registration day, so a term that had moved past a weekend does not add those days twice), with
  the same move off a non-working last day.
- Art. 6(1): a petition sent to the wrong authority is forwarded "în termen de 5 zile de la
  înregistrare" to the right one, the petitioner told: 5 calendar days, the same counting.

Public holidays are those of the Labour Code, art. 139(1) (Law 53/2003, as amended up to Law
17/2024, which added 6 and 7 January): 1 and 2 January, 6 January (Boboteaza), 7 January (Sfântul
Ioan), 24 January, Orthodox Good Friday, Easter Sunday and Monday, 1 May, 1 June, Orthodox
Pentecost Sunday and Monday, 15 August, 30 November, 1 December, 25 and 26 December. A holiday
the Government adds for one year only (a "punte") is not a public holiday and does not move a term.
"""

import datetime as dt
from functools import cache

from domain import ro

ANSWER_DAYS = 30  # art. 8(1)
MAX_EXTENSION_DAYS = 15  # art. 9
FORWARD_DAYS = 5  # art. 6(1)

_FIXED_HOLIDAYS = (
    (1, 1),
    (1, 2),
    (1, 6),
    (1, 7),
    (1, 24),
    (5, 1),
    (6, 1),
    (8, 15),
    (11, 30),
    (12, 1),
    (12, 25),
    (12, 26),
)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday (the Julian computus, given as a Gregorian date; 1900–2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = dt.date(year, month, day + 1)
    return julian + dt.timedelta(days=13)


@cache
def public_holidays(year: int) -> frozenset[dt.date]:
    easter = orthodox_easter(year)
    moving = (-2, 0, 1, 49, 50)  # Good Friday, Easter, Easter Monday, Pentecost and its Monday
    return frozenset(
        [dt.date(year, month, day) for month, day in _FIXED_HOLIDAYS]
        + [easter + dt.timedelta(days=offset) for offset in moving]
    )


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def _term_end(start: dt.date, days: int) -> dt.date:
    """The last day of a term of `days` calendar days from `start` (not counted), moved to the
    next working day when it falls on a day off (Civil Code art. 2553-2554)."""
    end = start + dt.timedelta(days=days)
    while not is_working_day(end):
        end += dt.timedelta(days=1)
    return end


def answer_deadline(registered_on: dt.date) -> dt.date:
    """The last day to answer (art. 8): 30 days after registration."""
    return _term_end(registered_on, ANSWER_DAYS)


def extended_deadline(registered_on: dt.date, days: int = MAX_EXTENSION_DAYS) -> dt.date:
    """The last day to answer after the art. 9 extension of `days` (1 to 15)."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValueError(f"an extension is of 1 to {MAX_EXTENSION_DAYS} days, not {days}")
    return _term_end(registered_on, ANSWER_DAYS + days)


def forward_deadline(registered_on: dt.date) -> dt.date:
    """The last day to forward a petition sent to the wrong county house (art. 6(1))."""
    return _term_end(registered_on, FORWARD_DAYS)


def in_words(due_on: dt.date) -> str:
    """răspuns până la 12 ianuarie 2027"""
    return f"răspuns până la {ro.long_date(due_on)}"
