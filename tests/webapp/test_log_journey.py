"""A whole journey, logged as production logs it (JSON, the app's own handler and cleaning
filter) with every logger at DEBUG and SQLAlchemy's statements at INFO: the account request,
the counter's search by CNP, registration and approval, the activation e-mail delivered over
SMTP, the password set, sign-in, a password reset asked for, a petition, a career report made by
the worker and its e-mail delivered. Then every captured line is searched for the CNPs, the
passwords, every token the journey handed out (CSRF tokens, session cookies, the links'
tokens) and the e-mail bodies; and the worker's lines about the report carry the request id of
the request that asked for it.

SQLAlchemy's statements are on (their parameters are hidden by the engine, webapp/db.py) so
that a statement carrying a value would be caught; werkzeug's request lines do not exist under
the test client (gunicorn's access log is off in production: webapp/request_log.py replaces it).
"""

import datetime as dt
import logging
import re

from sqlalchemy import select

from tests import builders
from tests.builders import (
    CLI_STAFF_PASSWORD,
    career_record_for_reports,
    career_rows_for_reports,
    create_staff,
    enrol_known_secret,
    find,
    post_action,
    register_data,
    sign_in,
    sign_in_staff_through_pages,
    stored,
    submit_request,
)
from tests.log_capture import captured_logs
from tests.page_checks import PageClient
from tests.smtp_server import Recorder
from webapp import worker
from webapp.models import BackgroundJob, OutboxEmail
from webapp.outbox.delivery import SmtpSettings

CITIZEN_PASSWORD = "Jurnal-Parola-2026x"
PERSON_CNP = builders.natural_person_row()["cnp"]
EMAIL = builders.identity()["email"]
# itsdangerous tokens (payload.timestamp.signature), as they appear in links and forms.
SIGNED = re.compile(r"\.?[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}")
CSRF_FIELD = re.compile(
    r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)
LINK = re.compile(r"https?://[^\s<>\"]+")


class Seen:
    """Every token the site hands out while the journey runs: CSRF fields and cookies."""

    def __init__(self, app):
        self.tokens: set[str] = set()
        app.after_request(self.keep)

    def keep(self, response):
        for header in response.headers.getlist("Set-Cookie"):
            value = header.split(";", 1)[0].partition("=")[2]
            if len(value) >= 16:
                self.tokens.add(value)
        if response.mimetype == "text/html" and not response.direct_passthrough:
            for match in CSRF_FIELD.finditer(response.get_data(as_text=True)):
                self.tokens.add(match.group(1) or match.group(2))
        return response


def run_worker_round(app, server, later=dt.timedelta(seconds=1), failed=0):
    """One round of the worker (jobs, then e-mails) as if `later` had passed."""
    settings = SmtpSettings(host="127.0.0.1", port=server.port, timeout=10)
    make_session = app.extensions["db_sessionmaker"]
    with app.app_context():
        now = dt.datetime.now(dt.UTC) + later
        report = worker.run_round(make_session, settings, now, None, echo=lambda _line: None)
    assert report.delivery.failed == failed, report.delivery.summary()
    return report


def bodies_to(recorder, address):
    found = []
    for item in recorder.received:
        if address in item.rcpt_tos:
            message = item.message
            found.append(message.get_body(("plain",)).get_content())
    return found


