"""What the paying house's staff do with a life certificate sent online: accept it as valid, or
ask for a new one with a reason.

Each decision is one conditional UPDATE (still "received", and of the clerk's county house), so
two clerks acting at once cannot both decide and only staff of the paying house can; then, in
the same transaction, the audit event and the e-mail to the pensioner.
"""

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from webapp.audit import record
from webapp.counter.service import ActionRefused
from webapp.life_certificate.upload_service import queue_to_pensioner
from webapp.models import LifeCertificateUpload, StaffMember

ALREADY = {
    "accepted": "Certificatul a fost deja acceptat de un coleg.",
    "rejected": "Un coleg a cerut deja un certificat nou.",
}


def trace(session: Session, staff: StaffMember, action: str, remote_addr, **details) -> None:
    """Records that staff looked (the queue, a certificate, its file)."""
    record(session, staff, action, None, remote_addr, **details)
    session.commit()


def accept(
    session: Session,
    upload: LifeCertificateUpload,
    staff: StaffMember,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _decide(session, upload, staff, "accepted", now)
    record(
        session,
        staff,
        "life_certificate_accept",
        None,
        remote_addr,
        certificate=upload.reference,
    )
    queue_to_pensioner(session, upload, "life_certificate_accepted")
    session.commit()


def ask_new(
    session: Session,
    upload: LifeCertificateUpload,
    staff: StaffMember,
    *,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _decide(session, upload, staff, "rejected", now, reason=reason)
    record(
        session,
        staff,
        "life_certificate_new_requested",
        None,
        remote_addr,
        certificate=upload.reference,
        reason=reason,
    )
    queue_to_pensioner(session, upload, "life_certificate_rejected")
    session.commit()


def _decide(session, upload, staff, status, now, reason=None) -> None:
    result = session.execute(
        update(LifeCertificateUpload)
        .where(
            LifeCertificateUpload.id == upload.id,
            LifeCertificateUpload.status == "received",
            LifeCertificateUpload.house_code == staff.county_code,
        )
        .values(status=status, decided_at=now, decided_by_id=staff.id, reason=reason)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        session.refresh(upload)
        raise ActionRefused(
            ALREADY.get(upload.status, "Certificatul nu este la casa dumneavoastră de pensii.")
        )
    session.refresh(upload)
