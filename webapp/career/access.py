"""Whose career a signed-in citizen may see: their own, and each natural person their account
administers whose justifying document was seen at the counter. Anything else is a 404, so a
URL never tells a stranger whether a person exists."""

import datetime as dt
from dataclasses import dataclass

from flask import abort

from domain.identifiers import cnp_birth_date, cnp_sex
from webapp.models import CitizenAccount


@dataclass(frozen=True, slots=True)
class Person:
    cnp: str
    name: str
    birth_date: dt.date | None
    sex: str | None
    number: int | None  # None: the account holder; else the person's number in the request


def own(account: CitizenAccount) -> Person:
    answers = account.request.answers
    birth = answers.get("birth_date")
    return Person(
        account.request.cnp,
        account.request.full_name,
        dt.date.fromisoformat(birth) if birth else cnp_birth_date(account.request.cnp),
        answers.get("sex") or cnp_sex(account.request.cnp),
        None,
    )


def administered(account: CitizenAccount) -> list[Person]:
    """The natural persons of an approved request whose documents the counter checked."""
    request = account.request
    if request.status != "approved":
        return []
    seen = (request.checklist or {}).get("persons") or []
    found = []
    for index, person in enumerate(request.answers.get("persons") or []):
        if person.get("kind") != "natural" or not person.get("cnp"):
            continue
        if index >= len(seen) or not isinstance(seen[index], dict) or not seen[index].get("seen"):
            continue
        cnp = person["cnp"]
        found.append(
            Person(
                cnp,
                f"{person.get('last_name', '')} {person.get('first_name', '')}".strip(),
                cnp_birth_date(cnp),
                cnp_sex(cnp),
                index + 1,
            )
        )
    return found


def administered_person(account: CitizenAccount, number: int) -> Person:
    for person in administered(account):
        if person.number == number:
            return person
    abort(404)
