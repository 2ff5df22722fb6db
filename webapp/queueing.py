"""One way to take work from a table, shared by the outbox (webapp/outbox/delivery.py) and the
background jobs (webapp/jobs.py): claim, lease, back-off, give up, list and retry failures.

A queue table has `id`, `attempts`, `claimed_until`, `last_error`, `failed_at`, a "finished"
column (sent_at, done_at) and a "not before" column (next_attempt_at, run_after); a `Queue`
names them. A row is due when it is neither finished nor failed, its time has come and no
worker holds a lease on it.

`claim` takes one due row for one worker. It is a single UPDATE … WHERE id = (the first due
row) RETURNING id, committed at once, which sets a lease (`claimed_until`) and counts the
attempt. On PostgreSQL the inner SELECT has FOR UPDATE SKIP LOCKED, so two workers claiming at
the same moment take two different rows instead of one waiting for the other; on SQLite the
UPDATE runs under the database's single write lock, so it is atomic by itself. Either way the
lease is what a worker holds while it works, outside any transaction: if the worker is killed,
the lease lapses and another worker takes the row again, never lost. Counting the attempt at
the claim means a row that kills its worker every time still reaches its limit.

After a failure, `retry_later` clears the lease and sets the next try `backoff` later: the first
delay, doubled each time, at most the longest; `give_up` marks the row failed (it is not
claimed again until `retry_failed` puts it back).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Queue:
    model: type
    # The "finished" column (sent_at, done_at) and the "not before" column.
    finished: str
    not_before: str
    # How long a claim holds: longer than any single piece of work can take.
    lease: timedelta
    first_retry: timedelta
    longest_retry: timedelta

    def column(self, name: str):
        return getattr(self.model, name)

    @property
    def error_max(self) -> int:
        return self.model.__table__.c.last_error.type.length


def due(queue: Queue, now: datetime) -> tuple:
    """The conditions of a row that a worker may take at `now`."""
    model = queue.model
    return (
        queue.column(queue.finished).is_(None),
        model.failed_at.is_(None),
        queue.column(queue.not_before) <= now,
        or_(model.claimed_until.is_(None), model.claimed_until <= now),
    )


def claim(session: Session, queue: Queue, now: datetime):
    """Claims the first due row (earliest "not before", then lowest id) for `queue.lease` and
    counts the attempt; commits; returns the row freshly loaded, or None when nothing is due."""
    model = queue.model
    candidate = (
        select(model.id)
        .where(*due(queue, now))
        .order_by(queue.column(queue.not_before), model.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidate = candidate.with_for_update(skip_locked=True)
    claimed_id = session.execute(
        update(model)
        .where(model.id == candidate.scalar_subquery(), *due(queue, now))
        .values(claimed_until=now + queue.lease, attempts=model.attempts + 1)
        .returning(model.id)
        .execution_options(synchronize_session=False)
    ).scalar()
    # Ends the claiming transaction: releases the row lock (PostgreSQL) or the write lock
    # (SQLite) before the work, which holds the lease instead.
    session.commit()
    if claimed_id is None:
        return None
    return session.scalars(
        select(model).where(model.id == claimed_id).execution_options(populate_existing=True)
    ).one()


def backoff(queue: Queue, attempts: int) -> timedelta:
    """The wait after `attempts` failed attempts: first_retry, doubled each time, at most
    longest_retry."""
    # The exponent is capped so that a row failing for months cannot overflow timedelta.
    return min(queue.first_retry * 2 ** min(max(attempts, 1) - 1, 16), queue.longest_retry)


def retry_later(queue: Queue, row, error: str, now: datetime) -> None:
    """Records a failed attempt on the row (the caller commits): tried again after the back-off."""
    row.claimed_until = None
    row.last_error = error[: queue.error_max]
    setattr(row, queue.not_before, now + backoff(queue, row.attempts))


def give_up(row, now: datetime) -> None:
    """Marks the row failed: no worker claims it until `retry_failed`."""
    row.claimed_until = None
    row.failed_at = now


def failed_rows(session: Session, queue: Queue) -> list:
    """The rows given up, newest first."""
    model = queue.model
    return list(
        session.scalars(
            select(model)
            .where(model.failed_at.is_not(None))
            .order_by(model.failed_at.desc(), model.id.desc())
        )
    )


def retry_failed(
    session: Session, queue: Queue, ids: tuple[int, ...] | None, now: datetime, *conditions
) -> int:
    """Puts failed rows (those with these ids, or all when `ids` is None) back in the queue, due
    at once with their attempts counted from zero; commits; returns how many."""
    model = queue.model
    where = [model.failed_at.is_not(None), *conditions]
    if ids is not None:
        where.append(model.id.in_(ids))
    result = session.execute(
        update(model)
        .where(*where)
        .values({"failed_at": None, "attempts": 0, "claimed_until": None, queue.not_before: now})
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount


def count_pending(session: Session, queue: Queue) -> int:
    """Rows neither finished nor failed, due or not."""
    model = queue.model
    return session.scalar(
        select(func.count())
        .select_from(model)
        .where(queue.column(queue.finished).is_(None), model.failed_at.is_(None))
    )
