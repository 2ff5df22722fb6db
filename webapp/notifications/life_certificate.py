"""The life-certificate window, announced to every account whose address is abroad.

A daily background job (`life_certificate_window`, run by the worker at 09:00 Romanian time):
when one of the half-year windows of domain/life_certificate.py is open (1 January – 31 March,
1 July – 30 September), each active account whose request's address is abroad
(domain.notifications.lives_abroad) gets a notification and, unless turned off, an email, once
per window: the window's opening day is the notification's once-key, so a job run twice, or an
account activated later in the window, is told once. Every run schedules the next day's; the
worker makes sure one is scheduled (`ensure_scheduled`, at its start and with its purges), so
a lost job or a fresh database starts the chain again.
"""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import life_certificate, ro
from domain.notifications import lives_abroad
from webapp import jobs
from webapp.models import AccountRequest, BackgroundJob, CitizenAccount, Notification
from webapp.notifications.events import publish

JOB = "life_certificate_window"
KIND = "life_certificate_window"
RUN_AT = dt.time(9, 0)  # Romanian time: an email in the morning, not at midnight
BATCH = 500


def next_run(now: dt.datetime) -> dt.datetime:
    """The next RUN_AT in Bucharest strictly after `now`, in UTC."""
    local = ro.local(now)
    moment = dt.datetime.combine(local.date(), RUN_AT, tzinfo=ro.ROMANIA)
    if moment <= local:
        moment = dt.datetime.combine(local.date() + dt.timedelta(days=1), RUN_AT, tzinfo=ro.ROMANIA)
    return moment.astimezone(dt.UTC)


def once_key(window: life_certificate.Window) -> str:
    return f"life_certificate:{window.opens.isoformat()}"


def _pending(session: Session, after: dt.datetime | None = None):
    query = select(BackgroundJob.id).where(
        BackgroundJob.kind == JOB,
        BackgroundJob.done_at.is_(None),
        BackgroundJob.failed_at.is_(None),
    )
    if after is not None:
        query = query.where(BackgroundJob.run_after > after)
    return session.scalars(query.limit(1)).first()


def ensure_scheduled(session: Session, now: dt.datetime, *, at: dt.datetime | None = None) -> bool:
    """Schedules a run (at the next RUN_AT unless `at` says when) if none is waiting; commits.
    True if one was added."""
    if _pending(session) is not None:
        session.rollback()
        return False
    jobs.enqueue(session, JOB, {}, now=now, run_after=at or next_run(now))
    session.commit()
    return True


def announce_window(session: Session, today: dt.date, now: dt.datetime) -> int:
    """Tells every abroad account not yet told of the window open on `today`; returns how many
    were told (0 outside the windows). Adds to the session; the caller commits."""
    window = life_certificate.status(today).current
    if window is None:
        return 0
    key = once_key(window)
    told = set(session.scalars(select(Notification.account_id).where(Notification.once_key == key)))
    rows = session.execute(
        select(CitizenAccount.id, AccountRequest.answers)
        .join(AccountRequest, AccountRequest.id == CitizenAccount.request_id)
        .where(CitizenAccount.password_hash.is_not(None))
        .order_by(CitizenAccount.id)
    )
    abroad = [id_ for id_, answers in rows if id_ not in told and lives_abroad(answers or {})]
    count = 0
    for start in range(0, len(abroad), BATCH):
        chunk = abroad[start : start + BATCH]
        accounts = session.scalars(select(CitizenAccount).where(CitizenAccount.id.in_(chunk)))
        for account in accounts.all():
            publish(
                session,
                account,
                KIND,
                now=now,
                once_key=key,
                opens=window.opens,
                closes=window.closes,
            )
            count += 1
    return count


@jobs.handler(JOB)
def run(session: Session, payload: dict, now: dt.datetime) -> None:
    announce_window(session, ro.local(now).date(), now)
    # Tomorrow's run, unless one is already waiting (two workers both scheduled one).
    if _pending(session, after=now) is None:
        jobs.enqueue(session, JOB, {}, now=now, run_after=next_run(now))
