"""The countries of the life certificate."""

from domain.reference.countries import countries, countries_by_code


def test_every_country_but_romania_with_its_romanian_name():
    codes = [country.code for country in countries()]
    assert "RO" not in codes and len(codes) == len(set(codes)) > 200
    assert countries_by_code()["DE"].name == "Germania"
    assert countries_by_code()["DE"].names["de"] == "Deutschland"
