"""Background jobs: work a request causes but does not do itself (an email lookup, a report),
run by the worker (`flask --app wsgi worker`, which `make run` starts beside the site).

The API other areas use (names kept stable):

- `enqueue(session, kind, payload, *, now=None, run_after=None) -> BackgroundJob` adds the job
  to the session; the caller commits it in the same transaction as the change that causes it
  (rolled back together, committed together). `session.flush()` gives the job its `id`, for
  example to keep on the row that waits for it (a report).
- `@handler(kind)` registers `function(session, payload, now)`. The worker calls it with its
  own session; the handler commits nothing: the job is marked done in the same transaction as
  the handler's changes, so a job's effect happens once or, after a failure, not at all and
  again from the start later. A handler that raises is retried after 2, 4, 8 … minutes (at
  most an hour apart); after MAX_ATTEMPTS attempts the job is failed. Handlers must finish well
  within CLAIM_LEASE. The module that defines a handler must be imported when the app is
  created (its area's views or service import it), so that the worker, which creates the app,
  knows every kind; a job of an unknown kind fails with its kind named.
- `state(session, job_id, now=None) -> str | None` and `state_of(job, now=None) -> str`: one of
  PENDING ("pending": waiting, maybe for a retry), RUNNING ("running": a worker holds it),
  DONE ("done"), FAILED ("failed": given up); None for an unknown id (purged after the
  retention period, webapp/retention.py).
- `run_due(session, now, limit, queue=QUEUE)` runs due jobs (the worker, and tests; the worker
  passes `with_lease(JOB_CLAIM_LEASE_SECONDS)`); `failed_jobs(session)`
  and `retry(session, ids, now)` serve `flask jobs failures` and `flask jobs retry`.

Claiming, the lease and the back-off are the outbox's (webapp/queueing.py): FOR UPDATE SKIP
LOCKED on PostgreSQL, an atomic UPDATE on SQLite, and a lease that lapses if the worker is
killed, so the job is taken again. The attempt is counted when the job is claimed; a job whose
attempts all ended with the worker killed is failed too. Marking the job done is conditional on
its attempt number, so a worker that overran its lease, while another took the job, commits
nothing.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from webapp import queueing
from webapp.logging_setup import correlated, current_correlation_id
from webapp.metrics import JOBS_FINISHED
from webapp.models import BackgroundJob

log = logging.getLogger(__name__)

Handler = Callable[[Session, dict, datetime], None]
HANDLERS: dict[str, Handler] = {}
CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
QUEUE = queueing.Queue(
    BackgroundJob,
    finished="done_at",
    not_before="run_after",
    lease=CLAIM_LEASE,
    first_retry=timedelta(minutes=2),
    longest_retry=timedelta(hours=1),
)

PENDING, RUNNING, DONE, FAILED = "pending", "running", "done", "failed"
INTERRUPTED = "lucrarea nu s-a încheiat: workerul a fost oprit în timpul ei (termenul a expirat)"


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def enqueue(
    session: Session,
    kind: str,
    payload: dict,
    *,
    now: datetime | None = None,
    run_after: datetime | None = None,
) -> BackgroundJob:
    """Adds the job to the session; the caller commits it with the rest of its change."""
    now = now or datetime.now(UTC)
    job = BackgroundJob(
        kind=kind,
        payload=payload,
        created_at=now,
        run_after=run_after or now,
        # The request (or job) queuing it: the worker's lines about it carry the same id.
        correlation_id=current_correlation_id(),
    )
    session.add(job)
    return job


def state_of(job: BackgroundJob, now: datetime | None = None) -> str:
    if job.done_at is not None:
        return DONE
    if job.failed_at is not None:
        return FAILED
    now = now or datetime.now(UTC)
    if job.claimed_until is not None and job.claimed_until > now:
        return RUNNING
    return PENDING


def state(session: Session, job_id: int, now: datetime | None = None) -> str | None:
    job = session.get(BackgroundJob, job_id, populate_existing=True)
    return None if job is None else state_of(job, now)


def with_lease(seconds: float | None) -> queueing.Queue:
    """The jobs' queue with a lease of `seconds` (JOB_CLAIM_LEASE_SECONDS); CLAIM_LEASE if None."""
    if not seconds:
        return QUEUE
    return replace(QUEUE, lease=timedelta(seconds=seconds))


def run_due(
    session: Session, now: datetime, limit: int = 100, queue: queueing.Queue = QUEUE
) -> int:
    """Runs up to `limit` due jobs; returns how many finished."""
    done = 0
    for _ in range(limit):
        job = queueing.claim(session, queue, now)
        if job is None:
            break
        # Every line about this job carries the id of the request that queued it.
        with correlated(job.correlation_id):
            done += _run_claimed(session, job, now, queue)
    return done


def _run_claimed(session: Session, job: BackgroundJob, now: datetime, queue: queueing.Queue) -> int:
    """Runs one claimed job; 1 if it finished."""
    if job.attempts > MAX_ATTEMPTS:
        # Claimed again after its last attempt's lease lapsed: that worker was killed.
        job.attempts = MAX_ATTEMPTS
        job.last_error = INTERRUPTED
        queueing.give_up(job, now)
        session.commit()
        JOBS_FINISHED.labels(job.kind, "given_up").inc()
        log.error("background job %s (%s) failed: %s", job.id, job.kind, INTERRUPTED)
        return 0
    job_id, kind, attempt = job.id, job.kind, job.attempts
    started = time.perf_counter()
    try:
        function = HANDLERS.get(kind)
        if function is None:
            raise LookupError(f"no handler for background jobs of kind {kind!r}")
        function(session, dict(job.payload), now)
        finished = session.execute(
            update(BackgroundJob)
            .where(
                BackgroundJob.id == job_id,
                BackgroundJob.attempts == attempt,
                BackgroundJob.done_at.is_(None),
            )
            .values(done_at=now, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        if finished.rowcount != 1:
            # Another worker took the job after this one's lease lapsed: its run counts.
            session.rollback()
            log.warning("background job %s (%s) overran its lease; dropped", job_id, kind)
            return 0
        session.commit()
    except Exception as error:
        session.rollback()
        log.exception("background job %s (%s) failed", job_id, kind)
        _record_failure(session, job_id, attempt, error, now, queue)
        return 0
    JOBS_FINISHED.labels(kind, "done").inc()
    log.info(
        "background job %s (%s) done, attempt %s, %.0f ms",
        job_id,
        kind,
        attempt,
        (time.perf_counter() - started) * 1000,
    )
    return 1


def _record_failure(
    session: Session,
    job_id: int,
    attempt: int,
    error: Exception,
    now: datetime,
    queue: queueing.Queue = QUEUE,
) -> None:
    job = session.get(BackgroundJob, job_id, populate_existing=True)
    if job is None or job.attempts != attempt or job.done_at is not None:
        return
    queueing.retry_later(queue, job, f"{type(error).__name__}: {error}", now)
    given_up = job.attempts >= MAX_ATTEMPTS
    if given_up:
        queueing.give_up(job, now)
        log.error("background job %s (%s) given up after %s attempts", job.id, job.kind, attempt)
    session.commit()
    JOBS_FINISHED.labels(job.kind, "given_up" if given_up else "retry").inc()


def failed_jobs(session: Session) -> list[BackgroundJob]:
    """Jobs given up, newest first."""
    return queueing.failed_rows(session, QUEUE)


def retry(session: Session, ids: tuple[int, ...] | None, now: datetime) -> int:
    """Puts the failed jobs with these ids (all of them when None) back, due now; commits."""
    return queueing.retry_failed(session, QUEUE, ids, now)
