"""Submitting an online-account request: one open request per CNP and per email."""

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp.models import OPEN_STATUSES, AccountRequest
from webapp.references import next_reference

ROMANIA = ZoneInfo("Europe/Bucharest")
REFERENCE_PREFIX = "CC"
DATE_FIELDS = ("birth_date", "id_issued_on", "id_expires_on", "document_date")


class DuplicateOpenRequest(Exception):
    """The CNP or the email already has an open request (deliberately not saying which)."""


def submit(session: Session, answers: dict, now: dt.datetime) -> AccountRequest:
    """Store validated answers (JSON-ready: dates as ISO strings) under a new reference."""
    if _has_open_request(session, answers["cnp"], answers["email"]):
        raise DuplicateOpenRequest
    year = now.astimezone(ROMANIA).year
    request = AccountRequest(
        reference=next_reference(session, REFERENCE_PREFIX, year),
        cnp=answers["cnp"],
        email=answers["email"],
        office_code=answers["office_code"],
        answers=answers,
        submitted_at=now,
    )
    session.add(request)
    try:
        session.commit()
    except IntegrityError as error:
        # Lost a race with a simultaneous submission of the same CNP or email.
        session.rollback()
        raise DuplicateOpenRequest from error
    return request


def _has_open_request(session: Session, cnp: str, email: str) -> bool:
    query = select(AccountRequest.id).where(
        AccountRequest.status.in_(OPEN_STATUSES),
        or_(AccountRequest.cnp == cnp, AccountRequest.email == email),
    )
    return session.execute(query.limit(1)).first() is not None


def find_by_reference(session: Session, reference: str) -> AccountRequest | None:
    return session.execute(
        select(AccountRequest).where(AccountRequest.reference == reference)
    ).scalar_one_or_none()


def document_data(request: AccountRequest) -> dict:
    """The answers as the documents package expects them: dates as date objects."""
    data = _with_dates(request.answers)
    data["persons"] = [_with_dates(person) for person in request.answers.get("persons", [])]
    data["reference"] = request.reference
    data["submitted_at"] = request.submitted_at
    return data


def _with_dates(values: dict) -> dict:
    converted = dict(values)
    for key in DATE_FIELDS:
        if converted.get(key):
            converted[key] = dt.date.fromisoformat(converted[key])
    return converted
