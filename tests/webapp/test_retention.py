"""Retention (F10, F11): each purge removes what is past its period and keeps what is not; the
CLI and the privacy page use the same table."""

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from tests.builders import answers_for, make_staff
from webapp import retention
from webapp.account import service as account_requests
from webapp.cli import retention_cli
from webapp.models import (
    AccountRequest,
    AuditEvent,
    AuthSession,
    BackgroundJob,
    CitizenAccount,
    Draft,
    OutboxEmail,
    SignInFailure,
)

NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
P = retention.Periods()


def ago(**delta) -> dt.datetime:
    return NOW - dt.timedelta(**delta)


@pytest.fixture
def session(app):
    with app.app_context(), app.extensions["db_sessionmaker"]() as session:
        yield session


def request_row(session, index, *, status="submitted", submitted_at, decided_at=None):
    request = account_requests.submit(session, answers_for(index), submitted_at)
    request.status = status
    request.decided_at = decided_at
    session.commit()
    return request


def statuses(session) -> dict[str, str]:
    session.expire_all()
    return dict(session.execute(select(AccountRequest.reference, AccountRequest.status)).all())


def purge(session, function) -> int:
    count = function(session, NOW, P)
    session.commit()
    session.expire_all()
    return count


def test_the_periods_are_the_stated_ones_and_come_from_the_config(app):
    periods = retention.Periods.from_config(app.config)
    assert (periods.unregistered_days, periods.closed_request_days, periods.draft_days) == (
        30,
        90,
        7,
    )
    assert (periods.sent_email_body_days, periods.failed_email_body_days) == (7, 30)
    assert (periods.sign_in_failure_hours, periods.ended_session_days) == (24, 1)
    assert (periods.done_job_days, periods.audit_years) == (7, 5)
    app.config["CLOSED_REQUEST_RETENTION_DAYS"] = 60
    assert retention.Periods.from_config(app.config).closed_request_days == 60
    # Every kind of data has its period and reason; only approved requests have no purge.
    for rule in retention.rules(periods):
        assert rule.what and rule.how_long and rule.why
    assert [r.key for r in retention.rules(periods) if r.purge is None] == ["approved_requests"]


def test_a_request_not_registered_within_30_days_expires(session):
    old = request_row(session, 1, submitted_at=ago(days=30, minutes=1))
    fresh = request_row(session, 2, submitted_at=ago(days=29, hours=23))
    registered = request_row(session, 3, status="registered", submitted_at=ago(days=60))
    assert purge(session, retention.expire_unregistered) == 1
    assert statuses(session) == {
        old.reference: "expired",
        fresh.reference: "submitted",
        registered.reference: "registered",
    }
    # Conditional on 'submitted': a second run, or a request registered meanwhile, is untouched.
    assert purge(session, retention.expire_unregistered) == 0


def test_rejected_and_expired_requests_are_deleted_90_days_on_and_the_audit_keeps_the_reference(
    session,
):
    clerk = make_staff(session)
    rejected_old = request_row(
        session, 1, status="rejected", submitted_at=ago(days=200), decided_at=ago(days=91)
    )
    rejected_fresh = request_row(
        session, 2, status="rejected", submitted_at=ago(days=200), decided_at=ago(days=89)
    )
    # Expired 30 days after submission: deleted 90 days after that.
    expired_old = request_row(session, 3, status="expired", submitted_at=ago(days=121))
    expired_fresh = request_row(session, 4, status="expired", submitted_at=ago(days=119))
    approved = request_row(
        session, 5, status="approved", submitted_at=ago(days=2000), decided_at=ago(days=1999)
    )
    session.add(CitizenAccount(email=approved.email, request_id=approved.id))
    session.add_all(
        [
            AuditEvent(
                staff_id=clerk.id,
                action="reject",
                request_id=rejected_old.id,
                at=ago(days=91),
                details={"reason": "Act expirat."},
            ),
            AuditEvent(staff_id=clerk.id, action="view", request_id=rejected_fresh.id),
        ]
    )
    session.commit()
    deleted_reference, expired_reference = rejected_old.reference, expired_old.reference

    assert purge(session, retention.delete_closed_requests) == 2
    assert set(statuses(session)) == {
        rejected_fresh.reference,
        expired_fresh.reference,
        approved.reference,
    }
    assert expired_reference not in statuses(session)
    events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert (events[0].request_id, events[0].details) == (
        None,
        {"reference": deleted_reference, "reason": "Act expirat."},
    )
    assert events[1].request_id == rejected_fresh.id


