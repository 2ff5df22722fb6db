"""The citizen's petitions: files kept with the draft until it is sent, and the sending itself.

Sending is one transaction: the petition, the links to its files, its first event, the
notification and the email; the draft is marked with the reference under a conditional update
(and Petition.draft_id is unique), so a retried or doubled submission gets the petition already
stored instead of a second one, and a failure leaves nothing behind.
"""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import petition_terms, ro
from domain.petitions import PETITION_PREFIX
from webapp import files
from webapp.models import Draft, Petition, PetitionEvent, PetitionFile, StoredFile
from webapp.notifications import petition_events
from webapp.references import next_reference

FILES = "files"  # the draft section holding the uids of the uploaded files


@dataclass(frozen=True)
class NewPetition:
    account_id: int
    subject_cnp: str
    subject_name: str
    category: str
    county_code: str
    title: str
    text: str
    file_uids: tuple[str, ...]


def add_draft_file(session: Session, draft_id: str, name: str, data: bytes, kind: str) -> str:
    """Stores an accepted upload and lists it in the draft, in one transaction."""
    draft = session.get(Draft, draft_id)
    stored = files.store(session, name, data, kind)
    section = dict((draft.answers or {}).get(FILES) or {})
    section["uids"] = [*section.get("uids", []), stored.uid]
    draft.answers = {**draft.answers, FILES: section}
    session.commit()
    return stored.uid


def remove_draft_file(session: Session, draft_id: str, uid: str) -> None:
    draft = session.get(Draft, draft_id)
    uids = list(((draft.answers or {}).get(FILES) or {}).get("uids", []))
    if uid not in uids:
        return
    uids.remove(uid)
    draft.answers = {**draft.answers, FILES: {"uids": uids}}
    _delete_unattached(session, [uid])
    session.commit()


def discard_draft_files(session: Session, draft_id: str | None) -> None:
    """The files of a draft about to be replaced (the career page's correction starts afresh)."""
    if draft_id:
        delete_files_of_drafts(session, Draft.id == draft_id)
        session.commit()


def draft_files(session: Session, uids) -> list[StoredFile]:
    """The draft's files still stored, in the order they were added (without their data)."""
    if not uids:
        return []
    found = {
        row.uid: row
        for row in session.scalars(select(StoredFile).where(StoredFile.uid.in_(list(uids))))
    }
    return [found[uid] for uid in uids if uid in found]


def submit(session: Session, new: NewPetition, now: dt.datetime, draft_id: str) -> Petition:
    """Registers the petition once per draft; a repeat returns the stored one."""
    already = _by_draft(session, draft_id)
    if already is not None:
        return already
    registered_on = ro.local(now).date()
    petition = Petition(
        reference=next_reference(session, PETITION_PREFIX, registered_on.year),
        account_id=new.account_id,
        subject_cnp=new.subject_cnp,
        subject_name=new.subject_name,
        category=new.category,
        county_code=new.county_code,
        first_county_code=new.county_code,
        title=new.title,
        text=new.text,
        status="registered",
        registered_at=now,
        due_on=petition_terms.answer_deadline(registered_on),
        draft_id=draft_id,
    )
    session.add(petition)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return _by_draft(session, draft_id)
    stored = draft_files(session, new.file_uids)
    if len(stored) != len(new.file_uids):
        # A file went (removed in another tab, purged): send nothing rather than half.
        session.rollback()
        raise MissingFile()
    for item in stored:
        session.add(PetitionFile(petition_id=petition.id, file_id=item.id, role="attachment"))
    session.add(
        PetitionEvent(
            petition_id=petition.id,
            at=now,
            action="registered",
            details={"county_code": new.county_code},
        )
    )
    marked = session.execute(
        update(Draft)
        .where(Draft.id == draft_id, Draft.submitted_reference.is_(None))
        .values(submitted_reference=petition.reference, answers={})
    )
    if marked.rowcount != 1:
        session.rollback()
        return _by_draft(session, draft_id)
    petition_events.announce(session, petition, "registered")
    session.commit()
    return petition


class MissingFile(Exception):
    """One of the draft's files is no longer stored."""


def _by_draft(session: Session, draft_id: str) -> Petition | None:
    return session.scalars(select(Petition).where(Petition.draft_id == draft_id)).first()


def _delete_unattached(session: Session, uids) -> int:
    """Deletes the stored files among `uids` that no petition holds."""
    if not uids:
        return 0
    attached = select(PetitionFile.file_id)
    result = session.execute(
        delete(StoredFile)
        .where(StoredFile.uid.in_(list(uids)), StoredFile.id.not_in(attached))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def delete_files_of_drafts(session: Session, condition) -> int:
    """Before drafts matching `condition` are purged: the files uploaded to them and never sent
    (the caller deletes the drafts and commits)."""
    uids = []
    for answers in session.scalars(select(Draft.answers).where(condition)):
        uids += ((answers or {}).get(FILES) or {}).get("uids", [])
    return _delete_unattached(session, uids)
