"""Database models. The answers of a request are kept whole as JSON; the columns that are
searched or constrained (reference, CNP, email, status, county) are kept beside them."""

from datetime import UTC, datetime

from sqlalchemy import JSON, CheckConstraint, DateTime, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.database import Base

OPEN_STATUSES = ("submitted", "registered")
STATUSES = (*OPEN_STATUSES, "approved", "rejected")
_OPEN = text("status IN ('submitted', 'registered')")


def utcnow() -> datetime:
    return datetime.now(UTC)


class AccountRequest(Base):
    __tablename__ = "account_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="submitted")
    cnp: Mapped[str] = mapped_column(String(13), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    office_code: Mapped[str] = mapped_column(String(2), index=True)
    answers: Mapped[dict] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'registered', 'approved', 'rejected')",
            name="ck_account_requests_status",
        ),
        # One open request per CNP and per email, enforced by the database so two
        # simultaneous submissions cannot both get through.
        Index(
            "uq_account_requests_open_cnp",
            "cnp",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        Index(
            "uq_account_requests_open_email",
            "email",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
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
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, index=True
    )
