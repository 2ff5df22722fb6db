"""Database models, every table (the outbox's included). The answers of a request are kept whole
as JSON; the columns that are searched or constrained (reference, CNP, email, status, county) are
kept beside them."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.db import Base, UtcDateTime

LAST_ERROR_MAX = 500
CORRELATION_ID_MAX = 64
_PENDING = text("sent_at IS NULL AND failed_at IS NULL")
_UNFINISHED_JOB = text("done_at IS NULL AND failed_at IS NULL")
# domain.account_requests.OPEN_STATUSES, as the partial index of the queue's default view needs it.
_OPEN_REQUEST = text("status IN ('submitted', 'registered')")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _new_message_uid() -> str:
    return uuid.uuid4().hex


class AccountRequest(Base):
    __tablename__ = "account_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    cnp: Mapped[str] = mapped_column(String(13), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    office_code: Mapped[str] = mapped_column(String(2))
    answers: Mapped[dict] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Filled in at the counter.
    registration_number: Mapped[str | None] = mapped_column(String(40))
    registered_on: Mapped[date | None] = mapped_column(Date)
    registered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    registered_county: Mapped[str | None] = mapped_column(String(2))
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    checklist: Mapped[dict | None] = mapped_column(JSON)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    rejection_reason: Mapped[str | None] = mapped_column(Text)

    registered_by: Mapped["StaffMember | None"] = relationship(foreign_keys=[registered_by_id])
    decided_by: Mapped["StaffMember | None"] = relationship(foreign_keys=[decided_by_id])
    account: Mapped["CitizenAccount | None"] = relationship(back_populates="request")

    @property
    def full_name(self) -> str:
        return f"{self.answers['last_name']} {self.answers['first_name']}"

    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'registered', 'approved', 'rejected', 'expired')",
            name="status",
        ),
        # Several open requests for one CNP or email are allowed on purpose (F11): a stranger
        # who types a pensioner's CNP must not block the pensioner's own request. The counter
        # sees the others and resolves them; approval refuses a CNP that already has an account.
        # The counter's queue (webapp/counter/queries.py queue_page, migration 0013): the own
        # county's part (by status, and every status), then the others' (one status, the open
        # ones of the default view, every status), each in submission order; office_code last
        # in the others' so the page's ids come from the index alone.
        Index("ix_account_requests_county_queue", "office_code", "status", "submitted_at", "id"),
        Index("ix_account_requests_county_submitted", "office_code", "submitted_at", "id"),
        Index("ix_account_requests_status_queue", "status", "submitted_at", "id", "office_code"),
        Index(
            "ix_account_requests_open_queue",
            "submitted_at",
            "id",
            "office_code",
            postgresql_where=_OPEN_REQUEST,
            sqlite_where=_OPEN_REQUEST,
        ),
        Index("ix_account_requests_submitted", "submitted_at", "id", "office_code"),
    )


class ReferenceCounter(Base):
    """The last reference number handed out in a year."""

    __tablename__ = "reference_counters"

    prefix: Mapped[str] = mapped_column(String(4), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """Answers typed so far, exactly as typed, so that nothing is lost between pages."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    journey: Mapped[str] = mapped_column(String(30))
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow, index=True
    )
    # Set in the submitting transaction, so that a retried submission after a lost response
    # shows the same confirmation instead of a second request (F13).
    submitted_reference: Mapped[str | None] = mapped_column(String(20))


STAFF_ROLES = ("clerk", "supervisor")


class StaffMember(Base):
    """A clerk or supervisor of a county pension house; created only from the command line."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    county_code: Mapped[str] = mapped_column(String(2))
    role: Mapped[str] = mapped_column(String(20), default="clerk")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Second factor (TOTP, RFC 6238). The last accepted time step stops a code being replayed.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # Hashes of the unused one-time recovery codes.
    recovery_codes: Mapped[list | None] = mapped_column(JSON)

    __table_args__ = (CheckConstraint("role IN ('clerk', 'supervisor')", name="role"),)

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


class CitizenAccount(Base):
    """Created when a request is approved; it has no password until the activation link is used."""

    __tablename__ = "citizen_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("account_requests.id"), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    request: Mapped[AccountRequest] = relationship(back_populates="account")


class AuditEvent(Base):
    """What staff did. Only ever inserted: the site has no way to change or delete a row."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("account_requests.id"), index=True)
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict] = mapped_column(JSON, default=dict)

    staff: Mapped[StaffMember] = relationship()
    request: Mapped[AccountRequest | None] = relationship()


