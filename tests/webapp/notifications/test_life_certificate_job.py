"""The daily job that tells accounts whose address is abroad that the life-certificate window
has opened: only them, only while a window is open, once per window; it schedules itself for
the next morning, and the worker restarts the chain if it is lost."""

import datetime as dt

from sqlalchemy import select

from domain.notifications import lives_abroad
from tests.builders import active_account, stored
from webapp import jobs
from webapp.models import BackgroundJob, Notification, OutboxEmail
from webapp.notifications import life_certificate
from webapp.outbox.delivery import SmtpSettings
from webapp.worker import run_round

# 09:00 in Bucharest on 5 January 2027 (UTC+2): the January–March window is open.
IN_WINDOW = dt.datetime(2027, 1, 5, 7, 0, tzinfo=dt.UTC)
OUTSIDE = dt.datetime(2027, 5, 5, 6, 0, tzinfo=dt.UTC)


def run_job_at(app, now):
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        life_certificate.ensure_scheduled(session, now, at=now)
        done = jobs.run_due(session, now)
        session.close()
    return done


def window_notifications(app):
    return stored(app, Notification, Notification.kind == "life_certificate_window")


def test_the_predicate_reads_the_request_s_country():
    assert lives_abroad({"country_code": "IT"})
    assert lives_abroad({"country": "de"})
    assert not lives_abroad({"country_code": "RO"})
    assert not lives_abroad({"county_code": "CJ"})  # today's form: a Romanian address only
    assert not lives_abroad({"country_code": ""})


def test_only_accounts_abroad_are_told_while_the_window_is_open(app):
    abroad = active_account(app, index=1, country_code="IT")
    home = active_account(app, index=2, country_code="RO")
    plain = active_account(app, index=3)
    assert run_job_at(app, IN_WINDOW) == 1
    (notification,) = window_notifications(app)
    assert notification.account_id == abroad.id
    assert "până la 31 martie 2027" in notification.text
    assert notification.path == "/certificat-de-viata/"
    (email,) = stored(
        app, OutboxEmail, OutboxEmail.template == "notification_life_certificate_window"
    )
    assert email.recipient == abroad.email
    assert "31 martie 2027" in email.text_body
    assert "http://localhost/certificat-de-viata/" in email.text_body
    for other in (home, plain):
        assert not stored(app, Notification, Notification.account_id == other.id)


def test_once_per_window_and_a_new_window_is_told_again(app):
    abroad = active_account(app, index=1, country_code="ES")
    run_job_at(app, IN_WINDOW)
    run_job_at(app, IN_WINDOW + dt.timedelta(days=1))
    assert len(window_notifications(app)) == 1
    run_job_at(app, dt.datetime(2027, 7, 1, 6, 0, tzinfo=dt.UTC))
    texts = sorted(n.text for n in window_notifications(app))
    assert len(texts) == 2 and "30 septembrie 2027" in texts[1] + texts[0]
    assert {n.account_id for n in window_notifications(app)} == {abroad.id}


def test_nothing_outside_the_windows_and_accounts_not_activated_are_not_told(app):
    active_account(app, index=1, country_code="FR")
    run_job_at(app, OUTSIDE)
    assert window_notifications(app) == []
    session = app.extensions["db_sessionmaker"]()
    from webapp.models import CitizenAccount

    for account in session.scalars(select(CitizenAccount)):
        account.password_hash = None
    session.commit()
    session.close()
    run_job_at(app, IN_WINDOW)
    assert window_notifications(app) == []


def test_the_email_is_not_sent_when_turned_off_but_the_notification_is_kept(app):
    from webapp.models import NotificationPreference

    abroad = active_account(app, index=1, country_code="DE")
    session = app.extensions["db_sessionmaker"]()
    session.add(
        NotificationPreference(account_id=abroad.id, kind="life_certificate_window", email=False)
    )
    session.commit()
    session.close()
    run_job_at(app, IN_WINDOW)
    assert len(window_notifications(app)) == 1
    assert not stored(
        app, OutboxEmail, OutboxEmail.template == "notification_life_certificate_window"
    )


def test_each_run_schedules_the_next_morning_and_the_chain_is_one(app):
    run_job_at(app, IN_WINDOW)
    pending = stored(
        app,
        BackgroundJob,
        BackgroundJob.kind == life_certificate.JOB,
        BackgroundJob.done_at.is_(None),
    )
    assert len(pending) == 1
    # 09:00 in Bucharest the next day.
    assert pending[0].run_after == dt.datetime(2027, 1, 6, 7, 0, tzinfo=dt.UTC)
    # Asking again while one is waiting adds none.
    with app.app_context():
        session = app.extensions["db_sessionmaker"]()
        assert not life_certificate.ensure_scheduled(session, IN_WINDOW)
        session.close()
    assert life_certificate.next_run(dt.datetime(2027, 7, 1, 5, 0, tzinfo=dt.UTC)) == dt.datetime(
        2027, 7, 1, 6, 0, tzinfo=dt.UTC
    )


def test_the_worker_s_purge_round_starts_the_chain_at_the_next_morning(app):
    from webapp import retention

    make_session = app.extensions["db_sessionmaker"]
    at_noon = dt.datetime(2027, 1, 5, 10, 0, tzinfo=dt.UTC)
    run_round(make_session, SmtpSettings(host=None), at_noon, retention.Periods(), echo=print)
    (job,) = stored(app, BackgroundJob, BackgroundJob.kind == life_certificate.JOB)
    assert job.run_after == dt.datetime(2027, 1, 6, 7, 0, tzinfo=dt.UTC) and job.done_at is None
    # Rounds before then leave it waiting, and add no second one.
    run_round(make_session, SmtpSettings(host=None), at_noon, retention.Periods(), echo=print)
    assert len(stored(app, BackgroundJob, BackgroundJob.kind == life_certificate.JOB)) == 1