def test_drafts_are_deleted_7_days_after_the_last_change(session):
    session.add_all(
        [
            Draft(id="vechi", journey="account", answers={"cnp": "1"}, updated_at=ago(days=8)),
            Draft(id="nou", journey="payment", answers={}, updated_at=ago(days=6)),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_old_drafts) == 1
    assert session.scalars(select(Draft.id)).all() == ["nou"]


def email_row(recipient, *, sent_at=None, failed_at=None, created_at=None) -> OutboxEmail:
    return OutboxEmail(
        recipient=recipient,
        template="password_reset",
        subject="Schimbarea parolei",
        text_body="Legătura: http://localhost/parola-noua/secret\n",
        html_body='<p><a href="http://localhost/parola-noua/secret">Parolă nouă</a></p>\n',
        created_at=created_at or sent_at or failed_at or NOW,
        next_attempt_at=created_at or NOW,
        sent_at=sent_at,
        failed_at=failed_at,
        attempts=1,
    )


def test_email_bodies_are_blanked_7_days_after_sending_and_30_after_failing(session):
    session.add_all(
        [
            email_row("trimis.vechi@example.ro", sent_at=ago(days=7, minutes=1)),
            email_row("trimis.nou@example.ro", sent_at=ago(days=6)),
            email_row("esuat.vechi@example.ro", failed_at=ago(days=31)),
            email_row("esuat.nou@example.ro", failed_at=ago(days=29)),
            # Still being retried: its text is needed to send it.
            email_row("in.asteptare@example.ro", created_at=ago(days=60)),
        ]
    )
    session.commit()
    assert purge(session, retention.blank_sent_email_bodies) == 1
    assert purge(session, retention.blank_failed_email_bodies) == 1
    emails = {e.recipient: e for e in session.scalars(select(OutboxEmail))}
    for blanked in ("trimis.vechi@example.ro", "esuat.vechi@example.ro"):
        email = emails[blanked]
        assert email.purged_at is not None
        assert "parola-noua" not in email.text_body + email.html_body
        assert email.text_body == retention.PURGED_TEXT
        # The record of the email stays.
        assert (email.subject, email.template) == ("Schimbarea parolei", "password_reset")
    for kept in ("trimis.nou@example.ro", "esuat.nou@example.ro", "in.asteptare@example.ro"):
        assert "parola-noua/secret" in emails[kept].text_body
        assert emails[kept].purged_at is None
    # Already blanked rows are not counted again.
    assert purge(session, retention.blank_sent_email_bodies) == 0


def test_email_records_go_after_a_year_but_never_one_still_being_retried(session):
    session.add_all(
        [
            email_row("vechi@example.ro", sent_at=ago(days=366)),
            email_row("an@example.ro", sent_at=ago(days=364)),
            email_row("in.asteptare@example.ro", created_at=ago(days=400)),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_email_records) == 1
    assert sorted(session.scalars(select(OutboxEmail.recipient))) == [
        "an@example.ro",
        "in.asteptare@example.ro",
    ]


def test_sign_in_failures_are_deleted_24_hours_after_the_last_one(session):
    session.add_all(
        [
            SignInFailure(key="vechi", failures=3, last_failure_at=ago(hours=24, minutes=1)),
            SignInFailure(key="nou", failures=3, last_failure_at=ago(hours=23)),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_sign_in_failures) == 1
    assert session.scalars(select(SignInFailure.key)).all() == ["nou"]


def test_ended_or_unusable_sessions_are_deleted_a_day_later(session):
    def row(name, created, seen, ended=None):
        return AuthSession(
            id=name, user_kind="citizen", user_id=1, created_at=created, last_seen_at=seen,
            ended_at=ended,
        )  # fmt: skip

    session.add_all(
        [
            row("iesit-ieri", ago(days=2), ago(days=2), ended=ago(days=1, minutes=1)),
            row("iesit-acum", ago(hours=3), ago(hours=2), ended=ago(hours=2)),
            row("activ", ago(hours=2), ago(minutes=5)),
            # Never signed out, idle since two days: unusable, so gone too.
            row("uitat", ago(days=2), ago(days=2)),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_ended_sessions) == 2
    assert sorted(session.scalars(select(AuthSession.id))) == ["activ", "iesit-acum"]


def test_done_jobs_go_after_7_days_and_abandoned_ones_after_30(session):
    def job(name, **fields):
        return BackgroundJob(kind=name, payload={"email": f"{name}@example.ro"}, **fields)

    session.add_all(
        [
            job("gata-vechi", created_at=ago(days=9), done_at=ago(days=8)),
            job("gata-nou", created_at=ago(days=6), done_at=ago(days=6)),
            job("de-facut", created_at=ago(days=60)),
            job("abandonat", created_at=ago(days=31), attempts=5),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_finished_jobs) == 2
    assert sorted(session.scalars(select(BackgroundJob.kind))) == ["de-facut", "gata-nou"]


def test_audit_events_are_kept_5_years(session):
    clerk = make_staff(session)
    session.add_all(
        [
            AuditEvent(staff_id=clerk.id, action="vechi", at=ago(days=5 * 365 + 2)),
            AuditEvent(staff_id=clerk.id, action="nou", at=ago(days=5 * 365 - 1)),
        ]
    )
    session.commit()
    assert purge(session, retention.delete_old_audit_events) == 1
    assert session.scalars(select(AuditEvent.action)).all() == ["nou"]
    assert retention.years_before(dt.datetime(2028, 2, 29, tzinfo=dt.UTC), 5) == dt.datetime(
        2023, 2, 28, tzinfo=dt.UTC
    )


def test_retention_purge_command_prints_what_it_removed(app, session):
    app.cli.add_command(retention_cli)
    with time_machine.travel(NOW, tick=False):
        request_row(session, 1, submitted_at=NOW)
        session.add(Draft(id="d", journey="account", answers={}))
        session.commit()

    with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
        result = app.test_cli_runner().invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "Cererile de cont trimise online și neînregistrate la ghișeu: 1." in lines
    assert any(line.startswith("Formularele începute") and line.endswith(": 1.") for line in lines)
    assert any(line.startswith("Jurnalul acțiunilor") and line.endswith(": 0.") for line in lines)
    session.expire_all()
    assert session.scalar(select(AccountRequest.status)) == "expired"
    assert session.scalar(select(func.count()).select_from(Draft)) == 0


def test_one_failing_purge_does_not_stop_the_others(session, monkeypatch):
    session.add(Draft(id="vechi", journey="account", answers={}, updated_at=ago(days=8)))
    session.commit()

    def broken(*_):
        raise RuntimeError("boom")

    monkeypatch.setattr(retention, "expire_unregistered", broken)
    results = {rule.key: count for rule, count in retention.purge_all(session, NOW, P)}
    assert results["unregistered_requests"] is None
    assert results["drafts"] == 1


# --- the privacy page -----------------------------------------------------------------------


def test_privacy_page_shows_each_kind_of_data_with_its_period_and_reason(app, client_request):
    page = client_request.get_page("/protectia-datelor")
    assert page.h1.get_text(strip=True) == "Protecția datelor personale"
    rows = page.select("table tbody tr")
    rules = retention.rules(retention.Periods.from_config(app.config))
    assert len(rows) == len(rules)
    shown = {
        row["id"]: [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in rows
    }
    assert shown["unregistered_requests"][1] == "30 de zile de la trimitere; apoi cererea expiră"
    assert shown["closed_requests"][1].startswith("90 de zile de la respingere")
    assert shown["approved_requests"][1] == "Cât timp există contul online"
    assert shown["drafts"][1] == "7 zile de la ultima modificare"
    assert shown["sign_in_failures"][1] == "24 de ore de la ultima încercare greșită"
    assert shown["ended_sessions"][1] == "o zi de la încheiere"
    assert shown["audit_events"][1] == "5 ani"
    assert "Ordonanța nr. 27/2002" in shown["closed_requests"][2]
    assert "OPERATOR_NAME" in page.get_text() and "DPO_EMAIL" in page.get_text()


def test_privacy_page_follows_the_config(app, client_request):
    app.config.update(
        CLOSED_REQUEST_RETENTION_DAYS=60,
        OPERATOR_NAME="Casa Națională de Pensii Publice",
        DPO_EMAIL="dpo@exemplu.ro",
    )
    page = client_request.get_page("/protectia-datelor")
    assert page.find(id="closed_requests").td.get_text(strip=True).startswith("60 de zile")
    assert "dpo@exemplu.ro" in page.get_text()
    assert "OPERATOR_NAME" not in page.get_text() and "DPO_EMAIL" not in page.get_text()


def test_expiry_step_says_when_and_what_to_do(session):
    request = request_row(session, 1, status="expired", submitted_at=ago(days=40))
    step = retention.expiry_step(request, P)
    assert step["what"] == "Cererea a expirat"
    assert step["when"].replace(tzinfo=dt.UTC) == ago(days=10)
    assert step["detail"] == (
        "Nu a fost înregistrată la o casă de pensii în 30 de zile de la trimitere. "
        "Puteți trimite o cerere nouă."
    )
