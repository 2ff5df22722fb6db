"""The outbox against a real SMTP server on loopback (aiosmtpd): what arrives, what happens while
the server refuses or is down, parallel senders, the email texts and the development page."""

import datetime as dt
import email
import re
import threading
import time
from pathlib import Path

import html5lib
import pytest
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import func, select, text

from tests.page_checks import CEDILLA, PageClient, soup
from tests.production import shared_state
from tests.smtp_server import Recorder, free_port
from webapp import create_app
from webapp.db import Base
from webapp.models import OutboxEmail, utcnow
from webapp.outbox import delivery
from webapp.outbox.cli import outbox_cli, run_worker
from webapp.outbox.delivery import (
    CLAIM_LEASE,
    SmtpSettings,
    deliver_due,
    retry_delay,
    smtp_settings_from,
)
from webapp.outbox.dev_page import bp as dev_emails_bp
from webapp.outbox.queue import latest_status_for, queue_email, render_email

EMAIL_TEMPLATES = Path(__file__).resolve().parents[3] / "templates" / "emails"
MAIL_FROM = "Portal pensii <nu-raspundeti@portal-pensii.ro>"
# 12:05 UTC on 22 November is 14:05 in Bucharest (EET, UTC+2).
APPROVED_AT = dt.datetime(2026, 11, 22, 12, 5, tzinfo=dt.UTC)


# --- a real SMTP server ---------------------------------------------------------------------


def settings_for(port: int, **overrides) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, mail_from=MAIL_FROM, timeout=5, **overrides)


# --- the app and the table ------------------------------------------------------------------


@pytest.fixture
def outbox_app(app):
    # The migrations create outbox_emails; checkfirst makes this a no-op then, and gives the
    # tests the table on a schema that does not have it yet. The `app` fixture empties it.
    Base.metadata.create_all(app.extensions["db_engine"], tables=[OutboxEmail.__table__])
    return app


@pytest.fixture
def session(outbox_app):
    with outbox_app.app_context(), outbox_app.extensions["db_sessionmaker"]() as session:
        yield session


@pytest.fixture
def new_session(outbox_app):
    """Another connection, as a second sender or another process would have."""
    opened = []

    def make():
        opened.append(outbox_app.extensions["db_sessionmaker"]())
        return opened[-1]

    yield make
    for session in opened:
        session.close()


def activation_context(**overrides) -> dict:
    context = {
        "name": "Ștefan",
        "reference": "CC-2026-000123",
        "office": "Casa Județeană de Pensii Iași",
        "link": "https://portal-pensii.ro/activare/abc.def?x=1&y=2",
        "expires_at": APPROVED_AT + dt.timedelta(hours=72),
    }
    context.update(overrides)
    return context


def queue_activations(session, count: int = 1, **overrides) -> list[OutboxEmail]:
    emails = [
        queue_email(
            session,
            to=f"cetatean{index}@example.ro",
            template="activation",
            **activation_context(reference=f"CC-2026-{index:06d}", **overrides),
        )
        for index in range(1, count + 1)
    ]
    session.commit()
    return emails


def soon() -> dt.datetime:
    # Just after the rows were queued (queue_email stamps them with the real clock).
    return utcnow() + dt.timedelta(seconds=1)


def rows(session) -> list[OutboxEmail]:
    session.expire_all()
    return session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)).all()


# --- queueing -------------------------------------------------------------------------------


def test_queue_email_adds_to_the_callers_transaction_without_committing(session, new_session):
    queue_email(session, to="ana@example.ro", template="activation", **activation_context())
    other = new_session()
    assert other.scalar(select(func.count()).select_from(OutboxEmail)) == 0

    session.rollback()
    assert session.scalar(select(func.count()).select_from(OutboxEmail)) == 0

    queued = queue_email(
        session, to="ana@example.ro", template="activation", **activation_context()
    )
    session.commit()
    row = other.scalars(select(OutboxEmail)).one()
    assert row.id == queued.id
    assert (row.attempts, row.sent_at, row.status) == (0, None, "pending")
    assert row.subject == "Activați contul pe Portal pensii"


@pytest.mark.parametrize("address", ["", "  ", "ana@example.ro\r\nBcc: toti@example.ro"])
def test_queue_email_refuses_an_empty_or_multiline_address(session, address):
    with pytest.raises(ValueError):
        queue_email(session, to=address, template="activation", **activation_context())


# --- delivery -------------------------------------------------------------------------------


