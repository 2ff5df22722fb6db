"""The password rule: at least 8 characters, an uppercase letter and a digit; not one of the
10,000 most common passwords, not the email address. The form is forms/passwords.py."""

import re
from functools import cache
from pathlib import Path

from domain import ro

COMMON = Path(__file__).parent / "data" / "common_passwords.txt"
MIN_LENGTH = 8
MAX_LENGTH = 128
RULES = (
    ("length", f"cel puțin {MIN_LENGTH} caractere"),
    ("uppercase", "cel puțin o literă mare"),
    ("digit", "cel puțin o cifră"),
)
TRAILING = re.compile(r"[\d\W_]{1,4}$")


@cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON.read_text(encoding="utf-8").split())


def rules_met(password: str) -> dict[str, bool]:
    return {
        "length": len(password) >= MIN_LENGTH,
        "uppercase": any(ch.isupper() for ch in password),
        "digit": any(ch.isdigit() for ch in password),
    }


def is_common(password: str) -> bool:
    lowered = password.lower()
    # "Dragon2024" or "Qwerty1!" is a common word with a short tail.
    return lowered in common_passwords() or TRAILING.sub("", lowered) in common_passwords()


def password_problem(password: str, email: str | None) -> str | None:
    if len(password) > MAX_LENGTH:
        return f"Parola poate avea cel mult {ro.count(MAX_LENGTH, 'caracter', 'caractere')}."
    missing = [text for key, text in RULES if not rules_met(password)[key]]
    if missing:
        return "Parola trebuie să aibă " + ", ".join(missing) + "."
    if is_common(password):
        return "Parola este printre cele mai folosite și ușor de ghicit. Alegeți alta."
    if email and (password.lower() == email.lower() or password.lower() == email.split("@")[0]):
        return "Parola nu poate fi adresa de e-mail. Alegeți alta."
    return None
