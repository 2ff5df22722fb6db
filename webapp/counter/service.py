"""What staff do with a request at the counter: register (and send the citizen a receipt),
approve, reject, close a duplicate, correct an undeliverable address, re-send the activation.

Each action changes the request's state with a conditional UPDATE (so two clerks acting at once
cannot both succeed, and who may act is checked in the same statement: see
webapp.counter.queries.decision_refusal), writes an audit event and, where the citizen must hear
of it, queues the email in the same transaction.
"""

import datetime as dt

from sqlalchemy import exists, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from domain.account_requests import TRANSITIONS
from domain.reference.counties import county
from webapp.audit import record
from webapp.auth.tokens import make_token, max_age
from webapp.counter import persons as administered_persons
from webapp.counter.queries import (
    address_in_use,
    approved_with_same_cnp,
    decision_refusal,
    latest_email,
    may_decide_clause,
)
from webapp.links import public_url
from webapp.models import AccountRequest, CitizenAccount, StaffMember
from webapp.outbox.queue import queue_email

EMAIL_TAKEN = (
    "Există deja un cont cu această adresă de e-mail. Respingeți cererea și spuneți-i "
    "solicitantului să folosească „Am uitat parola” sau altă adresă de e-mail."
)
# Shown to whoever knows the reference (on /stare): it says nothing of the request kept.
RELEASE_REASON = (
    "Cererea a fost închisă la ghișeu. Pentru lămuriri, veniți la ghișeul oricărei case de "
    "pensii cu actul de identitate."
)


class ActionRefused(Exception):
    """The action is not allowed now or to this person; the message says why, in Romanian."""


