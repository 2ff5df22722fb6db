"""The password rule: at least 8 characters, an uppercase letter and a digit; not one of the
10,000 most common passwords, not the email address nor the name in it. The form is
forms/passwords.py."""

import re
import unicodedata
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
# What people put around a name to make it "a password": digits and punctuation at either end.
PADDING = re.compile(r"^[\d\W_]+|[\d\W_]+$")
SEPARATORS = re.compile(r"[.\-_+\s]+")
# A piece of the address shorter than this ("d", "js") is not a name anyone would guess from.
SHORTEST_NAME = 3


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
    if email and is_based_on_email(password, email):
        return "Parola nu poate fi adresa de e-mail sau numele din ea. Alegeți alta."
    return None


def folded(text: str) -> str:
    """Lower case without diacritics: "Țăranu" and "taranu" are the same name to a guesser."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def email_names(email: str) -> set[str]:
    """The names a guesser reads in an address: maria.taranu.d-js@… gives "mariataranudjs",
    "maria", "taranu", "mariataranu", "taranumaria"… (runs of its pieces, either way round)."""
    local = folded(email).rpartition("@")[0] or folded(email)
    pieces = [piece for piece in SEPARATORS.split(local) if piece]
    names = set()
    for start in range(len(pieces)):
        for end in range(start + 1, len(pieces) + 1):
            run = pieces[start:end]
            for name in ("".join(run), "".join(reversed(run))):
                # "pop1" in the address is guessed as "pop" too, then padded again.
                names.update((name, PADDING.sub("", name)))
    return {name for name in names if len(name) >= SHORTEST_NAME}


def is_based_on_email(password: str, email: str) -> bool:
    """The address, or a name from it written with any case, diacritics, separators and digits
    or punctuation around it ("Maria.Taranu.D-Js1", "Țaranu_Maria1958!")."""
    candidate = folded(password)
    if candidate == folded(email):
        return True
    core = SEPARATORS.sub("", PADDING.sub("", candidate))
    return core in email_names(email)
