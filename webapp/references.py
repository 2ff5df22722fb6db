"""Reference numbers such as CC-2026-000123: the counter per year, kept in the database (the
format is domain/references.py)."""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.references import format_reference
from webapp.models import ReferenceCounter


def next_reference(session: Session, prefix: str, year: int) -> str:
    """Allocate the next number inside the caller's transaction.

    The UPDATE locks the counter row until the caller commits, so concurrent submissions get
    distinct numbers on PostgreSQL and SQLite alike; a rolled-back submission gives its number back.
    """
    number = _increment(session, prefix, year)
    if number is None:
        try:
            with session.begin_nested():
                session.add(ReferenceCounter(prefix=prefix, year=year, last=1))
            number = 1
        except IntegrityError:
            # Another transaction created the year's row first.
            number = _increment(session, prefix, year)
    return format_reference(year, number, prefix)


def _increment(session: Session, prefix: str, year: int) -> int | None:
    statement = (
        update(ReferenceCounter)
        .where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + 1)
        .returning(ReferenceCounter.last)
    )
    return session.execute(statement).scalar_one_or_none()
