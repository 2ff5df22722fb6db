"""Background jobs and the worker that runs them with the email and the retention purges."""

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from webapp import jobs, retention
from webapp.models import BackgroundJob, Draft, OutboxEmail, utcnow
from webapp.outbox.cli import run_round, run_worker
from webapp.outbox.delivery import SmtpSettings
from webapp.outbox.queue import queue_email

NO_SMTP = SmtpSettings(host=None)


@pytest.fixture
def session(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        yield session


@pytest.fixture
def reset_job(monkeypatch):
    """A job like the password-reset lookup: it queues an email for the address it is given."""

    def handle(session, payload, now):
        queue_email(
            session,
            to=payload["email"],
            template="password_reset",
            link="http://localhost/parola-noua/x",
            expires_at=now + dt.timedelta(hours=1),
        )

    monkeypatch.setitem(jobs.HANDLERS, "test_reset", handle)


def count(session, model) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(model))


def test_a_due_job_runs_once_and_is_marked_done(session, reset_job):
    now = utcnow()
    jobs.enqueue(session, "test_reset", {"email": "ana@example.ro"}, now=now)
    session.commit()
    assert jobs.run_due(session, now) == 1
    assert jobs.run_due(session, now) == 0
    [job] = session.scalars(select(BackgroundJob)).all()
    assert (job.attempts, job.done_at is not None) == (1, True)
    assert session.scalars(select(OutboxEmail.recipient)).all() == ["ana@example.ro"]


def test_a_failing_job_is_retried_later_and_its_changes_rolled_back(session, monkeypatch):
    def failing(session, payload, now):
        session.add(Draft(id="partial", journey="account", answers={}))
        session.flush()
        raise RuntimeError("lookup failed")

    monkeypatch.setitem(jobs.HANDLERS, "test_failing", failing)
    now = utcnow()
    jobs.enqueue(session, "test_failing", {}, now=now)
    session.commit()
    assert jobs.run_due(session, now) == 0
    [job] = session.scalars(select(BackgroundJob)).all()
    assert job.done_at is None
    assert "lookup failed" in job.last_error
    assert count(session, Draft) == 0
    # Not again at once (2 minutes after the first failure), but later.
    assert jobs.run_due(session, now + dt.timedelta(minutes=1)) == 0
    monkeypatch.setitem(jobs.HANDLERS, "test_failing", lambda *_: None)
    assert jobs.run_due(session, now + dt.timedelta(minutes=3)) == 1


def test_a_worker_round_runs_jobs_and_purges_even_without_smtp_host(app, session, reset_job):
    now = utcnow()
    jobs.enqueue(session, "test_reset", {"email": "ana@example.ro"}, now=now)
    session.add(Draft(id="vechi", journey="account", answers={}, updated_at=now - dt.timedelta(8)))
    session.commit()
    said = []

    report = run_round(
        app.extensions["db_sessionmaker"], NO_SMTP, now, retention.Periods(), said.append
    )

    assert report.jobs_done == 1
    assert report.delivery is None
    # The job's email waits in the outbox (development lists it at /dezvoltare/emailuri).
    assert session.scalars(select(OutboxEmail.recipient)).all() == ["ana@example.ro"]
    assert count(session, Draft) == 0
    assert said[0] == "Lucrări de fundal încheiate: 1."
    assert "Date șterse sau expirate după perioada de păstrare:" in said
    assert any(line.startswith("Formularele începute") for line in "\n".join(said).splitlines())


def test_a_round_without_periods_does_not_purge(app, session):
    now = utcnow()
    session.add(Draft(id="vechi", journey="account", answers={}, updated_at=now - dt.timedelta(8)))
    session.commit()
    report = run_round(app.extensions["db_sessionmaker"], NO_SMTP, now, None, print)
    assert report.purged is None
    assert count(session, Draft) == 1


def test_the_worker_purges_at_start_then_every_purge_interval(app, monkeypatch):
    rounds = {"jobs": 0, "purges": 0}
    stop = threading.Event()

    def fake_run_due(session, now):
        rounds["jobs"] += 1
        if rounds["jobs"] == 5:
            stop.set()
        return 0

    def fake_purge_all(session, now, periods):
        rounds["purges"] += 1
        return []

    monkeypatch.setattr(jobs, "run_due", fake_run_due)
    monkeypatch.setattr(retention, "purge_all", fake_purge_all)
    run_worker(
        app.extensions["db_sessionmaker"],
        NO_SMTP,
        0.01,
        stop,
        echo=print,
        purge_every=dt.timedelta(hours=1),
    )
    assert rounds == {"jobs": 5, "purges": 1}

    stop.clear()
    rounds.update(jobs=0, purges=0)
    run_worker(app.extensions["db_sessionmaker"], NO_SMTP, 0.01, stop, purge_every=dt.timedelta(0))
    assert rounds == {"jobs": 5, "purges": 5}


def test_a_failing_part_of_a_round_does_not_stop_the_others(app, session, monkeypatch):
    def broken(session, now):
        raise RuntimeError("database restarting")

    monkeypatch.setattr(jobs, "run_due", broken)
    now = utcnow()
    session.add(Draft(id="vechi", journey="account", answers={}, updated_at=now - dt.timedelta(8)))
    session.commit()
    report = run_round(app.extensions["db_sessionmaker"], NO_SMTP, now, retention.Periods())
    assert report.jobs_done is None
    assert count(session, Draft) == 0