def test_delivered_email_has_the_headers_both_parts_and_the_diacritics(session, start_smtp):
    server = start_smtp(Recorder())
    [queued] = queue_activations(
        session, name="Ștefan-Țăranu Îngrid", office="Casa Județeană de Pensii Iași"
    )

    now = soon()
    report = deliver_due(session, settings_for(server.port), now)

    assert (report.sent, report.failed, report.pending) == (1, 0, 0)
    [received] = server.handler.received
    assert received.mail_from == "nu-raspundeti@portal-pensii.ro"
    assert received.rcpt_tos == ["cetatean1@example.ro"]
    message = received.message
    assert message["From"] == MAIL_FROM
    assert message["To"] == "cetatean1@example.ro"
    assert message["Subject"] == "Activați contul pe Portal pensii"
    assert message["Message-ID"] == f"<{queued.message_uid}@portal-pensii.ro>"
    assert email.utils.parsedate_to_datetime(message["Date"]) == now.replace(microsecond=0)
    # On the wire everything is 7-bit: the subject RFC 2047-encoded, the bodies quoted-printable.
    assert received.raw.isascii()
    assert b"=?utf-8?" in received.raw.split(b"\r\n\r\n")[0]

    assert message.get_content_type() == "multipart/alternative"
    plain, html = message.iter_parts()
    assert (plain.get_content_type(), plain.get_content_charset()) == ("text/plain", "utf-8")
    assert (html.get_content_type(), html.get_content_charset()) == ("text/html", "utf-8")
    for part in (plain, html):
        body = part.get_content()
        assert "Ștefan-Țăranu Îngrid" in body
        assert "Casa Județeană de Pensii Iași" in body
        assert "până pe 25 noiembrie 2026, ora 14:05" in body
        assert not CEDILLA.search(body)
    assert "https://portal-pensii.ro/activare/abc.def?x=1&y=2" in plain.get_content()
    assert 'href="https://portal-pensii.ro/activare/abc.def?x=1&amp;y=2"' in html.get_content()

    [row] = rows(session)
    assert row.sent_at == now
    assert (row.attempts, row.last_error, row.status) == (1, None, "sent")
    # Sent rows are not sent again.
    assert deliver_due(session, settings_for(server.port), now + dt.timedelta(hours=2)).sent == 0
    assert len(server.handler.received) == 1


def test_without_smtp_host_emails_stay_in_the_outbox(session):
    queue_activations(session, 2)
    report = deliver_due(session, smtp_settings_from({}), soon())
    assert report.disabled
    assert report.pending == 2
    assert "SMTP_HOST nu este configurat" in report.summary()
    assert [row.attempts for row in rows(session)] == [0, 0]


def test_a_server_refusing_mail_for_a_while_loses_nothing_and_sends_each_once(session, start_smtp):
    # The first two messages get "451 try again later"; the third goes through.
    server = start_smtp(Recorder(refuse_first=2))
    queue_activations(session, 3)
    settings = settings_for(server.port)

    t0 = soon()
    report = deliver_due(session, settings, t0)
    assert (report.sent, report.failed, report.pending) == (1, 2, 2)
    assert report.connection_error is None
    first, second, third = rows(session)
    for refused in (first, second):
        assert refused.status == "retrying"
        assert refused.attempts == 1
        assert refused.last_error.startswith("451 4.3.0")
        assert refused.next_attempt_at == t0 + dt.timedelta(minutes=1)
    assert third.status == "sent"

    # Not due yet: nothing happens before the back-off ends.
    assert deliver_due(session, settings, t0 + dt.timedelta(seconds=59)).sent == 0

    report = deliver_due(session, settings, t0 + dt.timedelta(minutes=1))
    assert (report.sent, report.failed, report.pending) == (2, 0, 0)
    assert [row.attempts for row in rows(session)] == [2, 2, 1]
    assert sorted(item.rcpt_tos[0] for item in server.handler.received) == [
        "cetatean1@example.ro",
        "cetatean2@example.ro",
        "cetatean3@example.ro",
    ]
    assert len(set(server.handler.message_ids())) == 3


def test_back_off_doubles_after_each_failure(session, start_smtp):
    server = start_smtp(Recorder(refuse_first=4))
    queue_activations(session, 1)
    settings = settings_for(server.port)

    now = soon()
    for attempt, wait in enumerate((1, 2, 4, 8), start=1):
        report = deliver_due(session, settings, now)
        assert (report.sent, report.failed) == (0, 1)
        [row] = rows(session)
        assert row.attempts == attempt
        assert row.next_attempt_at == now + dt.timedelta(minutes=wait)
        now += dt.timedelta(minutes=wait)

    assert deliver_due(session, settings, now).sent == 1
    [row] = rows(session)
    assert (row.attempts, row.status) == (5, "sent")
    assert len(server.handler.received) == 1


