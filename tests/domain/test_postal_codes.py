"""M7: postal codes abroad, checked only against the pattern known for the country."""

import pytest

from domain.reference.postal_codes import is_valid_postal_code, postal_code_example, postal_rule


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("IT", "00184"),
        ("DE", "10115"),
        ("DE", "D-10115"),  # written after the country's letters, as across Europe
        ("GB", "SW1A 1AA"),
        ("GB", "sw1a 1aa"),  # the check ignores the case; the code is kept as typed
        ("NL", "1011 AB"),
        ("US", "12345-6789"),
        ("MD", "MD-2001"),
        ("FR", "75001"),
        ("ES", " 28013 "),
    ],
)
def test_codes_written_as_their_country_writes_them(country, code):
    assert is_valid_postal_code(country, code)


@pytest.mark.parametrize(
    ("country", "code"),
    [("IT", "0018"), ("DE", "1011"), ("GB", "12345"), ("NL", "AB 1011"), ("ES", "2801X")],
)
def test_codes_that_cannot_be_of_the_country(country, code):
    assert not is_valid_postal_code(country, code)


def test_a_country_without_a_known_pattern_takes_any_code():
    # No invented rule: the United Arab Emirates have no postal codes in the data.
    assert postal_rule("AE").pattern is None and not postal_rule("AE").required
    assert is_valid_postal_code("AE", "oricare")
    assert is_valid_postal_code("ZZ", "oricare")  # not a country at all: no rule either


def test_which_countries_need_a_code_and_an_example():
    assert postal_rule("IT").required
    assert postal_code_example("IT") == "00144"
    assert postal_code_example("AE") is None
