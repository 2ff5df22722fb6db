"""Delivering due outbox rows over SMTP.

At least once, never twice at the same time: each row is taken by one sender only, with the
claim shared with the background jobs (webapp/queueing.py: FOR UPDATE SKIP LOCKED on
PostgreSQL, an atomic UPDATE on SQLite, and a lease of CLAIM_LEASE that lapses if the sender
dies, so the email is then taken again). A crash between the SMTP server accepting a message
and the row being marked sent can still send it again later; the Message-ID stays the same, so
mail clients can recognise the duplicate.

A failed attempt is recorded on the row (attempts, last_error) and the row is tried again after
1, 2, 4 … minutes, at most an hour apart. Temporary trouble (4xx replies, an unreachable server,
a refused login) is retried for as long as it lasts. A permanent refusal of the message itself
(a 5xx reply, an address the relay cannot carry without SMTPUTF8) is tried a few times, in case
the server was wrong, then the row is marked failed and no longer tried (F9): `flask outbox
failures` lists such rows, `flask outbox retry` puts them back.
"""

import contextlib
import logging
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from webapp import queueing
from webapp.logging_setup import correlated
from webapp.metrics import EMAIL_FAILURES, EMAILS_SENT
from webapp.models import OutboxEmail

log = logging.getLogger(__name__)

DEFAULT_MAIL_FROM = "Portal pensii <nu-raspundeti@portal-pensii.ro>"
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# Longer than any single send can take with the socket timeouts below (connect, EHLO,
# STARTTLS, AUTH and DATA each bounded by SMTP_TIMEOUT).
CLAIM_LEASE = timedelta(minutes=10)
BATCH_LIMIT = 200
# Tries before a permanently refused email is given up (OUTBOX_PERMANENT_ATTEMPTS).
PERMANENT_ATTEMPTS = 3
QUEUE = queueing.Queue(
    OutboxEmail,
    finished="sent_at",
    not_before="next_attempt_at",
    lease=CLAIM_LEASE,
    first_retry=FIRST_RETRY,
    longest_retry=LONGEST_RETRY,
)


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None
    port: int = 25
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = False
    mail_from: str = DEFAULT_MAIL_FROM
    timeout: float = 30.0
    permanent_attempts: int = PERMANENT_ATTEMPTS
    # The first wait after a failed attempt (OUTBOX_FIRST_RETRY_SECONDS), doubled each time.
    first_retry: timedelta = FIRST_RETRY


def smtp_settings_from(config: Mapping) -> SmtpSettings:
    """From the Flask config (or any mapping); strings from the environment are accepted too."""
    return SmtpSettings(
        host=(config.get("SMTP_HOST") or None),
        port=int(config.get("SMTP_PORT") or 25),
        username=config.get("SMTP_USERNAME") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=_flag(config.get("SMTP_STARTTLS", False)),
        mail_from=config.get("MAIL_FROM") or DEFAULT_MAIL_FROM,
        timeout=float(config.get("SMTP_TIMEOUT") or 30),
        permanent_attempts=int(config.get("OUTBOX_PERMANENT_ATTEMPTS") or PERMANENT_ATTEMPTS),
        first_retry=timedelta(
            seconds=float(config.get("OUTBOX_FIRST_RETRY_SECONDS") or FIRST_RETRY.total_seconds())
        ),
    )


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on", "da")
    return bool(value)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    # Of the failed ones, those given up now (a permanent refusal, tried often enough).
    given_up: int = 0
    # Unsent rows left in the outbox afterwards, due or not.
    pending: int = 0
    # No SMTP_HOST: nothing was attempted.
    disabled: bool = False
    # The server could not be reached or dropped the connection; the batch stopped there.
    connection_error: str | None = None

    def summary(self) -> str:
        if self.disabled:
            return (
                "SMTP_HOST nu este configurat: e-mailurile rămân în outbox și nu se trimit. "
                f"E-mailuri netrimise: {self.pending}."
            )
        lines = [
            f"E-mailuri trimise: {self.sent}. Netrimise acum (se reîncearcă automat): "
            f"{self.failed - self.given_up}. Rămase de trimis în outbox: {self.pending}."
        ]
        if self.given_up:
            lines.append(
                f"E-mailuri refuzate definitiv, care nu se mai trimit: {self.given_up} "
                "(flask --app wsgi outbox failures)."
            )
        if self.connection_error:
            lines.append(f"Serverul SMTP nu a putut fi folosit: {self.connection_error}")
        return "\n".join(lines)


