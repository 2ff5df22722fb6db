"""Asking for a career report, and making it in the background.

`request_report` writes the report row (status `requested`, its number allocated) and the
`career_report` job in one transaction; the worker (`flask worker`) runs `make_report`,
which builds the rows from the record, renders the PDF and the CSV, stores them, marks the
report ready, and publishes report_ready (the notification and, unless turned off, the email), all in the job's transaction.
Generation never runs inside a web request.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from documents import career_report
from domain import ro
from domain.career.record import CareerRecord
from domain.career.reports import KINDS, REPORT_PREFIX, code_hash, new_code, report_table
from webapp import jobs
from webapp.career import access
from webapp.career.queries import load_record
from webapp.links import public_url
from webapp.models import CareerReport, CitizenAccount
from webapp.notifications.events import publish
from webapp.references import next_reference
from webapp.reports.queries import STALE_AFTER

JOB = "career_report"
NOTIFICATION_KIND = "report_ready"


@dataclass(frozen=True)
class Requested:
    report: CareerReport | None
    already_pending: bool = False


def request_report(
    session: Session, account: CitizenAccount, cnp: str, kind: str, now: datetime
) -> Requested:
    """The caller has checked that `cnp` is one of the account's subjects."""
    if kind not in KINDS:
        raise ValueError(f"Unknown report kind {kind!r}")
    # A request whose job gave up long ago no longer holds the place of a new one.
    session.execute(
        update(CareerReport)
        .where(
            CareerReport.account_id == account.id,
            CareerReport.cnp == cnp,
            CareerReport.kind == kind,
            CareerReport.status == "requested",
            CareerReport.requested_at < now - STALE_AFTER,
        )
        .values(status="failed")
        .execution_options(synchronize_session=False)
    )
    pending = session.scalars(
        select(CareerReport.id).where(
            CareerReport.account_id == account.id,
            CareerReport.cnp == cnp,
            CareerReport.kind == kind,
            CareerReport.status == "requested",
        )
    ).first()
    if pending is not None:
        session.rollback()
        return Requested(None, already_pending=True)
    number = next_reference(session, REPORT_PREFIX, ro.local(now).year)
    report = CareerReport(
        account_id=account.id,
        cnp=cnp,
        kind=kind,
        status="requested",
        number=number,
        requested_at=now,
    )
    session.add(report)
    try:
        session.flush()
    except IntegrityError:
        # The same request from a second tab won the race (the partial unique index).
        session.rollback()
        return Requested(None, already_pending=True)
    jobs.enqueue(session, JOB, {"report_id": report.id}, now=now)
    session.commit()
    return Requested(report)


def retention_days() -> int:
    return int(current_app.config.get("REPORT_RETENTION_DAYS") or 90)


@jobs.handler(JOB)
def make_report(session: Session, payload: dict, now: datetime) -> None:
    report = session.get(CareerReport, payload["report_id"])
    if report is None or report.status != "requested":
        return  # done already (a job run again after a crash), or given up
    account = session.get(CitizenAccount, report.account_id)
    person = access.person_with_cnp(account, report.cnp, session)
    if person is None:
        # No longer the account's to see (the administration ended): nothing is made.
        report.status = "failed"
        return
    record = load_record(session, report.cnp) or CareerRecord(cnp=report.cnp, current_to=None)
    today = ro.local(now).date()
    table = report_table(
        report.kind, record, today=today, birth_date=person.birth_date, sex=person.sex
    )
    code = new_code()
    context = career_report.build_context(
        table,
        name=person.name,
        cnp=report.cnp,
        number=report.number,
        code=code,
        verify_url=public_url("verify.verify", cod=code),
        today=today,
        current_to=record.current_to,
    )
    report.pdf = career_report.render_pdf(context)
    report.csv = career_report.render_csv(context)
    report.code_hash = code_hash(code)
    report.current_to = record.current_to
    report.status = "ready"
    report.ready_at = now
    report.expires_at = now + timedelta(days=retention_days())
    # The notification and its email (unless turned off): no name, no CNP, no figures.
    publish(
        session,
        account,
        NOTIFICATION_KIND,
        now=now,
        number=report.number,
        title=KINDS[report.kind],
        expires_at=report.expires_at,
    )
