"""Romanian wording and time: the one place that counts, dates, numbers and spells the letters.

Every datetime the application keeps is aware and in UTC; Bucharest time appears only here, when
a moment is shown to someone or turned into "today". Babel writes the month names.
"""

import datetime as dt
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date

ROMANIA = ZoneInfo("Europe/Bucharest")

# The cedilla letters (U+015F, U+0163, U+015E, U+0162), which old keyboards still type, and the
# comma-below ones Romanian is written with. Escapes, so that no cedilla sits in the source.
_COMMA_BELOW = str.maketrans("\u015f\u0163\u015e\u0162", "\u0219\u021b\u0218\u021a")


# --- time ---------------------------------------------------------------------------------------


def today() -> dt.date:
    """The date in Bucharest now: what "today" means for every date rule."""
    return dt.datetime.now(ROMANIA).date()


def utc(value: dt.datetime) -> dt.datetime:
    """The same moment in UTC. A naive datetime is refused: nobody can tell which zone it meant."""
    return _aware(value).astimezone(dt.UTC)


def local(value: dt.datetime) -> dt.datetime:
    """The same moment in Bucharest time, for display."""
    return _aware(value).astimezone(ROMANIA)


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r}: give it a time zone (UTC)")
    return value


def _day(value: dt.date) -> dt.date:
    # A moment is on the day it is in Bucharest.
    return local(value).date() if isinstance(value, dt.datetime) else value


# --- dates --------------------------------------------------------------------------------------


def short_date(value: dt.date) -> str:
    """01.09.2025. Not strftime: that costs a system time-zone lookup per call, and a pension
    result page prints some fifty dates."""
    day = _day(value)
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


def long_date(value: dt.date) -> str:
    """22 noiembrie 2026"""
    return format_date(_day(value), format="long", locale="ro")


def month(value: dt.date) -> str:
    """aprilie 2026"""
    return format_date(_day(value), format="LLLL y", locale="ro")


def day_and_month(value: dt.date) -> str:
    """31 martie: for what comes back every year, such as a yearly calendar event."""
    return format_date(_day(value), format="d MMMM", locale="ro")


def month_name(value: dt.date) -> str:
    """aprilie"""
    return format_date(_day(value), format="LLLL", locale="ro")


def time_of_day(value: dt.datetime) -> str:
    """14:05, Bucharest time"""
    moment = local(value)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def date_time(value: dt.datetime) -> str:
    """14.05.2026, 10:32 in Bucharest time: the short form, for staff screens and printouts."""
    return f"{short_date(value)}, {time_of_day(value)}"


# --- counts, numbers, lists ---------------------------------------------------------------------


def count(number: int, one: str, many: str, *, single: str | None = None) -> str:
    """1 cerere, 2 cereri, 19 cereri, 20 de cereri, 101 cereri, 120 de cereri.

    Romanian puts "de" between a number and its noun from 20 on, unless the number's last two
    digits are 01 to 19. ``single`` is the whole text for 1 when "1 zi" reads worse than "o zi".
    """
    if number == 1:
        return single if single is not None else f"1 {one}"
    rest = number % 100
    if number >= 20 and (rest == 0 or rest >= 20):
        return f"{number} de {many}"
    return f"{number} {many}"


def number(value: Decimal | int, places: int | None = None) -> str:
    """A number written the Romanian way: 3.000 and 146,70 (thousands dot, decimal comma).

    With ``places``, rounded to that many decimals and shown with all of them; without, as few
    as the value needs."""
    amount = Decimal(value)
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places))
        text = f"{amount:,f}"
    elif amount == amount.to_integral_value():
        text = f"{amount.to_integral_value():,f}"
    else:
        text = f"{amount.normalize():,f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def and_list(items: Sequence[str]) -> str:
    """a; a și b; a, b și c"""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " și " + items[-1]


# --- the person ---------------------------------------------------------------------------------


def undersigned(sex: str | None) -> str:
    """ "Subsemnatul" or "Subsemnata" when the sex is known (a CNP says it); both only when it is
    not, as on a printed form nobody has filled in yet."""
    return {"M": "Subsemnatul", "F": "Subsemnata"}.get(sex or "", "Subsemnatul/Subsemnata")


# --- letters ------------------------------------------------------------------------------------


def comma_below(text: str) -> str:
    """The text with the cedilla s and t (either case) written as the comma-below ș ț Ș Ț."""
    return text.translate(_COMMA_BELOW)


# Letters that Unicode does not decompose into a base letter and a mark.
_NO_MARK = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}
    | {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"}
)


def without_diacritics(text: str) -> str:
    """The text in plain letters, as CNPP's own systems take a name ("fără diacritice"):
    "Țăranu Ștefănică" → "Taranu Stefanica". Cedilla and comma-below letters both lose the mark."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_MARK))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )
