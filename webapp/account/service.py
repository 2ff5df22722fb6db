"""Submitting an online-account request.

Several open requests for one CNP or email are accepted on purpose (F11): anyone can compute a
pensioner's CNP, and a refusal would let a stranger block the pensioner and would tell a prober
that a request exists. The counter sees every request for a CNP and resolves them with the
documents in hand; approval creates one account per person.
"""

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain import ro
from domain.references import ACCOUNT_REQUEST_PREFIX
from webapp.models import AccountRequest, Draft
from webapp.references import next_reference

DATE_FIELDS = ("birth_date", "id_issued_on", "id_expires_on", "document_date")


def submit(
    session: Session, answers: dict, now: dt.datetime, draft_id: str | None = None
) -> AccountRequest:
    """Store validated answers (JSON-ready: dates as ISO strings) under a new reference.

    With a draft, the submission happens once per draft (F13): the same transaction marks the
    draft with the reference, and a repeat (a retry after a lost response, a double click)
    gets the request already stored instead of a second one.
    """
    year = ro.local(now).year
    request = AccountRequest(
        reference=next_reference(session, ACCOUNT_REQUEST_PREFIX, year),
        cnp=answers["cnp"],
        email=answers["email"],
        office_code=answers["office_code"],
        answers=answers,
        submitted_at=now,
    )
    session.add(request)
    if draft_id is not None and not _mark_draft(session, draft_id, request.reference):
        # Another submission of this draft committed first: its request is the answer.
        session.rollback()
        reference = session.get(Draft, draft_id).submitted_reference
        return find_by_reference(session, reference)
    session.commit()
    return request


def _mark_draft(session: Session, draft_id: str, reference: str) -> bool:
    # The condition is checked under the row lock, so of two concurrent submissions of one
    # draft only the first marks it. The answers now live in the request; the draft keeps
    # only the reference until the drafts purge deletes it.
    result = session.execute(
        update(Draft)
        .where(Draft.id == draft_id, Draft.submitted_reference.is_(None))
        .values(submitted_reference=reference, answers={})
    )
    return result.rowcount == 1


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
