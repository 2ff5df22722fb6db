"""The reads of the citizen's petitions. Every one is scoped to the signed-in account: a petition
or file of another account is simply not found (the views answer 404)."""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from webapp.models import Petition, PetitionEvent, PetitionFile, StoredFile

_FILE_COLUMNS = load_only(
    StoredFile.id, StoredFile.uid, StoredFile.name, StoredFile.content_type, StoredFile.size
)


def petitions_of(session: Session, account_id: int) -> list[Petition]:
    """The account's petitions, newest first."""
    return session.scalars(
        select(Petition)
        .where(Petition.account_id == account_id)
        .order_by(Petition.registered_at.desc(), Petition.id.desc())
    ).all()


def histories(session: Session, petition_ids) -> dict[int, list[PetitionEvent]]:
    """Each petition's events, newest first."""
    found = defaultdict(list)
    if petition_ids:
        for event in session.scalars(
            select(PetitionEvent)
            .where(PetitionEvent.petition_id.in_(list(petition_ids)))
            .order_by(PetitionEvent.at.desc(), PetitionEvent.id.desc())
        ):
            found[event.petition_id].append(event)
    return found


def own_petition(session: Session, account_id: int, reference: str) -> Petition | None:
    return session.scalars(
        select(Petition).where(Petition.reference == reference, Petition.account_id == account_id)
    ).first()


def files_of(session: Session, petition_id: int) -> dict[str, list[StoredFile]]:
    """The petition's files by role (attachment, answer), without their data."""
    found = defaultdict(list)
    rows = session.execute(
        select(PetitionFile.role, StoredFile)
        .join(StoredFile, StoredFile.id == PetitionFile.file_id)
        .where(PetitionFile.petition_id == petition_id)
        .options(_FILE_COLUMNS)
        .order_by(PetitionFile.id)
    )
    for role, stored in rows:
        found[role].append(stored)
    return found


def own_file(session: Session, account_id: int, reference: str, uid: str) -> StoredFile | None:
    """A file of one of the account's petitions, with its data."""
    return session.scalars(
        select(StoredFile)
        .join(PetitionFile, PetitionFile.file_id == StoredFile.id)
        .join(Petition, Petition.id == PetitionFile.petition_id)
        .where(
            StoredFile.uid == uid,
            Petition.reference == reference,
            Petition.account_id == account_id,
        )
    ).first()