def trace(
    session: Session,
    staff: StaffMember,
    action: str,
    request: AccountRequest | None = None,
    remote_addr: str | None = None,
    **details,
) -> None:
    """Records that staff looked at something (the queue, a search, a request, its printout)."""
    record(session, staff, action, request, remote_addr, **details)
    session.commit()


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
        *TRANSITIONS["register"],
        "Cererea a fost deja înregistrată sau soluționată.",
        registration_number=registration_number,
        registered_on=registered_on,
        registered_at=now,
        registered_county=staff.county_code,
        registered_by_id=staff.id,
        checklist=checklist,
    )
    record(
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
    # The citizen's receipt (m11), in the same transaction: sent if and only if it is registered.
    queue_registered(session, request, staff, registration_number, registered_on)
    session.commit()


def queue_registered(
    session, request, staff, registration_number, registered_on, *, documents_to_show=()
) -> None:
    """The receipt of a registration, at the counter or from the e-signed copy (counter/signed).

    `documents_to_show`: registered without a visit, the administered persons' documents that a
    counter must still see in original (domain.account_requests.counter_documents); the e-mail
    says to bring them instead of "no need to come to the counter"."""
    queue_email(
        session,
        to=request.email,
        template="registered",
        name=request.answers["first_name"],
        reference=request.reference,
        office=county(staff.county_code).house_name,
        registration_number=registration_number,
        registered_on=registered_on,
        status_link=public_url("status.status"),
        documents_to_show=list(documents_to_show),
    )


def approve(
    session: Session,
    request: AccountRequest,
    staff: StaffMember,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> CitizenAccount:
    """Creates the account and queues its activation email.

    Refused, inside the transaction, when the staff member may not decide on the request
    (decision_refusal), when the CNP already has an approved request, or when the address
    already belongs to another account; the unique address of citizen_accounts is the backstop.
    """
    _lock_same_person(session, request)
    other = aliased(AccountRequest)
    cnp_free = ~exists().where(
        other.cnp == AccountRequest.cnp, other.status == "approved", other.id != AccountRequest.id
    )
    _transition(
        session,
        request,
        *TRANSITIONS["approve"],
        "Doar o cerere înregistrată și nesoluționată poate fi aprobată.",
        staff=staff,
        conditions=(may_decide_clause(staff), cnp_free),
        decided_at=now,
        decided_by_id=staff.id,
    )
    if address_in_use(session, request.email, request.id):
        session.rollback()
        raise ActionRefused(EMAIL_TAKEN)
    account = CitizenAccount(email=request.email, request_id=request.id)
    session.add(account)
    try:
        session.flush()
    except IntegrityError:
        # Another approval took the address between our check and our insert.
        session.rollback()
        raise ActionRefused(EMAIL_TAKEN) from None
    # The persons administered, verified where the clerk saw their documents (same transaction).
    administered_persons.record_at_approval(session, request, account, now)
    _queue_activation(session, request, account, now)
    own = {"own_registration": True} if request.registered_by_id == staff.id else {}
    record(session, staff, "approve", request, remote_addr, **own)
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
        *TRANSITIONS["reject"],
        "Cererea a fost deja soluționată.",
        staff=staff,
        conditions=(may_decide_clause(staff),),
        decided_at=now,
        decided_by_id=staff.id,
        rejection_reason=reason,
    )
    _queue_rejection(session, request, staff.county_code)
    own = {"own_registration": True} if request.registered_by_id == staff.id else {}
    record(session, staff, "reject", request, remote_addr, reason=reason, **own)
    session.commit()


def release(
    session: Session,
    kept: AccountRequest,
    other: AccountRequest,
    staff: StaffMember,
    *,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """Closes another open request with the CNP or email of `kept`, whose applicant proved who
    they are at this county's counter (F11: a stranger's request must not block them).

    No email is sent for it: the other request's address is whoever typed it, and any message
    would tell a stranger that the CNP's owner came to a counter, and to which one. A genuine
    duplicate's author is the person at the counter, who is told there. The reason stored (and
    shown by /stare) says nothing about the other request.
    """
    if kept.status not in ("registered", "approved") or kept.registered_county != staff.county_code:
        raise ActionRefused(
            "Închideți celelalte cereri după ce ați înregistrat această cerere, cu actul de "
            "identitate al solicitantului văzut în original."
        )
    same = [
        name
        for name, matches in (("CNP", other.cnp == kept.cnp), ("e-mail", other.email == kept.email))
        if matches
    ]
    if other.id == kept.id or not same:
        raise ActionRefused("Cererea aleasă nu are CNP-ul sau adresa de e-mail a acestei cereri.")
    _transition(
        session,
        other,
        *TRANSITIONS["release"],
        f"Cererea {other.reference} a fost deja soluționată.",
        staff=staff,
        conditions=(
            may_decide_clause(staff),
            or_(AccountRequest.cnp == kept.cnp, AccountRequest.email == kept.email),
        ),
        decided_at=now,
        decided_by_id=staff.id,
        rejection_reason=RELEASE_REASON,
    )
    record(session, staff, "release", other, remote_addr, kept=kept.reference, same=", ".join(same))
    session.commit()


def correct_email(
    session: Session,
    request: AccountRequest,
    staff: StaffMember,
    *,
    new_email: str,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    """After an email to the request's address could not be delivered: the address the applicant
    gives at the counter replaces it on the request (and on the account, while no password is
    set), and the email goes again to the new address."""
    old_email = request.email
    latest = latest_email(session, request)
    if latest is None or latest.status != "failed":
        raise ActionRefused(
            "Adresa de e-mail se corectează aici doar după ce un e-mail nu a putut fi livrat."
        )
    # The county that saw the applicant's documents: where it was registered, or else where a
    # request never registered was rejected.
    decided_by = request.decided_by
    responsible = request.registered_county or (decided_by.county_code if decided_by else None)
    if responsible != staff.county_code:
        house = county(responsible).house_name if responsible else "casa de pensii a cererii"
        raise ActionRefused(
            f"Adresa de e-mail o corectează un coleg de la {house}, care a văzut actele "
            "solicitantului."
        )
    account = request.account
    if account is not None and account.password_hash:
        raise ActionRefused("Contul este deja activ: solicitantul își schimbă adresa din cont.")
    if new_email == old_email:
        raise ActionRefused("Adresa nouă este aceeași cu cea din cerere. Scrieți adresa corectă.")
    if address_in_use(session, new_email, request.id):
        raise ActionRefused(EMAIL_TAKEN)
    _transition(
        session,
        request,
        (request.status,),
        request.status,
        "Cererea s-a schimbat între timp. Verificați datele și încercați din nou.",
        conditions=(AccountRequest.email == old_email,),
        email=new_email,
    )
    if account is not None:
        # Only while no password is set: an account activated meanwhile keeps its address.
        try:
            changed = session.execute(
                update(CitizenAccount)
                .where(CitizenAccount.id == account.id, CitizenAccount.password_hash.is_(None))
                .values(email=new_email)
                .execution_options(synchronize_session=False)
            ).rowcount
        except IntegrityError:
            session.rollback()
            raise ActionRefused(EMAIL_TAKEN) from None
        if changed != 1:
            session.rollback()
            raise ActionRefused("Contul este deja activ: solicitantul își schimbă adresa din cont.")
        session.refresh(account)
    if request.status == "approved" and account is not None:
        _queue_activation(session, request, account, now)
    elif request.status == "rejected" and request.rejection_reason != RELEASE_REASON:
        _queue_rejection(session, request, decided_by.county_code if decided_by else None)
    record(session, staff, "correct_email", request, remote_addr, old=old_email, new=new_email)
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
        record(session, staff, "resend_activation", request, remote_addr)
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
        house_code=request.registered_county or request.office_code,
        link=public_url("activation.set_password", token=token),
        expires_at=now + dt.timedelta(seconds=max_age("activation")),
    )


def _queue_rejection(session, request, county_code: str | None) -> None:
    house_code = county_code or request.registered_county or request.office_code
    queue_email(
        session,
        to=request.email,
        template="rejection",
        name=request.answers["first_name"],
        reference=request.reference,
        reason=request.rejection_reason,
        office=county(house_code).house_name,
        house_code=house_code,
        start_link=public_url("account.start"),
    )


def _lock_same_person(session, request) -> None:
    """On PostgreSQL, lock every request with this CNP or email (in id order, so two approvals
    cannot deadlock): a second approval for the same person waits for the first to commit and
    then sees it. SQLite has one writer at a time, which serialises approvals anyway."""
    session.execute(
        select(AccountRequest.id)
        .where(or_(AccountRequest.cnp == request.cnp, AccountRequest.email == request.email))
        .order_by(AccountRequest.id)
        .with_for_update()
    ).all()


def _transition(
    session, request, from_statuses, to_status, refusal, *, staff=None, conditions=(), **values
) -> None:
    """One conditional UPDATE: the state, and who may act, are checked in the same statement."""
    result = session.execute(
        update(AccountRequest)
        .where(
            AccountRequest.id == request.id,
            AccountRequest.status.in_(from_statuses),
            *conditions,
        )
        .values(status=to_status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        session.refresh(request)
        raise ActionRefused(
            _why_refused(session, request, staff, from_statuses, to_status, refusal)
        )
    session.refresh(request)


def _why_refused(session, request, staff, from_statuses, to_status, refusal) -> str:
    if request.status not in from_statuses or staff is None:
        return refusal
    if (reason := decision_refusal(request, staff)) is not None:
        return reason
    if to_status != "approved":
        return refusal
    if (taken := approved_with_same_cnp(session, request)) is not None:
        return (
            f"Pentru acest CNP există deja un cont online, din cererea {taken.reference}. "
            "Respingeți această cerere; solicitantul își folosește contul existent, iar dacă "
            "nu mai știe parola, „Am uitat parola”."
        )
    return refusal