def test_a_whole_journey_logs_no_cnp_password_token_or_email_body(app, start_smtp, monkeypatch):
    # The relay (aiosmtpd, in this process only for the test) logs every DATA line at DEBUG:
    # the mail server's log, not the site's; in production it is another program.
    monkeypatch.setattr(logging.getLogger("mail.log"), "level", logging.WARNING)
    # The relay turns the first e-mail away with the address in its reply, which the delivery
    # logs: the line must keep only a masked address.
    recorder = Recorder(refuse_first=1, data_refusal=f"451 4.2.2 <{EMAIL}> mailbox busy")
    server = start_smtp(recorder)
    seen = Seen(app)
    with captured_logs(app, level="DEBUG", sql=True) as logs:
        citizen = PageClient(app.test_client())
        submitted = submit_request(citizen, builders.natural_person(0))
        assert submitted.status_code == 303
        reference = submitted.headers["Location"].rsplit("/", 1)[1]

        registrar_member = create_staff(app)
        approver_member = create_staff(app, email="coleg@cjpcluj.ro")
        session = app.extensions["db_sessionmaker"]()
        for member in (registrar_member, approver_member):
            enrol_known_secret(session, member)
        session.close()
        registrar, approver = PageClient(app.test_client()), PageClient(app.test_client())
        for client, member in ((registrar, registrar_member), (approver, approver_member)):
            step = sign_in_staff_through_pages(app, client, member.email, CLI_STAFF_PASSWORD)
            assert step.status_code == 303, step.get_data(True)[:2000]
        assert reference in find(registrar, builders.APPLICANT_CNP).get_data(as_text=True)
        post_action(
            registrar,
            reference,
            "inregistrare",
            expected_status=303,
            **register_data(persons_seen="0"),
        )
        approved = post_action(approver, reference, "aprobare", expected_status=303)
        run_worker_round(app, server, failed=1)

        (activation,) = [body for body in bodies_to(recorder, EMAIL) if "/cont/activare/" in body]
        link = next(url for url in LINK.findall(activation) if "/cont/activare/" in url)
        page = citizen.get_page(link)
        token = page.find("input", {"name": "csrf_token"})["value"]
        citizen.post(
            link, data={"csrf_token": token, "password": CITIZEN_PASSWORD}, expected_status=303
        )
        browser = PageClient(app.test_client())
        sign_in(browser, EMAIL, CITIZEN_PASSWORD, expected_status=303)

        stranger = PageClient(app.test_client())
        token = stranger.csrf_token("/parola-uitata")
        stranger.post("/parola-uitata", data={"csrf_token": token, "email": EMAIL})

        send_petition(browser)

        session = app.extensions["db_sessionmaker"]()
        career_rows_for_reports(session, career_record_for_reports(builders.APPLICANT_CNP))
        session.close()
        token = browser.csrf_token("reports.index")
        asked = browser.post(
            "reports.ask",
            data={"csrf_token": token, "kind": "puncte_anuale", "person": "0"},
            expected_status=303,
        )
        run_worker_round(app, server)
        # The report's e-mail was queued after the round's moment: the next round sends it,
        # and the one turned away, retried after a minute.
        run_worker_round(app, server, later=dt.timedelta(minutes=2))

    bodies = bodies_to(recorder, EMAIL)
    # The e-mail turned away at first arrived on its retry.
    assert any("Am primit cererea" in body for body in bodies), bodies
    (refused,) = [r for r in logs.of("webapp.outbox.delivery") if r["level"] == "WARNING"]
    assert "451 4.2.2 <a***@example.ro> mailbox busy" in refused["message"], refused
    assert any("/contul-meu/rapoarte/" in body for body in bodies), bodies
    assert any("/parola-noua/" in body for body in bodies), bodies
    records = logs.records()
    text = logs.text

    # What the journey handed out, and must be nowhere in the logs.
    tokens = seen.tokens | {match.group(0) for body in bodies for match in SIGNED.finditer(body)}
    assert len(tokens) > 10, tokens
    secrets = {
        "CNP": [builders.APPLICANT_CNP, PERSON_CNP],
        "password": [CITIZEN_PASSWORD, CLI_STAFF_PASSWORD],
        "address": [EMAIL, registrar_member.email, approver_member.email],
        "token": sorted(tokens),
        # Each line of an e-mail long enough to say something of its own.
        "e-mail body": sorted(
            {line.strip() for b in bodies for line in b.splitlines() if len(line.strip()) >= 30}
        ),
    }
    leaks = {kind: [value for value in values if value in text] for kind, values in secrets.items()}
    assert leaks == {kind: [] for kind in secrets}, leaks

    # The capture saw everything: requests, SQL, the worker's jobs and deliveries.
    loggers = {record["logger"] for record in records}
    assert {"webapp.request", "webapp.jobs", "webapp.outbox.delivery"} <= loggers, loggers
    assert any(name.startswith("sqlalchemy.engine") for name in loggers), loggers
    for record in records:
        assert {"time", "level", "logger", "message", "pid", "instance"} <= record.keys()
    request_lines = logs.of("webapp.request")
    endpoints = {r.get("endpoint") for r in request_lines}
    assert {"counter.search", "activation.set_password", "petitions.check", "reports.ask"} <= (
        endpoints
    )
    # The URL rule, not the path: the references in the counter's paths are not in the lines.
    assert "/ghiseu/cerere/<reference>/aprobare" in {r["route"] for r in request_lines}
    assert not [r for r in request_lines if reference in str(r)]

    # The report: asked for by one request, made by the worker, e-mailed: one request id.
    asked_id = asked.headers["X-Request-ID"]
    (ask_line,) = [r for r in logs.of("webapp.request") if r.get("endpoint") == "reports.ask"]
    assert ask_line["correlation_id"] == asked_id and ask_line["status"] == 303
    assert [ask_line["route"]] == [rule.rule for rule in app.url_map.iter_rules("reports.ask")]
    (job,) = stored(app, BackgroundJob, BackgroundJob.kind == "career_report")
    assert job.correlation_id == asked_id
    (job_line,) = [
        r for r in logs.of("webapp.jobs") if f"job {job.id} (career_report) done" in r["message"]
    ]
    assert job_line["correlation_id"] == asked_id
    (email,) = stored(app, OutboxEmail, OutboxEmail.template == "notification_report_ready")
    assert email.correlation_id == asked_id
    (sent_line,) = [
        r for r in logs.of("webapp.outbox.delivery") if f"email {email.id} (" in r["message"]
    ]
    assert sent_line["correlation_id"] == asked_id and "sent" in sent_line["message"]
    # The activation e-mail carries the approving request's id, into its delivery.
    session = app.extensions["db_sessionmaker"]()
    activation_row = session.scalars(
        select(OutboxEmail).where(OutboxEmail.template == "activation")
    ).one()
    session.close()
    assert activation_row.correlation_id == approved.headers["X-Request-ID"]
    (activation_sent,) = [
        r
        for r in logs.of("webapp.outbox.delivery")
        if f"email {activation_row.id} (activation) sent" in r["message"]
    ]
    assert activation_sent["correlation_id"] == approved.headers["X-Request-ID"]


def send_petition(client):
    def step(endpoint, **answers):
        data = {"csrf_token": client.csrf_token(endpoint), **answers}
        client.post(endpoint, data=data, expected_status=303)

    step("petitions.who", person="0")
    step("petitions.about", category="plata", county_code="CJ")
    step(
        "petitions.text",
        subject="Plata pe noiembrie",
        text=f"Bună ziua, CNP-ul meu este {builders.APPLICANT_CNP}; plata nu a venit.",
    )
    step("petitions.check")
