"""Phone numbers abroad: a number typed without its country code is completed from the country
the person lives in, as a clerk would read it (Italy + "347 123 4567" is +39 347 123 4567).
Google's libphonenumber data (the `phonenumbers` package) knows each country's numbering plan."""

import phonenumbers


def with_country_code(typed: str, country_code: str | None) -> str | None:
    """The number in international form, +39 347 123 4567, when it is a valid number of the
    country of residence `country_code` (ISO 3166 alpha-2); None when it is not one."""
    if not country_code or not typed.strip():
        return None
    try:
        number = phonenumbers.parse(typed, country_code.upper())
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != phonenumbers.country_code_for_region(country_code.upper()):
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if country_code.upper() != "RO" and _is_romanian(typed):
        # 0722 123 456 is also a landline in Urbino: a Romanian number written as at home is
        # more likely. Not guessed; the person is asked for the country code.
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _is_romanian(typed: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(typed, "RO"))
    except phonenumbers.NumberParseException:
        return False