class AuthSession(Base):
    """A signed-in session, kept on the server so that signing out ends it everywhere (F4).

    The cookie carries a random token; only its SHA-256 is stored, so a copy of the database
    does not give working sessions.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_kind: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)

    __table_args__ = (Index("ix_auth_sessions_user", "user_kind", "user_id"),)


class BackgroundJob(Base):
    """Work done later by the worker (webapp/jobs.py), for example a password-reset request, so
    that the answer takes the same time whether or not the address has an account."""

    __tablename__ = "background_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    run_after: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(String(LAST_ERROR_MAX))
    # Given up after jobs.MAX_ATTEMPTS attempts; `flask jobs retry` puts it back.
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The request id of the request that queued it (webapp/logging_setup.py): the worker's log
    # lines about the job carry it. A column, not a payload key: handlers get the payload as
    # their input, and an operator can find the job from a log line.
    correlation_id: Mapped[str | None] = mapped_column(String(CORRELATION_ID_MAX))

    __table_args__ = (
        # What the worker polls for every second: only unfinished jobs are indexed.
        Index(
            "ix_background_jobs_due",
            "run_after",
            postgresql_where=_UNFINISHED_JOB,
            sqlite_where=_UNFINISHED_JOB,
        ),
    )


class SignInFailure(Base):
    """Failed sign-ins per throttle key. The key is a keyed hash of what was typed and the
    address, never the text itself (a password typed into the email box must not be stored)."""

    __tablename__ = "sign_in_failures"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class OutboxEmail(Base):
    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    template: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    # Fixed when queued, so that a retry after a crash between "sent" and "marked sent" carries
    # the same Message-ID and mail clients can tell it is the same message.
    message_uid: Mapped[str] = mapped_column(String(32), default=_new_message_uid, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # SQLite has no row locks: a sender claims a row until this time, then sends outside any
    # transaction. If it dies meanwhile, the claim lapses and another sender takes the row.
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(LAST_ERROR_MAX))
    # Given up: a permanent refusal (5xx, an address the relay cannot carry) after a few tries.
    failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Bodies (with their links) are blanked after the retention period; the row stays.
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The request id of the request (or job) that queued it, carried into the delivery's logs.
    correlation_id: Mapped[str | None] = mapped_column(String(CORRELATION_ID_MAX))

    __table_args__ = (
        # "Pending and due": only unsent rows are indexed, so the index stays small however
        # many sent emails are kept.
        Index(
            "ix_outbox_emails_due",
            "next_attempt_at",
            postgresql_where=_PENDING,
            sqlite_where=_PENDING,
        ),
        # The last email to an address (the status page, the counter's request page).
        Index("ix_outbox_emails_recipient", text("lower(recipient)"), "id"),
    )

    @property
    def status(self) -> str:
        """sent, failed (given up), pending (never tried) or retrying (will be tried again)."""
        if self.sent_at is not None:
            return "sent"
        if self.failed_at is not None:
            return "failed"
        return "retrying" if self.attempts else "pending"

    def __repr__(self) -> str:
        return f"<OutboxEmail {self.id} {self.template} {self.status}>"


class CareerRecord(Base):
    """One insured person's record, as last imported from CNPP's register (`flask career
    import`); its rows are in the four tables below, keyed as the import keys them."""

    __tablename__ = "career_records"

    cnp: Mapped[str] = mapped_column(String(13), primary_key=True)
    # "Date actualizate la": the day the register's data is current to.
    current_to: Mapped[date | None] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CareerMonth(Base):
    """A monthly contribution record since April 2001: one row a month an employer."""

    __tablename__ = "career_months"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cnp: Mapped[str] = mapped_column(ForeignKey("career_records.cnp"))
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    employer_cui: Mapped[str] = mapped_column(String(16))
    employer_name: Mapped[str] = mapped_column(String(200))
    days: Mapped[int] = mapped_column(Integer)
    gross_income: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    conditions: Mapped[str] = mapped_column(String(10), default="normale")
    pillar2: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("cnp", "month", "employer_cui", name="uq_career_months_key"),
        CheckConstraint("days BETWEEN 0 AND 31", name="days"),
        CheckConstraint("gross_income >= 0", name="income"),
        CheckConstraint("conditions IN ('normale', 'deosebite', 'speciale')", name="conditions"),
    )


class WorkBookEntry(Base):
    """A work-book (carnet de muncă) entry before April 2001."""

    __tablename__ = "work_book_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cnp: Mapped[str] = mapped_column(ForeignKey("career_records.cnp"))
    employer: Mapped[str] = mapped_column(String(200))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    function: Mapped[str] = mapped_column(String(200))
    salary: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    salary_kind: Mapped[str] = mapped_column(String(4), default="brut")
    group: Mapped[str] = mapped_column(String(2), default="")
    pay_unit: Mapped[str] = mapped_column(String(4), default="luna")
    hours_or_days: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("cnp", "employer", "start", name="uq_work_book_entries_key"),
        CheckConstraint('"end" >= start', name="period"),
    )


class CareerAssimilatedPeriod(Base):
    """A period assimilated to the contributory stage (military service, university, ...)."""

    __tablename__ = "career_assimilated_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cnp: Mapped[str] = mapped_column(ForeignKey("career_records.cnp"))
    kind: Mapped[str] = mapped_column(String(30))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    document: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        UniqueConstraint("cnp", "kind", "start", name="uq_career_assimilated_periods_key"),
        CheckConstraint('"end" >= start', name="period"),
    )


class CareerDecidedPoints(Base):
    """Annual points already established by a decision."""

    __tablename__ = "career_decided_points"

    cnp: Mapped[str] = mapped_column(ForeignKey("career_records.cnp"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    points: Mapped[Decimal] = mapped_column(Numeric(10, 5))
    decision: Mapped[str] = mapped_column(String(100))


REPORT_STATUSES = ("requested", "ready", "failed")
_REPORT_PENDING = text("status = 'requested'")


class CareerReport(Base):
    """A career report asked for in the account (/contul-meu/rapoarte), made by the worker.

    `cnp` is the person the report is about: the account holder or a person they administer.
    The PDF and the CSV are kept here (every instance of the site sees them) until
    `expires_at`; the verification code printed on the PDF is stored only as its SHA-256.
    """

    __tablename__ = "career_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("citizen_accounts.id"), index=True)
    cnp: Mapped[str] = mapped_column(String(13))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="requested")
    number: Mapped[str] = mapped_column(String(20), unique=True)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    current_to: Mapped[date | None] = mapped_column(Date)
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    csv: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (
        CheckConstraint("status IN ('requested', 'ready', 'failed')", name="status"),
        # One report of a kind at a time in the works for a person: a double click or a second
        # tab asks once.
        Index(
            "uq_career_reports_pending",
            "account_id",
            "cnp",
            "kind",
            unique=True,
            postgresql_where=_REPORT_PENDING,
            sqlite_where=_REPORT_PENDING,
        ),
    )


class Notification(Base):
    """A message to an account, shown in the account ("Raportul … este gata")."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("citizen_accounts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Migration 0009: where in the site the notification points (a path), and a key that makes
    # an event notified once (the life-certificate window of a half-year, per account).
    path: Mapped[str | None] = mapped_column(String(200))
    once_key: Mapped[str | None] = mapped_column(String(80))

    __table_args__ = (
        # The unread count in every signed-in page's header.
        Index("ix_notifications_unread", "account_id", "read_at"),
        # The list, newest first, a page at a time without sorting the account's rows.
        Index("ix_notifications_list", "account_id", "created_at", "id"),
        Index("uq_notifications_once", "account_id", "once_key", unique=True),
    )


