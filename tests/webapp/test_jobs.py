"""Background jobs and the worker that runs them with the email and the retention purges: the
claim shared with the outbox (webapp/queueing.py) under parallel and killed workers, back-off,
failures and the command line, and how soon an idle worker starts a new job."""

import datetime as dt
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from webapp import jobs, queueing, retention
from webapp.models import BackgroundJob, Draft, OutboxEmail, utcnow
from webapp.outbox.cli import run_round, run_worker
from webapp.outbox.delivery import SmtpSettings
from webapp.outbox.queue import queue_email
from webapp.worker import POLL_INTERVAL

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

    def fake_run_due(session, now, **options):
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
    def broken(session, now, **options):
        raise RuntimeError("database restarting")

    monkeypatch.setattr(jobs, "run_due", broken)
    now = utcnow()
    session.add(Draft(id="vechi", journey="account", answers={}, updated_at=now - dt.timedelta(8)))
    session.commit()
    report = run_round(app.extensions["db_sessionmaker"], NO_SMTP, now, retention.Periods())
    assert report.jobs_done is None
    assert count(session, Draft) == 0


# --- the shared claim: several workers, a killed worker, back-off, failures ------------------


@pytest.fixture
def new_session(app):
    sessions = []

    def make():
        sessions.append(app.extensions["db_sessionmaker"]())
        return sessions[-1]

    with app.app_context():
        yield make
    for other in sessions:
        other.close()


def recording_handler(monkeypatch, kind: str, delay: float = 0.0) -> list:
    """Registers a handler that notes the `n` of each payload it runs (thread-safe append)."""
    ran = []

    def handle(session, payload, now):
        time.sleep(delay)
        ran.append(payload["n"])

    monkeypatch.setitem(jobs.HANDLERS, kind, handle)
    return ran


def test_two_workers_at_once_never_run_a_job_twice(session, new_session, monkeypatch):
    # Each job takes a little while, so both workers are busy at once for most of the run.
    ran = recording_handler(monkeypatch, "test_slow", delay=0.02)
    now = utcnow()
    for n in range(30):
        jobs.enqueue(session, "test_slow", {"n": n}, now=now)
    session.commit()
    start = threading.Barrier(2)
    done, errors = [], []

    def worker():
        worker_session = new_session()
        try:
            start.wait()
            done.append(jobs.run_due(worker_session, now))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sorted(done) != [0, 30], "the workers did not overlap"
    assert sum(done) == 30
    assert sorted(ran) == list(range(30))
    session.expire_all()
    assert {
        (job.attempts, jobs.state_of(job)) for job in session.scalars(select(BackgroundJob))
    } == {(1, jobs.DONE)}


def test_postgresql_worker_skips_a_locked_job_instead_of_waiting(session, new_session, monkeypatch):
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite's UPDATE is atomic anyway")
    ran = recording_handler(monkeypatch, "test_job")
    now = utcnow()
    first = jobs.enqueue(session, "test_job", {"n": 1}, now=now)
    jobs.enqueue(session, "test_job", {"n": 2}, now=now)
    session.commit()

    # Another worker is in the middle of claiming the first job: it holds the row lock.
    busy = new_session()
    busy.execute(select(BackgroundJob).where(BackgroundJob.id == first.id).with_for_update())
    worker = new_session()
    # Were the row waited for instead of skipped, this fails after two seconds.
    worker.execute(text("SET lock_timeout = '2s'"))
    worker.commit()

    assert jobs.run_due(worker, now) == 1
    assert ran == [2]
    busy.rollback()
    assert jobs.run_due(worker, now) == 1
    assert ran == [2, 1]


