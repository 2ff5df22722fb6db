"""Whom a signed-in citizen may act for: themselves, and each person their account administers
whose justifying document was seen at the counter and who was not revoked since
(the administered_persons table, written at approval: webapp/counter/persons.py). Anything else
is a 404, so a URL never tells a stranger whether a person exists.

Every page that acts for a person (the career page, the reports, the petitions) asks here on
every request, so a revocation takes effect at once, in every open tab."""

import datetime as dt
from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from domain.identifiers import cnp_birth_date, cnp_sex
from webapp.db import db
from webapp.models import AdministeredPerson, CitizenAccount


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


def in_force(account: CitizenAccount, session=None) -> list[AdministeredPerson]:
    """The account's persons, natural and legal, verified and not revoked, in the request's
    order; none while the request is not approved."""
    if account.request is None or account.request.status != "approved":
        return []
    return (
        (session or db())
        .scalars(
            select(AdministeredPerson)
            .where(
                AdministeredPerson.account_id == account.id,
                AdministeredPerson.verified_at.is_not(None),
                AdministeredPerson.revoked_at.is_(None),
            )
            .order_by(AdministeredPerson.number)
        )
        .all()
    )


def in_force_person(account: CitizenAccount, number: int, session=None) -> AdministeredPerson:
    """One person in force of any kind (a petition may be in a legal person's name), or 404."""
    for person in in_force(account, session):
        if person.number == number:
            return person
    abort(404)


def administered(account: CitizenAccount, session=None) -> list[Person]:
    """The natural persons in force (those who have a career record)."""
    return [
        Person(row.cnp, row.name, cnp_birth_date(row.cnp), cnp_sex(row.cnp), row.number)
        for row in in_force(account, session)
        if row.kind == "natural" and row.cnp
    ]


def administered_person(account: CitizenAccount, number: int, session=None) -> Person:
    for person in administered(account, session):
        if person.number == number:
            return person
    abort(404)


def people(account: CitizenAccount, session=None) -> list[Person]:
    """Everyone whose career the account may see and ask reports for: the holder first."""
    found = [own(account)]
    for person in administered(account, session):
        if all(other.cnp != person.cnp for other in found):
            found.append(person)
    return found


def person_with_cnp(account: CitizenAccount, cnp: str, session=None) -> Person | None:
    """The account's person with this CNP, or None when it is not (or no longer) theirs."""
    return next((person for person in people(account, session) if person.cnp == cnp), None)