class StoredFile(Base):
    """An uploaded or generated file (petition attachments, answers), kept in the database so
    that every app instance serves it; read and written only through webapp/files.py."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Random, so that a file is never reachable by guessing its address.
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=_new_message_uid)
    name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


PETITION_STATUSES = ("registered", "in_progress", "extended", "forwarded", "answered", "closed")


class Petition(Base):
    """An electronic petition (OG 27/2002), for the account holder or a person they administer."""

    __tablename__ = "petitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # PT-2026-000123
    account_id: Mapped[int] = mapped_column(ForeignKey("citizen_accounts.id"), index=True)
    # Whom it is for: the holder, or a verified administered person (their CNP and name).
    subject_cnp: Mapped[str] = mapped_column(String(13))
    subject_name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(30))
    # The county house whose queue has it now; first_county_code is where it was sent.
    county_code: Mapped[str] = mapped_column(String(2))
    first_county_code: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="registered")
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    due_on: Mapped[date] = mapped_column(Date)  # the answer deadline in force (art. 8-9)
    extended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    forwarded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answer_text: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    closed_reason: Mapped[str | None] = mapped_column(Text)
    # Set in the submitting transaction from the draft, so that a retried submission after a
    # lost response shows the same confirmation instead of a second petition.
    draft_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    assigned_to: Mapped["StaffMember | None"] = relationship(foreign_keys=[assigned_to_id])
    answered_by: Mapped["StaffMember | None"] = relationship(foreign_keys=[answered_by_id])

    __table_args__ = (
        CheckConstraint(
            "status IN ('registered', 'in_progress', 'extended', 'forwarded', 'answered', "
            "'closed')",
            name="status",
        ),
        # The counter's queue: a county's petitions by status and due date.
        Index("ix_petitions_queue", "county_code", "status", "due_on"),
        # The supervisors' open and overdue counts per county (migration 0010).
        Index("ix_petitions_by_status", "status", "county_code", "due_on"),
    )


class PetitionFile(Base):
    """A file of a petition: one of the citizen's attachments, or the answer's PDF."""

    __tablename__ = "petition_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), unique=True)
    role: Mapped[str] = mapped_column(String(10))  # attachment | answer

    file: Mapped[StoredFile] = relationship()

    __table_args__ = (CheckConstraint("role IN ('attachment', 'answer')", name="role"),)


class PetitionEvent(Base):
    """The petition's history as the citizen sees it (registered, taken, extended, forwarded,
    answered, closed); the staff's actions are also audit events."""

    __tablename__ = "petition_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(20))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    details: Mapped[dict] = mapped_column(JSON, default=dict)