def test_a_killed_workers_job_is_taken_again_once_its_lease_lapses(
    app, migrated, session, tmp_path, monkeypatch
):
    now = utcnow()
    job = jobs.enqueue(session, "test_hang", {"n": 1}, now=now)
    session.commit()
    # A real worker process, killed (SIGKILL: no clean-up at all) in the middle of the job.
    started = tmp_path / "started"
    worker = subprocess.Popen(
        [sys.executable, "-c", HANGING_WORKER, migrated, str(started)], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert worker.poll() is None, "the worker process ended by itself"
            assert time.monotonic() < deadline, "the worker did not start the job"
            time.sleep(0.05)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)

    ran = recording_handler(monkeypatch, "test_hang")
    assert jobs.state(session, job.id) == jobs.RUNNING
    # Its lease still holds: no other worker takes it yet …
    assert jobs.run_due(session, utcnow()) == 0
    # … and once it lapses, the job is done, not lost.
    assert jobs.run_due(session, utcnow() + jobs.CLAIM_LEASE) == 1
    assert ran == [1]
    session.expire_all()
    assert (job.attempts, jobs.state_of(job)) == (2, jobs.DONE)


ROOT = Path(__file__).resolve().parents[2]
HANGING_WORKER = """
import pathlib, sys, time
from webapp import create_app, jobs
from webapp.models import utcnow

url, started = sys.argv[1:]
app = create_app({"ENV_NAME": "testing", "DATABASE_URL": url})

@jobs.handler("test_hang")
def hang(session, payload, now):
    pathlib.Path(started).write_text("started")
    time.sleep(120)

with app.app_context(), app.extensions["db_sessionmaker"]() as session:
    jobs.run_due(session, utcnow())
"""


def test_a_job_whose_workers_are_always_killed_is_failed_after_max_attempts(session, new_session):
    now = utcnow()
    job = jobs.enqueue(session, "test_never_reached", {}, now=now)
    session.commit()
    for attempt in range(jobs.MAX_ATTEMPTS):
        # A worker claims it and dies: nothing records the attempt's end.
        crashed = new_session()
        assert queueing.claim(crashed, jobs.QUEUE, now + attempt * jobs.CLAIM_LEASE).id == job.id
        crashed.close()
    assert jobs.run_due(session, now + jobs.MAX_ATTEMPTS * jobs.CLAIM_LEASE) == 0
    session.expire_all()
    assert (jobs.state_of(job), job.attempts) == (jobs.FAILED, jobs.MAX_ATTEMPTS)
    assert "workerul a fost oprit" in job.last_error


def test_a_worker_that_overran_its_lease_commits_nothing(session, new_session, monkeypatch):
    # While the first worker is still in the job, its lease lapses and a second worker takes it.
    now = utcnow()

    def slow(job_session, payload, at):
        other = new_session()
        assert queueing.claim(other, jobs.QUEUE, at + jobs.CLAIM_LEASE) is not None
        other.close()
        job_session.add(Draft(id="effect", journey="account", answers={}))

    monkeypatch.setitem(jobs.HANDLERS, "test_overrun", slow)
    job = jobs.enqueue(session, "test_overrun", {}, now=now)
    session.commit()
    assert jobs.run_due(session, now) == 0
    assert count(session, Draft) == 0
    assert (job.attempts, jobs.state_of(job, now)) == (2, jobs.RUNNING)


def test_retry_delays_grow_until_the_job_is_failed(session, monkeypatch):
    def failing(session, payload, now):
        raise RuntimeError("raportul nu s-a putut genera")

    monkeypatch.setitem(jobs.HANDLERS, "test_failing", failing)
    now = utcnow()
    job = jobs.enqueue(session, "test_failing", {}, now=now)
    session.commit()
    delays = []
    at = now
    for _ in range(jobs.MAX_ATTEMPTS):
        assert jobs.run_due(session, at) == 0
        session.expire_all()
        if job.failed_at is None:
            delays.append((job.run_after - at) / dt.timedelta(minutes=1))
            assert jobs.state_of(job, at) == jobs.PENDING
            at = job.run_after
    assert delays == [2, 4, 8, 16]
    assert (jobs.state_of(job), job.attempts, job.failed_at) == (jobs.FAILED, 5, at)
    assert "raportul nu s-a putut genera" in job.last_error
    # Failed: no longer taken, however late.
    assert jobs.run_due(session, at + dt.timedelta(days=1)) == 0
    assert queueing.backoff(jobs.QUEUE, 10_000) == dt.timedelta(hours=1)


def test_a_job_of_an_unknown_kind_fails_with_its_kind_named(session):
    now = utcnow()
    job = jobs.enqueue(session, "test_no_such_kind", {}, now=now)
    session.commit()
    assert jobs.run_due(session, now) == 0
    session.expire_all()
    assert "test_no_such_kind" in job.last_error


