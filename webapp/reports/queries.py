"""Reads for the career reports: the account's reports, one report of its own, a report by its
verification code. Whom an account may ask reports for is the career page's rule
(webapp/career/access.py: ``people``)."""

import hmac
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from domain.career.reports import code_hash
from webapp.models import CareerReport

# A report still "requested" this long after it was asked for has failed (its job gave up):
# the page says so and the person may ask again.
STALE_AFTER = timedelta(hours=1)


def reports_of(session: Session, account_id: int, now: datetime) -> list[CareerReport]:
    """The account's reports still kept, newest first (without their files)."""
    return session.scalars(
        select(CareerReport)
        .options(defer(CareerReport.pdf), defer(CareerReport.csv))
        .where(
            CareerReport.account_id == account_id,
            (CareerReport.expires_at.is_(None)) | (CareerReport.expires_at > now),
        )
        .order_by(CareerReport.requested_at.desc(), CareerReport.id.desc())
    ).all()


def own_ready_report(
    session: Session, account_id: int, report_id: int, now: datetime
) -> CareerReport | None:
    """The report if it is this account's, ready and still kept; None otherwise (a 404)."""
    report = session.get(CareerReport, report_id)
    if report is None or report.account_id != account_id or report.status != "ready":
        return None
    if report.expires_at is None or report.expires_at <= now:
        return None
    return report


def by_code(session: Session, code: str, now: datetime) -> CareerReport | None:
    digest = code_hash(code)
    report = session.scalars(select(CareerReport).where(CareerReport.code_hash == digest)).first()
    # The lookup is by an index; the digest is compared again in constant time, so that
    # nothing about the stored hashes leaks through timing.
    if report is None or not hmac.compare_digest(report.code_hash or "", digest):
        return None
    if report.status != "ready" or report.expires_at is None or report.expires_at <= now:
        return None
    return report


def is_stale(report: CareerReport, now: datetime) -> bool:
    return report.status == "requested" and report.requested_at < now - STALE_AFTER
