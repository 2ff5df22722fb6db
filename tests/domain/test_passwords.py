"""The password rule, without a form."""

import pytest

from domain.passwords import MAX_LENGTH, common_passwords, is_common, password_problem, rules_met


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


@pytest.mark.parametrize("password", ["Ion.Pop1@exemplu.ro", "ION.POP1@EXEMPLU.RO", "Ion.Pop1"])
def test_the_email_or_its_local_part_is_refused(password):
    # The form's Email validator stores the address in lower case.
    message = "Parola nu poate fi adresa de e-mail. Alegeți alta."
    assert password_problem(password, "ion.pop1@exemplu.ro") == message
    assert password_problem(password, "alt.nume@exemplu.ro") is None


def test_the_list_has_ten_thousand_lowercase_entries():
    words = common_passwords()
    assert len(words) > 9000
    assert "password" in words