def test_retry_delay_is_capped_at_an_hour():
    minutes = [retry_delay(attempts).total_seconds() / 60 for attempts in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert retry_delay(10_000) == dt.timedelta(hours=1)


def test_a_server_that_is_down_then_started_gets_everything_once(session, start_smtp):
    port = free_port()
    queue_activations(session, 3)
    settings = settings_for(port)

    t0 = soon()
    report = deliver_due(session, settings, t0)
    # Nobody listens: the first email records the failure and the round stops there.
    assert (report.sent, report.failed, report.pending) == (0, 1, 3)
    assert "ConnectionRefusedError" in report.connection_error
    assert "Serverul SMTP nu a putut fi folosit" in report.summary()
    first, second, third = rows(session)
    assert first.attempts == 1
    assert first.next_attempt_at == t0 + dt.timedelta(minutes=1)
    assert "ConnectionRefusedError" in first.last_error
    assert (second.attempts, third.attempts) == (0, 0)

    server = start_smtp(Recorder(), port=port)
    report = deliver_due(session, settings, t0 + dt.timedelta(minutes=1))
    assert (report.sent, report.failed, report.pending) == (3, 0, 0)
    assert sorted(item.rcpt_tos[0] for item in server.handler.received) == [
        f"cetatean{index}@example.ro" for index in (1, 2, 3)
    ]
    assert [row.attempts for row in rows(session)] == [2, 1, 1]


def test_a_refused_recipient_does_not_hold_up_the_others(session, start_smtp):
    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    queue_activations(session, 2)

    report = deliver_due(session, settings_for(server.port), soon())

    assert (report.sent, report.failed, report.connection_error) == (1, 1, None)
    refused, sent = rows(session)
    assert refused.status == "retrying"
    assert refused.last_error.startswith("destinatar refuzat: 550")
    assert sent.status == "sent"
    assert [item.rcpt_tos for item in server.handler.received] == [["cetatean2@example.ro"]]


def test_smtp_authentication(session, start_smtp):
    seen = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        seen.append((auth_data.login, auth_data.password))
        # handled=False: aiosmtpd then answers the failure with a 535 itself.
        return AuthResult(success=auth_data.password == b"parola-corecta", handled=False)

    # Loopback only: the test server does not insist on TLS before AUTH.
    server = start_smtp(Recorder(), authenticator=authenticator, auth_require_tls=False)
    queue_activations(session, 1)
    now = soon()

    wrong = settings_for(server.port, username="portal", password="gresita")
    report = deliver_due(session, wrong, now)
    assert (report.sent, report.failed) == (0, 1)
    assert report.connection_error.startswith("535")

    # smtplib sends AUTH in ASCII only: a password with diacritics is a recorded failure,
    # not a crash that would leave the email claimed.
    unencodable = settings_for(server.port, username="portal", password="parolă")
    report = deliver_due(session, unencodable, now + dt.timedelta(minutes=1))
    assert (report.sent, report.failed) == (0, 1)
    assert "UnicodeEncodeError" in report.connection_error

    right = settings_for(server.port, username="portal", password="parola-corecta")
    assert deliver_due(session, right, now + dt.timedelta(minutes=3)).sent == 1
    assert seen[-1] == (b"portal", b"parola-corecta")
    assert len(server.handler.received) == 1


def test_starttls_is_required_when_configured(session, start_smtp):
    # A server without STARTTLS: the email must not go out in clear text.
    server = start_smtp(Recorder())
    queue_activations(session, 1)
    report = deliver_due(session, settings_for(server.port, starttls=True), soon())
    assert (report.sent, report.failed) == (0, 1)
    assert "STARTTLS" in report.connection_error
    assert server.handler.received == []


# --- permanent failures (F9) ----------------------------------------------------------------


def deliver_rounds(session, settings, start, rounds):
    """`rounds` delivery rounds, each when the row is due again; returns the reports."""
    reports, now = [], start
    for _ in range(rounds):
        reports.append(deliver_due(session, settings, now))
        now += dt.timedelta(hours=1)
    return reports


def test_a_550_recipient_is_given_up_after_three_tries_and_not_tried_again(session, start_smtp):
    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    queue_activations(session, 1)
    settings = settings_for(server.port)
    assert settings.permanent_attempts == 3

    t0 = soon()
    first, second, third = deliver_rounds(session, settings, t0, 3)
    assert [report.given_up for report in (first, second, third)] == [0, 0, 1]
    [row] = rows(session)
    assert row.status == "failed"
    assert row.attempts == 3
    assert row.failed_at == t0 + dt.timedelta(hours=2)
    assert row.last_error.startswith("destinatar refuzat: 550 5.1.1")
    assert third.pending == 0
    assert "refuzate definitiv, care nu se mai trimit: 1" in third.summary()

    # Days later: not due, not tried, not counted as waiting.
    report = deliver_due(session, settings, t0 + dt.timedelta(days=3))
    assert (report.sent, report.failed, report.pending) == (0, 0, 0)
    assert server.handler.rcpt_refused == 3
    assert rows(session)[0].attempts == 3


def test_the_number_of_tries_before_giving_up_is_configurable(session, start_smtp):
    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    queue_activations(session, 1)
    settings = smtp_settings_from(
        {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": server.port, "OUTBOX_PERMANENT_ATTEMPTS": "5"}
    )
    deliver_rounds(session, settings, soon(), 4)
    assert rows(session)[0].status == "retrying"
    deliver_rounds(session, settings, soon() + dt.timedelta(days=1), 1)
    assert (rows(session)[0].status, rows(session)[0].attempts) == ("failed", 5)


def test_a_5xx_reply_to_data_is_permanent(session, start_smtp):
    server = start_smtp(Recorder(refuse_first=99, data_refusal="554 5.6.0 Message rejected"))
    queue_activations(session, 1)
    deliver_rounds(session, settings_for(server.port), soon(), 3)
    [row] = rows(session)
    assert row.status == "failed"
    assert row.last_error.startswith("554 5.6.0")


@pytest.mark.parametrize(
    "recorder",
    [
        # Greylisting and a full mailbox: temporary, retried however long it takes.
        lambda: Recorder(refuse_first=99),
        lambda: Recorder(refuse_rcpt={"cetatean1@example.ro"}, rcpt_refusal="450 4.2.1 Busy"),
    ],
    ids=["451 to DATA", "450 to RCPT"],
)
def test_a_4xx_reply_is_retried_for_ever(session, start_smtp, recorder):
    server = start_smtp(recorder())
    queue_activations(session, 1)
    reports = deliver_rounds(session, settings_for(server.port), soon(), 6)
    [row] = rows(session)
    assert (row.status, row.attempts, row.failed_at) == ("retrying", 6, None)
    assert sum(report.given_up for report in reports) == 0
    assert reports[-1].pending == 1


def test_an_unreachable_server_or_a_refused_login_never_fails_an_email(session, start_smtp):
    queue_activations(session, 1)
    deliver_rounds(session, settings_for(free_port()), soon(), 5)
    assert (rows(session)[0].status, rows(session)[0].attempts) == ("retrying", 5)

    # 535 is a 5xx, but about our credentials, not the message: never permanent.
    server = start_smtp(
        Recorder(),
        authenticator=lambda *_: AuthResult(success=False, handled=False),
        auth_require_tls=False,
    )
    wrong = settings_for(server.port, username="portal", password="gresita")
    deliver_rounds(session, wrong, soon() + dt.timedelta(days=1), 5)
    [row] = rows(session)
    assert (row.status, row.attempts) == ("retrying", 10)
    assert row.last_error.startswith("535")


def test_an_address_needing_smtputf8_fails_on_a_relay_without_it(session, start_smtp):
    server = start_smtp(Recorder(), enable_SMTPUTF8=False)
    queue_email(session, to="ionuț@exemplu.ro", template="activation", **activation_context())
    session.commit()
    deliver_rounds(session, settings_for(server.port), soon(), 3)
    [row] = rows(session)
    assert row.status == "failed"
    assert "SMTPNotSupportedError" in row.last_error
    assert server.handler.received == []


def test_an_address_needing_smtputf8_goes_through_a_relay_with_it(session, start_smtp):
    server = start_smtp(Recorder(), enable_SMTPUTF8=True)
    queue_email(session, to="ionuț@exemplu.ro", template="activation", **activation_context())
    session.commit()
    assert deliver_due(session, settings_for(server.port), soon()).sent == 1
    assert server.handler.received[0].rcpt_tos == ["ionuț@exemplu.ro"]


def test_a_domain_with_diacritics_is_sent_as_punycode_to_a_plain_relay(session, start_smtp):
    server = start_smtp(Recorder(), enable_SMTPUTF8=False)
    queue_email(session, to="ana@bucurești.ro", template="activation", **activation_context())
    session.commit()
    assert deliver_due(session, settings_for(server.port), soon()).sent == 1
    [received] = server.handler.received
    assert received.rcpt_tos == ["ana@xn--bucureti-m9c.ro"]
    assert received.message["To"] == "ana@xn--bucureti-m9c.ro"


def test_latest_status_for_gives_the_newest_email_to_an_address(session, start_smtp):
    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    assert latest_status_for(session, "cetatean1@example.ro") is None
    queue_activations(session, 2)
    deliver_rounds(session, settings_for(server.port), soon(), 3)
    failed = latest_status_for(session, " Cetatean1@Example.ro ")
    assert failed.status == "failed"
    assert latest_status_for(session, "cetatean2@example.ro").status == "sent"
    assert latest_status_for(session, "cetatean1@example.ro", templates=("rejection",)) is None

    # A newer email (e.g. re-sent after the citizen gave a new address) is the one reported.
    queue_email(
        session, to="cetatean1@example.ro", template="activation_resent", **activation_context()
    )
    session.commit()
    newest = latest_status_for(session, "cetatean1@example.ro")
    assert (newest.template, newest.status) == ("activation_resent", "pending")


def test_outbox_failures_lists_given_up_emails_and_retry_puts_them_back(
    outbox_app, session, start_smtp
):
    runner = outbox_app.test_cli_runner()
    outbox_app.cli.add_command(outbox_cli)
    result = runner.invoke(args=["outbox", "failures"])
    assert result.exit_code == 0, result.output
    assert "Niciun e-mail refuzat definitiv." in result.output

    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    queue_activations(session, 2)
    deliver_rounds(session, settings_for(server.port), soon(), 3)
    failed = rows(session)[0]

    result = runner.invoke(args=["outbox", "failures"])
    assert result.exit_code == 0, result.output
    assert "E-mailuri refuzate definitiv: 1." in result.output
    assert f"#{failed.id} " in result.output
    assert "cetatean1@example.ro" in result.output
    assert "550 5.1.1" in result.output
    assert "cetatean2@example.ro" not in result.output

    result = runner.invoke(args=["outbox", "retry", str(failed.id), "999"])
    assert result.exit_code == 0, result.output
    assert "E-mailuri puse din nou la trimis: 1 din 2." in result.output
    [row, _] = rows(session)
    assert (row.status, row.attempts) == ("pending", 0)
    server.handler.refuse_rcpt.clear()
    assert deliver_due(session, settings_for(server.port), soon()).sent == 1


# --- parallel senders -----------------------------------------------------------------------


def test_parallel_senders_never_send_an_email_twice(session, new_session, start_smtp):
    # The server takes its time, so both senders are busy at once for most of the run.
    server = start_smtp(Recorder(delay=0.02))
    queue_activations(session, 30)
    settings = settings_for(server.port)
    now = soon()
    start = threading.Barrier(2)
    reports, errors = [], []

    def sender():
        sender_session = new_session()
        try:
            start.wait()
            reports.append(deliver_due(sender_session, settings, now))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sorted(report.sent for report in reports) != [0, 30], "the senders did not overlap"
    assert sum(report.sent for report in reports) == 30
    assert len(server.handler.received) == 30
    assert len(set(server.handler.message_ids())) == 30
    assert {row.status for row in rows(session)} == {"sent"}
    assert {row.attempts for row in rows(session)} == {1}


def test_postgresql_sender_skips_a_locked_row_instead_of_waiting(session, new_session, start_smtp):
    if session.get_bind().dialect.name != "postgresql":
        pytest.skip("FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite uses the claim (next test)")
    server = start_smtp(Recorder())
    first, _, _ = queue_activations(session, 3)

    # Another sender is in the middle of sending the first email: it holds the row lock.
    busy = new_session()
    busy.execute(select(OutboxEmail).where(OutboxEmail.id == first.id).with_for_update())
    sender = new_session()
    # Were the row waited for instead of skipped, this fails after two seconds.
    sender.execute(text("SET lock_timeout = '2s'"))
    sender.commit()

    now = soon()
    report = deliver_due(sender, settings_for(server.port), now)
    assert (report.sent, report.pending) == (2, 1)
    assert [item.rcpt_tos[0] for item in server.handler.received] == [
        "cetatean2@example.ro",
        "cetatean3@example.ro",
    ]

    busy.rollback()
    assert deliver_due(sender, settings_for(server.port), now).sent == 1
    assert len(server.handler.received) == 3


def test_a_claimed_email_is_left_to_its_sender_until_the_claim_lapses(
    session, new_session, start_smtp
):
    server = start_smtp(Recorder())
    first, _ = queue_activations(session, 2)
    now = soon()

    # A sender claims the first email, then dies before sending it.
    crashed = new_session()
    claimed = delivery._claim_leased(crashed, now)
    assert claimed.id == first.id
    crashed.close()

    sender = new_session()
    assert deliver_due(sender, settings_for(server.port), now).sent == 1
    assert [item.rcpt_tos[0] for item in server.handler.received] == ["cetatean2@example.ro"]

    # Once the claim lapses, the email is taken again: not lost.
    assert deliver_due(sender, settings_for(server.port), now + CLAIM_LEASE).sent == 1
    assert len(server.handler.received) == 2
    assert {row.status for row in rows(session)} == {"sent"}


# --- the command line and the worker --------------------------------------------------------


def test_outbox_send_command_prints_a_romanian_summary(outbox_app, session, start_smtp):
    server = start_smtp(Recorder())
    queue_activations(session, 2)
    outbox_app.cli.add_command(outbox_cli)
    runner = outbox_app.test_cli_runner()

    outbox_app.config.update(SMTP_HOST=None)
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "SMTP_HOST nu este configurat" in result.output
    assert "E-mailuri netrimise: 2." in result.output

    outbox_app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=str(server.port), MAIL_FROM=MAIL_FROM)
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "E-mailuri trimise: 2." in result.output
    assert "Rămase de trimis în outbox: 0." in result.output
    assert len(server.handler.received) == 2


def test_worker_keeps_sending_until_stopped(outbox_app, session, start_smtp):
    server = start_smtp(Recorder())
    stop = threading.Event()
    said = []
    worker = threading.Thread(
        target=run_worker,
        args=(outbox_app.extensions["db_sessionmaker"], settings_for(server.port), 0.05, stop),
        kwargs={"echo": said.append},
    )
    worker.start()
    try:
        for batch in (1, 2):
            queue_activations(session, batch)
            deadline = time.monotonic() + 10
            while len(server.handler.received) < {1: 1, 2: 3}[batch]:
                assert time.monotonic() < deadline, "the worker did not send the email"
                time.sleep(0.02)
    finally:
        stop.set()
        worker.join(10)
    assert not worker.is_alive()
    assert len(server.handler.received) == 3
    assert all(line.startswith("E-mailuri trimise:") for line in said)


def test_smtp_settings_from_config_and_environment_strings():
    assert smtp_settings_from({}) == SmtpSettings(host=None)
    settings = smtp_settings_from(
        {
            "SMTP_HOST": "smtp.example.ro",
            "SMTP_PORT": "587",
            "SMTP_USERNAME": "portal",
            "SMTP_PASSWORD": "secret",
            "SMTP_STARTTLS": "true",
            "SMTP_TIMEOUT": "10",
            "MAIL_FROM": "Casa de pensii <noreply@example.ro>",
        }
    )
    assert settings == SmtpSettings(
        "smtp.example.ro",
        587,
        "portal",
        "secret",
        True,
        "Casa de pensii <noreply@example.ro>",
        10.0,
    )
    assert "secret" not in repr(settings)
    assert smtp_settings_from({"SMTP_HOST": "", "SMTP_STARTTLS": "0"}).host is None
    assert smtp_settings_from({"SMTP_STARTTLS": "0"}).starttls is False


# --- the texts ------------------------------------------------------------------------------


def test_activation_email_states_72_hours_and_the_exact_end_in_bucharest_time(outbox_app):
    with outbox_app.app_context():
        winter = render_email("activation", **activation_context())
        # Summer time: 09:30 UTC on 13 July is 12:30 in Bucharest (EEST, UTC+3).
        summer = render_email(
            "activation",
            **activation_context(expires_at=dt.datetime(2026, 7, 13, 9, 30, tzinfo=dt.UTC)),
        )
    for body in (winter.text_body, winter.html_body):
        assert "valabilă 72 de ore" in body
        assert "până pe 25 noiembrie 2026, ora 14:05 (ora României)" in body
        assert "CC-2026-000123" in body
        assert "aprobată la Casa Județeană de Pensii Iași" in body
        assert "Bună ziua, Ștefan," in body
        assert "a expirat" in body
    assert "până pe 13 iulie 2026, ora 12:30" in summer.text_body


def test_the_other_emails_stay_romanian_whatever_language_the_request_is_in(outbox_app):
    """Only the pensioner's life-certificate e-mails are translated: an e-mail queued from a page
    that follows another language (the life certificate in Italian) keeps the Romanian layout;
    the same layout in a life-certificate e-mail asked in Italian reads Italian."""
    from flask import session
    from flask_babel import get_locale

    with outbox_app.test_request_context("/certificat-de-viata/"):
        session["limba"] = "it"
        assert str(get_locale()) == "it"  # the request itself is in Italian
        romanian = render_email("activation", **activation_context())
        italian = render_email(
            "life_certificate_accepted",
            language="it",
            name="Ana Rossi",
            reference="CV-2026-000001",
            received_on="4 dicembre 2026",
            house="Casa Județeană de Pensii Iași",
            reason=None,
            status_link="http://localhost/certificat-de-viata/trimitere/stadiu/x",
        )
    for body in (romanian.text_body, romanian.html_body):
        assert "Bună ziua, Ștefan," in body and "Cu stimă," in body
        assert "Pentru întrebări:" in body and "trimis automat" in body
    assert '<html lang="ro">' in romanian.html_body
    assert italian.subject == "Il certificato di esistenza in vita CV-2026-000001 è stato accettato"
    for body in (italian.text_body, italian.html_body):
        assert "Buongiorno Ana Rossi," in body and "Cordiali saluti," in body
        assert "Bună ziua" not in body and "Pentru întrebări" not in body
    assert '<html lang="it">' in italian.html_body


def test_activation_resent_email_says_it_is_a_new_link(outbox_app):
    with outbox_app.app_context():
        rendered = render_email("activation_resent", **activation_context())
    assert rendered.subject == "O nouă legătură de activare pe Portal pensii"
    assert "nouă legătură de activare" in rendered.text_body
    assert "până pe 25 noiembrie 2026, ora 14:05" in rendered.text_body


def test_rejection_email_gives_the_reason_as_written_and_escapes_it_in_html(outbox_app):
    reason = "Actul de identitate <b>expirat</b> & semnătura lipsă.\nAduceți buletinul nou."
    with outbox_app.app_context():
        rendered = render_email(
            "rejection",
            name="Ana",
            reference="CC-2026-000124",
            office="Casa de Pensii a Municipiului București",
            reason=reason,
        )
    assert rendered.subject == "Cererea CC-2026-000124 a fost respinsă"
    assert reason in rendered.text_body
    assert "respinsă la Casa de Pensii a Municipiului București" in rendered.text_body
    assert "<b>" not in rendered.html_body
    assert "&lt;b&gt;expirat&lt;/b&gt; &amp; semnătura lipsă." in rendered.html_body
    assert "<p>Aduceți buletinul nou.</p>" in rendered.html_body
    assert "cerere nouă" in rendered.text_body


def test_password_reset_email_states_one_hour_and_says_to_ignore_it_if_not_asked(outbox_app):
    with outbox_app.app_context():
        rendered = render_email(
            "password_reset",
            link="https://portal-pensii.ro/parola/xyz",
            expires_at=dt.datetime(2026, 11, 22, 13, 5, tzinfo=dt.UTC),
        )
    for body in (rendered.text_body, rendered.html_body):
        assert "valabilă o oră, " in body
        assert "până pe 22 noiembrie 2026, ora 15:05" in body
        assert "Dacă nu ați cerut dumneavoastră schimbarea parolei, ignorați acest mesaj" in body
    assert rendered.text_body.startswith("Bună ziua,\n")


@pytest.mark.parametrize(
    "template", ["activation", "activation_resent", "rejection", "password_reset"]
)
def test_emails_are_valid_html_and_use_comma_below_diacritics(outbox_app, template):
    context = activation_context(reason="Motiv.", start_link="https://portal-pensii.ro/cont/")
    with outbox_app.app_context():
        rendered = render_email(template, **context)
    html5lib.HTMLParser(strict=True).parse(rendered.html_body)
    for body in (rendered.subject, rendered.text_body, rendered.html_body):
        assert not CEDILLA.search(body)
        assert "\r" not in body
    assert "\n" not in rendered.subject
    assert "  " not in rendered.text_body


def test_email_templates_say_dumneavoastra_and_all_end_with_the_contact_line():
    # m3: no "dvs." abbreviation; every email goes through the layout with "Pentru întrebări".
    for path in EMAIL_TEMPLATES.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bdvs\b", text, re.IGNORECASE), path.name
        if path.name.startswith(("layout.", "_")):
            continue
        assert re.search(r'{% extends "emails/(layout|activation)\.(txt|html)" %}', text), path.name
    for name in ("layout.txt", "layout.html"):
        assert "Pentru întrebări:" in (EMAIL_TEMPLATES / name).read_text(encoding="utf-8")


def test_contact_line_names_the_house_the_operator_and_the_contact_page(outbox_app):
    context = activation_context(house_code="DB")
    with outbox_app.app_context():
        bare = render_email("activation", **activation_context())
        with_house = render_email("activation", **context)
        outbox_app.config.update(
            OPERATOR_NAME="Casa Națională de Pensii Publice",
            OPERATOR_EMAIL="contact@exemplu.ro",
            OPERATOR_PHONE="021 000 00 00",
        )
        with_operator = render_email("activation", **context)
    for rendered in (bare, with_house, with_operator):
        for body in (rendered.text_body, rendered.html_body):
            assert "Pentru întrebări:" in body
            assert "http://localhost/contact" in body
    assert "0374.491.199" not in bare.text_body
    for body in (with_house.text_body, with_house.html_body):
        assert "casadepensiidambovita@cnpp.ro" in body and "0374.491.199" in body
    assert "care administrează site-ul" not in with_house.text_body
    assert (
        "- Casa Națională de Pensii Publice, care administrează site-ul: e-mail contact@exemplu.ro, "
        "telefon 021 000 00 00" in with_operator.text_body
    )
    # A house whose contacts are not confirmed (`none found`) adds nothing invented.
    with outbox_app.app_context():
        cluj = render_email("activation", **activation_context(house_code="CJ"))
    assert "Casa Județeană de Pensii Cluj:" not in cluj.text_body


def test_email_templates_have_no_cedilla():
    for path in EMAIL_TEMPLATES.iterdir():
        assert not CEDILLA.search(path.read_text(encoding="utf-8")), path.name


# --- the development page -------------------------------------------------------------------


def app_with_dev_page(migrated, monkeypatch, env_name: str, **config):
    # Development and production read SECRET_KEY from the environment (development would
    # otherwise write one into instance/).
    monkeypatch.setenv("SECRET_KEY", "cheie-de-test-" + "x" * 32)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://localhost")
    local = shared_state(monkeypatch)
    app = create_app({"ENV_NAME": env_name, "DATABASE_URL": migrated, **local, **config})
    # Registered here whatever the factory decided, to test the page's own refusal.
    if dev_emails_bp.name not in app.blueprints:
        app.register_blueprint(dev_emails_bp)
    return app


def test_dev_page_lists_the_outbox_newest_first(session, migrated, monkeypatch, start_smtp):
    server = start_smtp(Recorder(refuse_first=1))
    queue_activations(session, 1)
    deliver_due(session, settings_for(server.port), soon())
    queue_email(
        session,
        to="ana@example.ro",
        template="rejection",
        name="Ana",
        reference="CC-2026-000124",
        office="Casa de Pensii a Municipiului București",
        reason="Lipsește <semnătura>.",
    )
    session.commit()

    app = app_with_dev_page(migrated, monkeypatch, "development")
    try:
        page = PageClient(app.test_client()).get_page("/dezvoltare/emailuri")
    finally:
        app.extensions["db_engine"].dispose()

    assert page.h1.get_text(strip=True) == "E-mailuri din outbox"
    cards = page.select("section.summary-card")
    assert [card.h2.get_text(strip=True) for card in cards] == [
        "Cererea CC-2026-000124 a fost respinsă",
        "Activați contul pe Portal pensii",
    ]
    rejection, activation = (card.get_text(" ", strip=True) for card in cards)
    assert "ana@example.ro" in rejection
    assert "Netrimis (în outbox)" in rejection
    assert "Lipsește <semnătura>." in rejection
    assert "cetatean1@example.ro" in activation
    assert "Netrimis după o încercare" in activation
    assert "451 4.3.0" in activation
    # The link in the text body can be followed from the page.
    assert cards[1].find("a", href="https://portal-pensii.ro/activare/abc.def?x=1&y=2")


@pytest.mark.parametrize(
    ("env_name", "config"),
    [("testing", {}), ("production", {}), ("development", {"SMTP_HOST": "smtp.example.ro"})],
)
def test_dev_page_is_refused_outside_development_without_smtp(
    session, migrated, monkeypatch, env_name, config
):
    queue_activations(session, 1)
    app = app_with_dev_page(migrated, monkeypatch, env_name, **config)
    try:
        response = PageClient(app.test_client()).get("/dezvoltare/emailuri", expected_status=404)
    finally:
        app.extensions["db_engine"].dispose()
    assert "cetatean1@example.ro" not in soup(response).get_text()


def test_dev_page_init_app_registers_it_only_in_development_without_smtp(migrated, monkeypatch):
    from webapp.outbox.dev_page import init_app

    monkeypatch.setenv("SECRET_KEY", "cheie-de-test-" + "x" * 32)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://localhost")
    local = shared_state(monkeypatch)
    for env_name, config, registered in [
        ("development", {}, True),
        ("development", {"SMTP_HOST": "smtp.example.ro"}, False),
        ("testing", {}, False),
        ("production", {}, False),
    ]:
        app = create_app({"ENV_NAME": env_name, "DATABASE_URL": migrated, **local, **config})
        init_app(app)  # the factory calls it too: calling it again must be harmless
        assert ("dev_emails" in app.blueprints) is registered, (env_name, config)
        app.extensions["db_engine"].dispose()


def test_dev_page_shows_a_given_up_email_as_failed(session, migrated, monkeypatch, start_smtp):
    server = start_smtp(Recorder(refuse_rcpt={"cetatean1@example.ro"}))
    queue_activations(session, 1)
    deliver_rounds(session, settings_for(server.port), soon(), 3)

    app = app_with_dev_page(migrated, monkeypatch, "development")
    try:
        page = PageClient(app.test_client()).get_page("/dezvoltare/emailuri")
    finally:
        app.extensions["db_engine"].dispose()
    [card] = page.select("section.summary-card")
    text = card.get_text(" ", strip=True)
    assert "Nu a putut fi trimis: refuzat definitiv după 3 încercări, nu se mai încearcă" in text
    assert "550 5.1.1" in text