def test_state_of_a_job_by_id(session, new_session, monkeypatch):
    recording_handler(monkeypatch, "test_job")
    now = utcnow()
    job = jobs.enqueue(session, "test_job", {"n": 1}, now=now)
    session.commit()
    assert jobs.state(session, job.id, now) == jobs.PENDING
    queueing.claim(new_session(), jobs.QUEUE, now)
    assert jobs.state(session, job.id, now) == jobs.RUNNING
    assert jobs.run_due(session, now + jobs.CLAIM_LEASE) == 1
    assert jobs.state(session, job.id) == jobs.DONE
    assert jobs.state(session, job.id + 1000) is None


def test_jobs_failures_lists_failed_jobs_and_retry_puts_them_back(app, session, monkeypatch):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobs", "failures"])
    assert result.exit_code == 0, result.output
    assert "Nicio lucrare de fundal eșuată." in result.output

    def failing(session, payload, now):
        raise RuntimeError("fontul lipsește")

    monkeypatch.setitem(jobs.HANDLERS, "test_report", failing)
    now = utcnow()
    failed = [jobs.enqueue(session, "test_report", {"n": n}, now=now) for n in range(2)]
    waiting = jobs.enqueue(session, "test_report", {"n": 9}, now=now + dt.timedelta(days=1))
    session.commit()
    at = now
    for _ in range(jobs.MAX_ATTEMPTS):
        jobs.run_due(session, at)
        at += dt.timedelta(hours=1)

    result = runner.invoke(args=["jobs", "failures"])
    assert result.exit_code == 0, result.output
    assert "Lucrări de fundal eșuate: 2." in result.output
    for job in failed:
        assert f"#{job.id} " in result.output
    assert f"#{waiting.id} " not in result.output
    assert "test_report  (5 încercări): RuntimeError: fontul lipsește" in result.output
    assert "jobs retry ID" in result.output

    result = runner.invoke(args=["jobs", "retry", str(failed[0].id), "999"])
    assert result.exit_code == 0, result.output
    assert "Lucrări de fundal puse din nou la rând: 1 din 2." in result.output
    session.expire_all()
    assert (jobs.state_of(failed[0]), failed[0].attempts) == (jobs.PENDING, 0)
    assert jobs.state_of(failed[1]) == jobs.FAILED

    ran = recording_handler(monkeypatch, "test_report")
    assert jobs.run_due(session, utcnow()) == 1
    assert ran == [0]
    result = runner.invoke(args=["jobs", "retry", "--all"])
    assert "Lucrări de fundal puse din nou la rând: 1." in result.output
    assert jobs.run_due(session, utcnow()) == 1
    assert ran == [0, 1]

    result = runner.invoke(args=["jobs", "retry"])
    assert result.exit_code != 0
    assert "--all" in result.output


def test_an_idle_worker_takes_a_new_job_within_about_a_second(app, session, monkeypatch):
    assert POLL_INTERVAL <= 1.0
    ran = recording_handler(monkeypatch, "test_job")
    stop = threading.Event()
    rounds = []
    real_run_due = jobs.run_due

    def counted_run_due(session, now, **options):
        rounds.append(now)
        return real_run_due(session, now, **options)

    monkeypatch.setattr(jobs, "run_due", counted_run_due)
    worker = threading.Thread(
        target=run_worker,
        args=(app.extensions["db_sessionmaker"], NO_SMTP, POLL_INTERVAL, stop),
        kwargs={"purge_every": dt.timedelta(hours=1)},
    )
    worker.start()
    try:
        # Idle: it has looked at least once and found nothing.
        deadline = time.monotonic() + 10
        while not rounds:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.2)
        assert ran == []
        job = jobs.enqueue(session, "test_job", {"n": 1})
        session.commit()
        queued = time.monotonic()
        while jobs.state(session, job.id) != jobs.DONE:
            assert time.monotonic() - queued < POLL_INTERVAL + 1.0, "the job waited too long"
            time.sleep(0.02)
    finally:
        stop.set()
        worker.join(10)
    assert ran == [1]
