"""The outbox table: one row per email, kept after sending (the development page lists them)."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.db import Base, UtcDateTime

LAST_ERROR_MAX = 500
_PENDING = text("sent_at IS NULL AND failed_at IS NULL")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _new_message_uid() -> str:
    return uuid.uuid4().hex


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

    __table_args__ = (
        # "Pending and due": only unsent rows are indexed, so the index stays small however
        # many sent emails are kept.
        Index(
            "ix_outbox_emails_due",
            "next_attempt_at",
            postgresql_where=_PENDING,
            sqlite_where=_PENDING,
        ),
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
