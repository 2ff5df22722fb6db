"""The e-signature route of the account request: what is stored (webapp/account/signed.py has
the pages, webapp/counter/signed.py the counter's side).

- remember_issued: the digest and length of every request PDF served to its applicant, the
  reference the signed file is compared with (webapp/account/signature_check.py).
- accept: an upload that passed every check, its two files and the result, in one transaction,
  only while the request waits to be registered (a conditional UPDATE, so an upload and a
  registration at once cannot both win); a new upload replaces the previous one.
- Refused uploads are not stored: the applicant sees the reason, nobody keeps the files.
"""

import datetime as dt
import hashlib

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from webapp import files as stored_files
from webapp.account.signature_check import SignatureResult, load_trust_anchors
from webapp.models import AccountRequest, IssuedPrintout, SignedRequest, StoredFile


class UploadRefused(Exception):
    """The request no longer waits for its signed copy (registered or decided meanwhile)."""


def remember_issued(session: Session, request: AccountRequest, pdf: bytes) -> None:
    digest = hashlib.sha256(pdf).hexdigest()
    known = session.scalar(
        select(IssuedPrintout.id).where(
            IssuedPrintout.request_id == request.id, IssuedPrintout.sha256 == digest
        )
    )
    if known is not None:
        return
    session.add(IssuedPrintout(request_id=request.id, sha256=digest, size=len(pdf)))
    try:
        session.commit()
    except IntegrityError:
        # The same PDF served twice at once: one row is enough.
        session.rollback()


def issued(session: Session, request: AccountRequest) -> list[tuple[str, int]]:
    rows = session.execute(
        select(IssuedPrintout.sha256, IssuedPrintout.size)
        .where(IssuedPrintout.request_id == request.id)
        .order_by(IssuedPrintout.id.desc())
    ).all()
    return [(sha256, size) for sha256, size in rows]


def trust_anchors() -> list:
    """The configured anchors; [] when none are configured or a file cannot be read (the route
    is then unavailable, and the error logged for the operator), never a guess."""
    paths = current_app.config.get("QES_TRUST_ANCHORS") or ()
    if not paths:
        return []
    try:
        return load_trust_anchors(paths)
    except (OSError, ValueError):
        current_app.logger.exception("QES_TRUST_ANCHORS cannot be read: %s", paths)
        return []


def of_request(session: Session, request: AccountRequest) -> SignedRequest | None:
    return session.scalar(select(SignedRequest).where(SignedRequest.request_id == request.id))


def accept(
    session: Session,
    request: AccountRequest,
    result: SignatureResult,
    *,
    signed: tuple[str, bytes],
    id_copy: tuple[str, bytes, str],
    now: dt.datetime,
) -> SignedRequest:
    still_waiting = session.execute(
        update(AccountRequest)
        .where(AccountRequest.id == request.id, AccountRequest.status == "submitted")
        .values(status="submitted")
        .execution_options(synchronize_session=False)
    ).rowcount
    if still_waiting != 1:
        session.rollback()
        raise UploadRefused("Cererea a fost deja înregistrată sau soluționată.")
    previous = of_request(session, request)
    if previous is not None:
        old_files = (previous.signed_file_id, previous.id_file_id)
        session.delete(previous)
        session.flush()
        session.execute(delete(StoredFile).where(StoredFile.id.in_(old_files)))
    signed_file = stored_files.store(session, signed[0], signed[1], "application/pdf")
    id_file = stored_files.store(session, id_copy[0], id_copy[1], id_copy[2])
    session.flush()
    row = SignedRequest(
        request_id=request.id,
        signed_file_id=signed_file.id,
        id_file_id=id_file.id,
        signer_name=(result.signer_name or "")[:300],
        issuer=(result.issuer or "")[:500],
        signed_at=result.signed_at,
        checks={
            **result.checks,
            "revocation_checked": bool(current_app.config.get("QES_CHECK_REVOCATION")),
        },
        uploaded_at=now,
    )
    session.add(row)
    session.commit()
    return row


def delete_files_of_requests(session: Session, request_ids) -> None:
    """Before the requests go (webapp/retention.py): their signed copies and ID scans too."""
    rows = session.execute(
        select(SignedRequest.id, SignedRequest.signed_file_id, SignedRequest.id_file_id).where(
            SignedRequest.request_id.in_(list(request_ids))
        )
    ).all()
    if not rows:
        return
    session.execute(delete(SignedRequest).where(SignedRequest.id.in_([row[0] for row in rows])))
    file_ids = [file_id for row in rows for file_id in row[1:]]
    session.execute(delete(StoredFile).where(StoredFile.id.in_(file_ids)))
