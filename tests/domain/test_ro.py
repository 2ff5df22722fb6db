"""Romanian wording and time: the "de" rule, dates in Bucharest time, numbers, comma-below."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from domain import ro


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (0, "0 caractere"),
        (1, "1 caracter"),
        (2, "2 caractere"),
        (19, "19 caractere"),
        (20, "20 de caractere"),
        (21, "21 de caractere"),
        (100, "100 de caractere"),
        (101, "101 caractere"),
        (119, "119 caractere"),
        (120, "120 de caractere"),
        (1000, "1000 de caractere"),
        (1001, "1001 caractere"),
    ],
)
def test_numbers_from_twenty_take_de_unless_they_end_in_01_to_19(number, text):
    assert ro.count(number, "caracter", "caractere") == text


def test_one_can_be_written_as_a_word():
    assert ro.count(1, "zi", "zile", single="o zi") == "o zi"
    assert ro.count(2, "zi", "zile", single="o zi") == "2 zile"


def test_bucharest_today_is_a_day_ahead_of_utc_before_midnight():
    with time_machine.travel(dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC), tick=False):
        assert ro.today() == dt.date(2026, 4, 1)


def test_moments_are_converted_and_naive_ones_refused():
    moment = dt.datetime(2026, 7, 1, 9, 5, tzinfo=dt.UTC)
    assert ro.local(moment) == moment
    assert ro.local(moment).utcoffset() == dt.timedelta(hours=3)
    assert ro.utc(ro.local(moment)).tzinfo is dt.UTC
    with pytest.raises(ValueError, match="naive"):
        ro.local(dt.datetime(2026, 7, 1, 9, 5))
    with pytest.raises(ValueError, match="naive"):
        ro.utc(dt.datetime(2026, 7, 1, 9, 5))


def test_dates():
    new_year = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)  # 00:30 on 1 January in Bucharest
    assert ro.short_date(dt.date(2025, 9, 1)) == "01.09.2025"
    assert ro.short_date(new_year) == "01.01.2027"
    assert ro.long_date(dt.date(2027, 1, 12)) == "12 ianuarie 2027"
    assert ro.long_date(new_year) == "1 ianuarie 2027"
    assert ro.month(dt.date(2026, 4, 30)) == "aprilie 2026"
    assert ro.time_of_day(new_year) == "00:30"
    assert ro.date_time(dt.datetime(2026, 5, 14, 7, 32, tzinfo=dt.UTC)) == "14.05.2026, 10:32"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (3000, None, "3.000"),
        (Decimal("146.7"), 2, "146,70"),
        (Decimal("1234567.891"), None, "1.234.567,891"),
        (Decimal("2.50"), None, "2,5"),
        (Decimal("0.123456"), 5, "0,12346"),
        (Decimal(-1200), None, "-1.200"),
    ],
)
def test_numbers_have_a_decimal_comma_and_a_thousands_dot(value, places, text):
    assert ro.number(value, places) == text


def test_lists_end_with_si():
    assert ro.and_list([]) == ""
    assert ro.and_list(["a"]) == "a"
    assert ro.and_list(["a", "b"]) == "a și b"
    assert ro.and_list(["a", "b", "c"]) == "a, b și c"


def test_cedilla_letters_become_comma_below():
    cedilla = "\u015f\u0163\u015e\u0162"
    assert ro.comma_below(f"Bra{cedilla}ov") == "Bra\u0219\u021b\u0218\u021aov"
    assert ro.comma_below("ă â î ș ț") == "ă â î ș ț"


def test_undersigned_from_the_sex():
    from domain import ro as wording

    assert wording.undersigned("M") == "Subsemnatul"
    assert wording.undersigned("F") == "Subsemnata"
    assert wording.undersigned(None) == "Subsemnatul/Subsemnata"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Popescu-Țăranu Ana Ștefănică", "Popescu-Taranu Ana Stefanica"),
        ("\u015etef\u0103nescu \u0162epe\u015f", "Stefanescu Tepes"),  # cedilla letters too
        ("ÂÎȘȚĂ âîșță", "AISTA aista"),
        ("Müller Groß Łukasz Øre Đorđe", "Muller Gross Lukasz Ore Dorde"),
        ("O'Brien", "O'Brien"),
    ],
)
def test_without_diacritics(text, plain):
    assert ro.without_diacritics(text) == plain
