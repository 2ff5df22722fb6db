"""What staff do with a request at the counter: register, approve, reject, re-send the activation.

Each action changes the request's state with a conditional UPDATE (so two clerks acting at once
cannot both succeed), writes an audit event and, where the citizen must hear of it, queues the
email in the same transaction.
"""

import datetime as dt

from flask import url_for
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from webapp.models import AccountRequest, AuditEvent, CitizenAccount, StaffMember
from webapp.outbox.queue import queue_email
from webapp.reference.counties import county
from webapp.tokens import make_token, max_age


class ActionRefused(Exception):
    """The request is not in a state that allows the action; the message says why, in Romanian."""


def audit(
    session: Session,
    staff: StaffMember,
    action: str,
    request: AccountRequest | None = None,
    remote_addr: str | None = None,
    **details,
) -> None:
    session.add(
        AuditEvent(
            staff_id=staff.id,
            action=action,
            request_id=request.id if request else None,
            remote_addr=remote_addr,
            details=details,
        )
    )


def register(
    session: Session,
    request: AccountRequest,
    staff: StaffMember,
    *,
    registration_number: str,
    registered_on: dt.date,
    checklist: dict,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _transition(
        session,
        request,
        ("submitted",),
        "registered",
        "Cererea a fost deja înregistrată sau soluționată.",
        registration_number=registration_number,
        registered_on=registered_on,
        registered_at=now,
        registered_county=staff.county_code,
        registered_by_id=staff.id,
        checklist=checklist,
    )
    audit(
        session,
        staff,
        "register",
        request,
        remote_addr,
        registration_number=registration_number,
        registered_on=registered_on.isoformat(),
        county=staff.county_code,
        checklist=checklist,
    )
    session.commit()


def approve(
    session: Session,
    request: AccountRequest,
    staff: StaffMember,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> CitizenAccount:
    # Another request's account: this request's own (a second approval) is refused below,
    # with the message that says it is already decided.
    existing = session.execute(
        select(CitizenAccount.id).where(
            CitizenAccount.email == request.email, CitizenAccount.request_id != request.id
        )
    ).first()
    # A staff member's address would never reach the citizen's account: sign-in looks for staff first.
    staff_address = session.execute(
        select(StaffMember.id).where(StaffMember.email == request.email)
    ).first()
    if existing or staff_address:
        raise ActionRefused(
            "Există deja un cont cu această adresă de e-mail. Respingeți cererea și spuneți-i "
            "solicitantului să folosească „Am uitat parola” sau altă adresă de e-mail."
        )
    _transition(
        session,
        request,
        ("registered",),
        "approved",
        "Doar o cerere înregistrată și nesoluționată poate fi aprobată.",
        decided_at=now,
        decided_by_id=staff.id,
    )
    account = CitizenAccount(email=request.email, request_id=request.id)
    session.add(account)
    session.flush()
    _queue_activation(session, request, account, now)
    audit(session, staff, "approve", request, remote_addr)
    session.commit()
    return account


def reject(
    session: Session,
    request: AccountRequest,
    staff: StaffMember,
    *,
    reason: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    _transition(
        session,
        request,
        ("submitted", "registered"),
        "rejected",
        "Cererea a fost deja soluționată.",
        decided_at=now,
        decided_by_id=staff.id,
        rejection_reason=reason,
    )
    queue_email(
        session,
        to=request.email,
        template="rejection",
        name=request.answers["first_name"],
        reference=request.reference,
        reason=reason,
        office=county(staff.county_code).house_name,
        start_link=url_for("account.start", _external=True),
    )
    audit(session, staff, "reject", request, remote_addr, reason=reason)
    session.commit()


def resend_activation(
    session: Session,
    request: AccountRequest,
    staff: StaffMember | None,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """A new activation email; staff=None when the citizen asks from an expired link."""
    account = request.account
    if request.status != "approved" or account is None:
        raise ActionRefused("Cererea nu este aprobată, deci nu are legătură de activare.")
    if account.password_hash:
        raise ActionRefused("Contul este deja activ: solicitantul își poate folosi parola.")
    _queue_activation(session, request, account, now, template="activation_resent")
    if staff is not None:
        audit(session, staff, "resend_activation", request, remote_addr)
    session.commit()


def _queue_activation(session, request, account, now, template="activation") -> None:
    token = make_token("activation", account.id, account.password_hash)
    office = county(request.registered_county or request.office_code).house_name
    queue_email(
        session,
        to=account.email,
        template=template,
        name=request.answers["first_name"],
        reference=request.reference,
        office=office,
        link=url_for("activation.set_password", token=token, _external=True),
        expires_at=now + dt.timedelta(seconds=max_age("activation")),
    )


def _transition(session, request, from_statuses, to_status, refusal, **values) -> None:
    result = session.execute(
        update(AccountRequest)
        .where(AccountRequest.id == request.id, AccountRequest.status.in_(from_statuses))
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise ActionRefused(refusal)
    session.refresh(request)
