"""The two worker settings the fault tests shorten: the lease a job worker holds on a job
(JOB_CLAIM_LEASE_SECONDS) and the first wait before an unsent email is tried again
(OUTBOX_FIRST_RETRY_SECONDS). Production keeps 5 minutes and 1 minute."""

import datetime as dt

import pytest

from webapp import create_app, jobs
from webapp.models import BackgroundJob, OutboxEmail
from webapp.outbox.delivery import SmtpSettings, deliver_due, smtp_settings_from
from webapp.outbox.queue import queue_email
from webapp.worker import run_round


@pytest.fixture
def session(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        yield session


def test_the_settings_come_from_the_environment(monkeypatch, migrated):
    defaults = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated}).config
    assert defaults["JOB_CLAIM_LEASE_SECONDS"] == 300
    assert defaults["OUTBOX_FIRST_RETRY_SECONDS"] == 60
    monkeypatch.setenv("JOB_CLAIM_LEASE_SECONDS", "3")
    monkeypatch.setenv("OUTBOX_FIRST_RETRY_SECONDS", "2.5")
    config = create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated}).config
    assert config["JOB_CLAIM_LEASE_SECONDS"] == 3
    assert smtp_settings_from(config).first_retry == dt.timedelta(seconds=2.5)


def test_a_job_is_claimed_for_the_configured_lease(app, session, monkeypatch):
    seen = {}

    def handle(session, payload, now):
        job = session.get(BackgroundJob, payload["id"], populate_existing=True)
        seen["lease"] = job.claimed_until - now

    monkeypatch.setitem(jobs.HANDLERS, "lease_probe", handle)
    job = jobs.enqueue(session, "lease_probe", {})
    session.flush()
    job.payload = {"id": job.id}
    session.commit()
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    report = run_round(
        app.extensions["db_sessionmaker"],
        SmtpSettings(host=None),
        now,
        None,
        echo=lambda *_: None,
        job_queue=jobs.with_lease(4),
    )
    assert report.jobs_done == 1
    assert seen["lease"] == dt.timedelta(seconds=4)
    assert jobs.with_lease(None) is jobs.QUEUE


def test_an_unsent_email_waits_the_configured_first_retry(app, session):
    with app.test_request_context():
        queue_email(
            session,
            to="ana@example.ro",
            template="password_reset",
            link="http://localhost/parola-noua/x",
            expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1),
        )
        session.commit()
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    # Nothing listens on port 9 of loopback: the connection is refused, the email waits.
    settings = SmtpSettings(
        host="127.0.0.1", port=9, timeout=2, first_retry=dt.timedelta(seconds=7)
    )
    report = deliver_due(session, settings, now)
    assert report.failed == 1
    email = session.query(OutboxEmail).one()
    assert email.next_attempt_at - now == dt.timedelta(seconds=7)