ADMINISTERED_KINDS = ("natural", "legal")


class AdministeredPerson(Base):
    """A person an account administers, written when its request is approved (webapp/counter/
    persons.py record_at_approval): each person of the request, `verified_at` set only for those
    whose justifying document the clerk saw. Staff may revoke one; a revoked or unverified person
    is never reachable from the account (webapp/career/access.py reads only this table)."""

    __tablename__ = "administered_persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("citizen_accounts.id"), index=True)
    # The person's place in the request's persons list (1 for the first): the number in the URLs.
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    cnp: Mapped[str | None] = mapped_column(String(13))
    cui: Mapped[str | None] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    # domain.codes: LEGAL_BASES for a natural person, LEGAL_ROLES for a legal one.
    basis: Mapped[str] = mapped_column(String(30))
    document: Mapped[str] = mapped_column(String(300))
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    account: Mapped[CitizenAccount] = relationship()
    revoked_by: Mapped["StaffMember | None"] = relationship()

    __table_args__ = (
        UniqueConstraint("account_id", "number"),
        CheckConstraint("kind IN ('natural', 'legal')", name="kind"),
    )


class NotificationPreference(Base):
    """A kind of notification whose email the account holder turned on or off (migration
    0009); without a row the email is on. Security kinds ignore it (domain.notifications)."""

    __tablename__ = "notification_preferences"

    account_id: Mapped[int] = mapped_column(ForeignKey("citizen_accounts.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    email: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


# --- qes: the account request signed with a qualified e-signature (webapp/account/signed.py) ---


class IssuedPrintout(Base):
    """The digest and length of every request PDF served to its applicant: a signed file must
    begin with one of them byte for byte (webapp/account/signature_check.py)."""

    __tablename__ = "issued_printouts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("account_requests.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("request_id", "sha256", name="uq_issued_printout"),)


class SignedRequest(Base):
    """The accepted e-signed request of an account request, with the copy of the ID document and
    what the checks found; one per request (a new upload replaces it while it waits)."""

    __tablename__ = "signed_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("account_requests.id", ondelete="CASCADE"), unique=True
    )
    signed_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    id_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    signer_name: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(500))
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    checks: Mapped[dict] = mapped_column(JSON)
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    request: Mapped["AccountRequest"] = relationship()
    signed_file: Mapped["StoredFile"] = relationship(foreign_keys=[signed_file_id])
    id_file: Mapped["StoredFile"] = relationship(foreign_keys=[id_file_id])


LIFE_CERTIFICATE_STATUSES = ("received", "accepted", "rejected")


class LifeCertificateUpload(Base):
    """A certified life certificate sent back online (issue 14): who sent it, the scan (and the
    back side), and what the paying county house decided. Public, no account: the pensioner
    follows it through the signed link of the receipt e-mail; staff of `house_code` decide."""

    __tablename__ = "life_certificate_uploads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)  # CV-2026-000123
    last_name: Mapped[str] = mapped_column(String(100))
    first_name: Mapped[str] = mapped_column(String(100))
    cnp: Mapped[str] = mapped_column(String(13))
    pension_file: Mapped[str] = mapped_column(String(20))
    house_code: Mapped[str] = mapped_column(String(2))
    email: Mapped[str] = mapped_column(String(254))
    # The language the pensioner used: the counter's e-mails to them are written in it.
    language: Mapped[str] = mapped_column(String(5), default="ro")
    front_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), unique=True)
    back_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="received")
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    # A retried submission after a lost response finds this one instead of making a second.
    draft_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    front_file: Mapped[StoredFile] = relationship(foreign_keys=[front_file_id])
    back_file: Mapped["StoredFile | None"] = relationship(foreign_keys=[back_file_id])

    __table_args__ = (
        CheckConstraint("status IN ('received', 'accepted', 'rejected')", name="status"),
        Index("ix_life_certificate_uploads_queue", "house_code", "status", "received_at"),
    )
