"""Work done later by the worker that sends email (`flask outbox work`).

A view queues a job in its own transaction (`enqueue`); the worker runs due jobs through the
handler registered for their kind. A handler gets the worker's session and commits nothing
itself: the job is marked done in the same transaction as the handler's changes, so a job's
effect happens once or, after a crash, again from the start (handlers are written to allow it).
"""

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from webapp.models import BackgroundJob

log = logging.getLogger(__name__)

Handler = Callable[[Session, dict, datetime], None]
HANDLERS: dict[str, Handler] = {}
CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def enqueue(session: Session, kind: str, payload: dict, *, now: datetime | None = None) -> None:
    """Adds the job to the session; the caller commits it with the rest of its change."""
    now = now or datetime.now(UTC)
    session.add(BackgroundJob(kind=kind, payload=payload, created_at=now, run_after=now))


def run_due(session: Session, now: datetime, limit: int = 100) -> int:
    """Runs up to `limit` due jobs; returns how many finished."""
    done = 0
    for _ in range(limit):
        job = _claim(session, now)
        if job is None:
            break
        try:
            HANDLERS[job.kind](session, dict(job.payload), now)
        except Exception as error:
            session.rollback()
            log.exception("background job %s (%s) failed", job.id, job.kind)
            _record_failure(session, job.id, error, now)
            continue
        job.done_at = now
        job.claimed_until = None
        session.commit()
        done += 1
    return done


def _claim(session: Session, now: datetime) -> BackgroundJob | None:
    # An atomic conditional UPDATE, so two workers never run the same job at the same time.
    candidates = session.execute(
        select(BackgroundJob.id)
        .where(
            BackgroundJob.done_at.is_(None),
            BackgroundJob.attempts < MAX_ATTEMPTS,
            BackgroundJob.run_after <= now,
            or_(BackgroundJob.claimed_until.is_(None), BackgroundJob.claimed_until < now),
        )
        .order_by(BackgroundJob.id)
        .limit(5)
    ).scalars()
    for job_id in list(candidates):
        claimed = session.execute(
            update(BackgroundJob)
            .where(
                BackgroundJob.id == job_id,
                BackgroundJob.done_at.is_(None),
                or_(BackgroundJob.claimed_until.is_(None), BackgroundJob.claimed_until < now),
            )
            .values(claimed_until=now + CLAIM_LEASE, attempts=BackgroundJob.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        if claimed.rowcount == 1:
            return session.get(BackgroundJob, job_id, populate_existing=True)
    return None


def _record_failure(session: Session, job_id: int, error: Exception, now: datetime) -> None:
    job = session.get(BackgroundJob, job_id, populate_existing=True)
    job.claimed_until = None
    job.last_error = f"{type(error).__name__}: {error}"[:500]
    job.run_after = now + timedelta(minutes=2**job.attempts)
    session.commit()
