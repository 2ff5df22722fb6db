"""Submitting an online-account request.

Several open requests for one CNP or email are accepted on purpose (F11): anyone can compute a
pensioner's CNP, and a refusal would let a stranger block the pensioner and would tell a prober
that a request exists. The counter sees every request for a CNP and resolves them with the
documents in hand; approval creates one account per person.

Each submission queues one email, in its transaction (webapp/outbox): the reference, what to do
next, and a signed link to download the request from any device. When the address already has
an account, that email, and only that email, says so (M2): the approval would be refused, and
the page cannot say it without telling whoever types an address whether it has an account.
"""

import datetime as dt

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain import ro
from domain.account_requests import NO_PRINTER
from domain.reference.counties import county
from domain.references import ACCOUNT_REQUEST_PREFIX
from webapp.auth.tokens import make_request_token, max_age
from webapp.links import public_url
from webapp.models import AccountRequest, CitizenAccount, Draft
from webapp.outbox.queue import queue_email
from webapp.references import next_reference

DATE_FIELDS = ("birth_date", "id_issued_on", "id_expires_on", "document_date")


def submit(
    session: Session, answers: dict, now: dt.datetime, draft_id: str | None = None
) -> AccountRequest:
    """Store validated answers (JSON-ready: dates as ISO strings) under a new reference.

    With a draft, the submission happens once per draft (F13): the same transaction marks the
    draft with the reference, and a repeat (a retry after a lost response, a double click)
    gets the request already stored instead of a second one. The submission email is queued
    in the same transaction, so a repeat sends none. Needs an app context (the email's templates).
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
    session.flush()
    _queue_submitted(session, request)
    if draft_id is not None and not _mark_draft(session, draft_id, request.reference):
        # Another submission of this draft committed first: its request is the answer.
        session.rollback()
        reference = session.get(Draft, draft_id).submitted_reference
        return find_by_reference(session, reference)
    session.commit()
    return request


def _queue_submitted(session: Session, request: AccountRequest) -> None:
    # Looked up for every submission, so the work (and the time the page takes) is the same
    # whether or not the address has an account; only the email's text differs.
    account = session.execute(
        select(CitizenAccount).where(CitizenAccount.email == request.email)
    ).scalar_one_or_none()
    existing = None if account is None else ("active" if account.password_hash else "pending")
    token = make_request_token(request.id, request.reference)
    days = current_app.config["ACCOUNT_REQUEST_UNREGISTERED_DAYS"]
    queue_email(
        session,
        to=request.email,
        template="submitted",
        name=request.answers["first_name"],
        reference=request.reference,
        submitted_at=request.submitted_at,
        office=county(request.office_code).house_name,
        link=public_url("account.emailed_download", token=token),
        link_expires_at=request.submitted_at + dt.timedelta(seconds=max_age("request-download")),
        register_by=request.submitted_at + dt.timedelta(days=days),
        existing_account=existing,
        forgot_link=public_url("sign_in.forgot_password"),
        no_printer=NO_PRINTER,
        has_persons=bool(request.answers.get("persons")),
    )


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
    # Where the printout says to upload it signed with a qualified e-signature (webapp/account/signed).
    data["qes_url"] = public_url("account_signed.by_session", reference=request.reference)
    return data


def _with_dates(values: dict) -> dict:
    converted = dict(values)
    for key in DATE_FIELDS:
        if converted.get(key):
            converted[key] = dt.date.fromisoformat(converted[key])
    return converted