def retry_delay(attempts: int) -> timedelta:
    """The wait after the given number of failed attempts: 1, 2, 4 … minutes, at most an hour."""
    return queueing.backoff(QUEUE, attempts)


def deliver_due(
    session: Session, smtp_settings: SmtpSettings, now: datetime, limit: int = BATCH_LIMIT
) -> DeliveryReport:
    """Send the rows due at `now`, at most `limit`. Commits on `session` after each row."""
    now = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    report = DeliveryReport()
    queue = replace(QUEUE, first_retry=smtp_settings.first_retry)
    if not smtp_settings.host:
        report.disabled = True
        report.pending = _count_pending(session)
        return report

    connection = _Connection(smtp_settings)
    try:
        for _ in range(limit):
            email = _claim_leased(session, now)
            if email is None:
                break
            # The delivery's lines carry the id of the request (or job) that queued the email.
            with correlated(email.correlation_id):
                outcome = _deliver(session, connection, email, smtp_settings, now, report, queue)
            if outcome.connection_lost:
                report.connection_error = outcome.error
                break
    finally:
        connection.close()
    report.pending = _count_pending(session)
    session.commit()
    return report


def _deliver(
    session: Session,
    connection: "_Connection",
    email: OutboxEmail,
    smtp_settings: SmtpSettings,
    now: datetime,
    report: DeliveryReport,
    queue: queueing.Queue = QUEUE,
) -> "_Outcome":
    """Sends one claimed email and records the outcome on its row (committed)."""
    try:
        message = _build_message(email, smtp_settings, now)
    except Exception as exc:
        # A row Python cannot turn into a message must not stop the queue.
        outcome = _Outcome(_describe(exc))
    else:
        outcome = connection.send(message, envelope_address(email.recipient))
    error = outcome.error
    if error is None:
        email.claimed_until = None
        email.sent_at = now
        report.sent += 1
        EMAILS_SENT.inc()
        log.info("outbox email %s (%s) sent, attempt %s", email.id, email.template, email.attempts)
    else:
        queueing.retry_later(queue, email, error, now)
        report.failed += 1
        if outcome.permanent and email.attempts >= smtp_settings.permanent_attempts:
            queueing.give_up(email, now)
            report.given_up += 1
            EMAIL_FAILURES.labels("given_up").inc()
            # ERROR, not WARNING: an operator's log alerting should pick this up.
            log.error(
                "outbox email %s (%s) given up after %s attempts: %s",
                email.id,
                email.template,
                email.attempts,
                error,
            )
        else:
            EMAIL_FAILURES.labels("retry").inc()
            log.warning(
                "outbox email %s not sent (attempt %s): %s", email.id, email.attempts, error
            )
    # Commit per row: makes "sent" durable as soon as possible, which keeps the
    # resend-after-crash window small.
    session.commit()
    return outcome


def _claim_leased(session: Session, now: datetime) -> OutboxEmail | None:
    """The next due email, claimed for CLAIM_LEASE with its attempt counted (committed)."""
    return queueing.claim(session, QUEUE, now)


def _count_pending(session: Session) -> int:
    return queueing.count_pending(session, QUEUE)


