"""A phone number abroad completed from the country of residence (m5)."""

import pytest

from domain.phones import with_country_code


@pytest.mark.parametrize(
    "typed, country, expected",
    [
        ("347 123 4567", "IT", "+39 347 123 4567"),
        ("347 123 4567", "it", "+39 347 123 4567"),
        ("030 1234567", "DE", "+49 30 1234567"),
        ("06 12 34 56 78", "FR", "+33 6 12 34 56 78"),
        ("12 34", "IT", None),  # not a number there
        ("0722 123 456", "IT", None),  # Romanian as typed at home: not guessed
        ("347 123 4567", None, None),  # no country yet
        ("", "IT", None),
        ("abc", "IT", None),
    ],
)
def test_with_country_code(typed, country, expected):
    assert with_country_code(typed, country) == expected
