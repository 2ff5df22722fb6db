"""The certified life certificate sent back online: the scans kept with the draft until it is
sent, and the sending itself.

Sending is one transaction: the certificate's row (its reference allocated in it), the receipt
e-mail and the draft marked with the reference under a conditional update (and the row's
draft_id is unique), so that a retried or doubled submission finds the certificate already
stored instead of making a second, and a failure leaves nothing behind.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import ro
from domain.reference.counties import county
from webapp import files
from webapp.auth.tokens import make_life_certificate_token
from webapp.links import public_url
from webapp.models import Draft, LifeCertificateUpload, StoredFile
from webapp.outbox.queue import queue_email
from webapp.references import next_reference

PREFIX = "CV"
SCANS = "scans"  # the draft section: {"front": uid, "back": uid}
SIDES = ("front", "back")


@dataclass(frozen=True)
class NewUpload:
    last_name: str
    first_name: str
    cnp: str
    pension_file: str
    house_code: str
    email: str
    language: str
    front_uid: str
    back_uid: str | None


def draft_scans(session: Session, draft_id: str | None) -> dict[str, StoredFile]:
    """The draft's files still stored, by side."""
    draft = session.get(Draft, draft_id) if draft_id else None
    uids = dict(((draft.answers if draft else None) or {}).get(SCANS) or {})
    if not uids:
        return {}
    found = {
        row.uid: row
        for row in session.scalars(select(StoredFile).where(StoredFile.uid.in_(uids.values())))
    }
    return {side: found[uid] for side, uid in uids.items() if uid in found}


def add_draft_scan(
    session: Session, draft_id: str, side: str, name: str, data: bytes, kind: str
) -> str:
    """Stores an accepted file as the draft's `side`, replacing the one chosen before."""
    draft = session.get(Draft, draft_id)
    uids = dict((draft.answers or {}).get(SCANS) or {})
    old = uids.get(side)
    stored = files.store(session, name, data, kind)
    uids[side] = stored.uid
    draft.answers = {**draft.answers, SCANS: uids}
    if old:
        _delete_unsent(session, [old])
    session.commit()
    return stored.uid


def remove_draft_scan(session: Session, draft_id: str, side: str) -> None:
    draft = session.get(Draft, draft_id)
    uids = dict((draft.answers or {}).get(SCANS) or {})
    old = uids.pop(side, None)
    if old is None:
        return
    draft.answers = {**draft.answers, SCANS: uids}
    _delete_unsent(session, [old])
    session.commit()


def submit(session: Session, new: NewUpload, now: dt.datetime, draft_id: str):
    """Records the certificate once per draft and queues the receipt; a repeat returns the
    stored one. None when a file is no longer stored (removed in another tab, purged)."""
    already = by_draft(session, draft_id)
    if already is not None:
        return already
    by_uid = {
        row.uid: row
        for row in session.scalars(
            select(StoredFile).where(StoredFile.uid.in_([new.front_uid, new.back_uid or ""]))
        )
    }
    front = by_uid.get(new.front_uid)
    back = by_uid.get(new.back_uid) if new.back_uid else None
    if front is None or (new.back_uid and back is None):
        return None
    received_on = ro.local(now).date()
    upload = LifeCertificateUpload(
        reference=next_reference(session, PREFIX, received_on.year),
        last_name=new.last_name,
        first_name=new.first_name,
        cnp=new.cnp,
        pension_file=new.pension_file,
        house_code=new.house_code,
        email=new.email,
        language=new.language,
        front_file_id=front.id,
        back_file_id=back.id if back else None,
        status="received",
        received_at=now,
        draft_id=draft_id,
    )
    session.add(upload)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return by_draft(session, draft_id)
    marked = session.execute(
        update(Draft)
        .where(Draft.id == draft_id, Draft.submitted_reference.is_(None))
        .values(submitted_reference=upload.reference, answers={})
    )
    if marked.rowcount != 1:
        session.rollback()
        return by_draft(session, draft_id)
    queue_to_pensioner(session, upload, "life_certificate_received")
    session.commit()
    return upload


def queue_to_pensioner(session: Session, upload: LifeCertificateUpload, template: str) -> None:
    """An e-mail to the pensioner, in the language they sent the certificate in, with the status
    link; in the caller's transaction."""
    queue_email(
        session,
        to=upload.email,
        template=template,
        language=upload.language or "ro",
        name=f"{upload.first_name} {upload.last_name}",
        reference=upload.reference,
        received_on=long_date(ro.local(upload.received_at).date(), upload.language),
        house=house_name(upload.house_code),
        house_code=upload.house_code,
        reason=upload.reason,
        status_link=status_link(upload),
    )


def status_link(upload: LifeCertificateUpload) -> str:
    token = make_life_certificate_token(upload.id, upload.reference)
    return public_url("life_certificate.upload_status", token=token)


def house_name(code: str) -> str:
    return county(code).house_name


def long_date(day: dt.date, language: str | None) -> str:
    """The date in words in the page's language (Romanian by domain.ro)."""
    if not language or language == "ro":
        return ro.long_date(day)
    from babel.dates import format_date

    return format_date(day, "long", locale=language)


def by_draft(session: Session, draft_id: str) -> LifeCertificateUpload | None:
    return session.scalars(
        select(LifeCertificateUpload).where(LifeCertificateUpload.draft_id == draft_id)
    ).first()


def _sent_file_ids():
    return select(LifeCertificateUpload.front_file_id).union(
        select(LifeCertificateUpload.back_file_id).where(
            LifeCertificateUpload.back_file_id.is_not(None)
        )
    )


def _delete_unsent(session: Session, uids) -> int:
    """Deletes the stored files among `uids` that no sent certificate holds."""
    if not uids:
        return 0
    result = session.execute(
        delete(StoredFile)
        .where(StoredFile.uid.in_(list(uids)), StoredFile.id.not_in(_sent_file_ids()))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def delete_scans_of_drafts(session: Session, condition) -> int:
    """Before drafts matching `condition` are purged: the scans chosen and never sent (the caller
    deletes the drafts and commits)."""
    uids = []
    for answers in session.scalars(select(Draft.answers).where(condition)):
        uids += list((((answers or {}).get(SCANS)) or {}).values())
    return _delete_unsent(session, uids)