def _build_message(email: OutboxEmail, settings: SmtpSettings, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = envelope_address(email.recipient)
    message["Subject"] = email.subject
    message["Date"] = format_datetime(now)
    domain = _sender_address(settings).rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<{email.message_uid}@{domain}>"
    # Quoted-printable keeps the diacritics intact through servers without 8BITMIME and
    # leaves the source readable.
    message.set_content(email.text_body, charset="utf-8", cte="quoted-printable")
    message.add_alternative(
        email.html_body, subtype="html", charset="utf-8", cte="quoted-printable"
    )
    return message


def _sender_address(settings: SmtpSettings) -> str:
    return parseaddr(settings.mail_from)[1] or settings.mail_from


def envelope_address(address: str) -> str:
    """The address with an internationalised domain in its ASCII (punycode) form, which every
    relay carries; a non-ASCII part before the @ still needs SMTPUTF8 and is left as it is."""
    if address.isascii():
        return address
    try:
        result = validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError:
        return address
    return f"{address.rpartition('@')[0]}@{result.ascii_domain}"


@dataclass(frozen=True)
class _Outcome:
    """What became of one message: error None when sent."""

    error: str | None = None
    # The connection is unusable for the rest of the batch.
    connection_lost: bool = False
    # The server refused this message for good (5xx, SMTPUTF8 needed); retrying will not help.
    permanent: bool = False


class _Connection:
    """One SMTP session for a batch, opened at the first email."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None

    def send(self, message: EmailMessage, recipient: str) -> _Outcome:
        try:
            smtp = self._open()
        except Exception as exc:
            # Unreachable server, refused login, no STARTTLS, a password smtplib cannot encode
            # (it sends AUTH in ASCII only): no email can go on this connection, and none of
            # this is the message's fault, so it is never permanent.
            return _Outcome(_describe(exc), connection_lost=True)
        try:
            smtp.send_message(
                message, from_addr=_sender_address(self.settings), to_addrs=[recipient]
            )
        except smtplib.SMTPServerDisconnected as exc:
            self._discard()
            return _Outcome(_describe(exc), connection_lost=True)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            return _Outcome(_describe(exc), permanent=bool(codes) and all(map(_is_5xx, codes)))
        except smtplib.SMTPResponseException as exc:
            # 421: the server is closing the connection. Other replies (451, 550 …) concern
            # this message only; smtplib has already reset the transaction. This covers
            # SMTPSenderRefused and SMTPDataError.
            lost = exc.smtp_code == 421
            if lost:
                self._discard()
            return _Outcome(_describe(exc), connection_lost=lost, permanent=_is_5xx(exc.smtp_code))
        except smtplib.SMTPNotSupportedError as exc:
            # An address that needs SMTPUTF8 on a relay that does not offer it.
            return _Outcome(_describe(exc), permanent=True)
        except smtplib.SMTPException as exc:
            return _Outcome(_describe(exc))
        except OSError as exc:
            # SMTPException derives from OSError, hence this order: here only socket errors.
            self._discard()
            return _Outcome(_describe(exc), connection_lost=True)
        except Exception as exc:
            # Whatever else this one message trips on, the others still go.
            return _Outcome(_describe(exc))
        return _Outcome()

    def _open(self) -> smtplib.SMTP:
        if self.smtp is None:
            s = self.settings
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            try:
                smtp.ehlo()
                if s.starttls:
                    # Never falls back to plain text: without STARTTLS this raises.
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if s.username:
                    smtp.login(s.username, s.password or "")
            except BaseException:
                smtp.close()
                raise
            self.smtp = smtp
        return self.smtp

    def _discard(self) -> None:
        if self.smtp is not None:
            self.smtp.close()
            self.smtp = None

    def close(self) -> None:
        if self.smtp is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.smtp.quit()
            self._discard()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refusals = "; ".join(f"{code} {_text(reply)}" for code, reply in exc.recipients.values())
        return f"destinatar refuzat: {refusals}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _is_5xx(code: int) -> bool:
    return 500 <= code < 600


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
