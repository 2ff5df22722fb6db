"""What the counter reads about petitions: a county's queue, the overdue count of every county,
one petition by its reference, its files (without their content) and its history."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, joinedload, load_only

from domain.petitions import OPEN_STATUSES
from webapp.models import Petition, PetitionEvent, PetitionFile, StoredFile

# How close a deadline must be to count as near, and to come first in the queue.
NEAR_DAYS = 5
DUE_FILTERS = ("depasit", "apropiat", "ulterior")


def queue(
    county_code: str, statuses: Sequence[str], due: str | None, today: dt.date
) -> tuple[Select, tuple]:
    """A county's petitions in these statuses, and their order: the open ones by deadline (so the
    overdue come first, then those due within NEAR_DAYS days), then the settled ones.

    due: "depasit" (deadline passed), "apropiat" (due today to NEAR_DAYS days from now),
    "ulterior" (due later), None (any). The index ix_petitions_queue (county_code, status,
    due_on) serves the filter; the ordering sorts one county's rows.
    """
    query = (
        select(Petition)
        .options(
            load_only(
                Petition.reference,
                Petition.subject_name,
                Petition.category,
                Petition.title,
                Petition.status,
                Petition.registered_at,
                Petition.due_on,
                Petition.assigned_to_id,
            ),
            joinedload(Petition.assigned_to),
        )
        .where(Petition.county_code == county_code, Petition.status.in_(statuses))
    )
    near = today + dt.timedelta(days=NEAR_DAYS)
    if due == "depasit":
        query = query.where(Petition.due_on < today)
    elif due == "apropiat":
        query = query.where(Petition.due_on >= today, Petition.due_on <= near)
    elif due == "ulterior":
        query = query.where(Petition.due_on > near)
    if set(statuses) <= set(OPEN_STATUSES):
        order = (Petition.due_on.asc(), Petition.id.asc())
    else:
        settled_last = case((Petition.status.in_(OPEN_STATUSES), 0), else_=1)
        order = (settled_last, Petition.due_on.asc(), Petition.id.asc())
    return query, order


def counts_by_county(session: Session, today: dt.date) -> dict[str, tuple[int, int]]:
    """county code → (its open petitions, those of them whose deadline has passed); counties with
    none are left out. One pass over the open petitions (the index ix_petitions_by_status)."""
    overdue = func.sum(case((Petition.due_on < today, 1), else_=0))
    rows = session.execute(
        select(Petition.county_code, func.count(), overdue)
        .where(Petition.status.in_(OPEN_STATUSES))
        .group_by(Petition.county_code)
    )
    return {code: (count, late or 0) for code, count, late in rows}


def by_reference(session: Session, reference: str) -> Petition | None:
    return session.execute(
        select(Petition).where(Petition.reference == reference)
    ).scalar_one_or_none()


def files(session: Session, petition: Petition) -> list[PetitionFile]:
    """The petition's files, attachments first, with their names and sizes but not their bytes."""
    return list(
        session.execute(
            select(PetitionFile)
            .where(PetitionFile.petition_id == petition.id)
            .options(
                joinedload(PetitionFile.file).load_only(
                    StoredFile.uid, StoredFile.name, StoredFile.content_type, StoredFile.size
                )
            )
            .order_by(case((PetitionFile.role == "attachment", 0), else_=1), PetitionFile.id)
        )
        .scalars()
        .all()
    )


def file_of(session: Session, petition: Petition, uid: str) -> StoredFile | None:
    """The petition's file with this uid; None for any other (another petition's, unknown)."""
    return session.execute(
        select(StoredFile)
        .join(PetitionFile, PetitionFile.file_id == StoredFile.id)
        .where(PetitionFile.petition_id == petition.id, StoredFile.uid == uid)
    ).scalar_one_or_none()


def events(session: Session, petition: Petition) -> list[PetitionEvent]:
    return list(
        session.execute(
            select(PetitionEvent)
            .where(PetitionEvent.petition_id == petition.id)
            .order_by(PetitionEvent.at, PetitionEvent.id)
        )
        .scalars()
        .all()
    )
