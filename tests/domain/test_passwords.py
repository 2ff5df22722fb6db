"""The password rule, without a form."""

import pytest

from domain.passwords import (
    MAX_LENGTH,
    common_passwords,
    email_names,
    is_based_on_email,
    is_common,
    password_problem,
    rules_met,
)


def test_a_good_password_has_no_problem():
    assert password_problem("Brânză-Albastră-7", "ion@exemplu.ro") is None
    assert rules_met("Brânză7x") == {"length": True, "uppercase": True, "digit": True}


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (
            "",
            "Parola trebuie să aibă cel puțin 8 caractere, cel puțin o literă mare, cel puțin o cifră.",
        ),
        ("abcdefgh", "Parola trebuie să aibă cel puțin o literă mare, cel puțin o cifră."),
        ("Abcdefgh", "Parola trebuie să aibă cel puțin o cifră."),
        ("Ab3", "Parola trebuie să aibă cel puțin 8 caractere."),
        ("A1" * 65, f"Parola poate avea cel mult {MAX_LENGTH} de caractere."),
    ],
)
def test_what_is_missing_is_named(password, message):
    assert password_problem(password, None) == message


@pytest.mark.parametrize("password", ["Password1", "Qwerty123", "Dragon2024", "Qwerty1!"])
def test_common_passwords_and_their_short_tails_are_refused(password):
    assert is_common(password)
    assert password_problem(password, None) == (
        "Parola este printre cele mai folosite și ușor de ghicit. Alegeți alta."
    )


EMAIL_MESSAGE = "Parola nu poate fi adresa de e-mail sau numele din ea. Alegeți alta."


@pytest.mark.parametrize("password", ["Ion.Pop1@exemplu.ro", "ION.POP1@EXEMPLU.RO", "Ion.Pop1"])
def test_the_email_or_its_local_part_is_refused(password):
    # The form's Email validator stores the address in lower case.
    assert password_problem(password, "ion.pop1@exemplu.ro") == EMAIL_MESSAGE
    assert password_problem(password, "alt.nume@exemplu.ro") is None


def test_the_list_has_ten_thousand_lowercase_entries():
    words = common_passwords()
    assert len(words) > 9000
    assert "password" in words


@pytest.mark.parametrize(
    "password",
    [
        "Maria.Taranu.D-Js1",  # the review's case: the local part and a digit
        "MARIA.TARANU.D-JS2024!",
        "MariaTaranuDJs1",  # without the separators
        "Taranu1958!",  # one piece of the name, a year and punctuation
        "Maria_Taranu7",  # two pieces, another separator
        "TaranuMaria2",  # the same two pieces the other way round
        "Țăranu1957",  # diacritics folded
        "1Maria.Taranu",  # digits in front
    ],
)
def test_the_name_in_the_email_and_its_variants_are_refused(password):
    assert is_based_on_email(password, "maria.taranu.d-js@example.ro")
    assert password_problem(password, "maria.taranu.d-js@example.ro") == EMAIL_MESSAGE


@pytest.mark.parametrize(
    "password",
    ["Brânză-Albastră-7", "MariaDeLaMunte1", "Js12345678", "D-Js2024xx"],
)
def test_a_password_that_only_shares_a_little_with_the_email_is_kept(password):
    # "d" and "js" are too short to be a name; a longer password merely containing one is fine.
    assert not is_based_on_email(password, "maria.taranu.d-js@example.ro")


def test_the_names_read_in_an_address():
    names = email_names("Maria.Țaranu+pensie@example.ro")
    assert {"maria", "taranu", "pensie", "mariataranu", "taranumaria"} <= names
    assert "mariataranupensie" in names
    assert all(len(name) >= 3 for name in names)
