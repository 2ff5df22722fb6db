"""What the counter looks up: the queue, the requests with a CNP, the audit log and, around one
request, who may decide on it, the other open requests with the same CNP or email, an account
that already holds its CNP or address, and the last email sent to its address."""

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, contains_eager

from domain.account_requests import OPEN_STATUSES
from domain.reference.counties import county
from webapp.models import (
    AccountRequest,
    AuditEvent,
    CitizenAccount,
    OutboxEmail,
    StaffMember,
)

# The emails that tell the applicant about their request (a password reset is the account's).
REQUEST_EMAILS = ("activation", "activation_resent", "rejection")


def queue(
    statuses: Sequence[str] | None, county_code: str, *, oldest_first: bool
) -> tuple[Select, tuple]:
    """The requests in these statuses (None: all), and their order: the staff member's own
    county first, then by submission."""
    query = select(AccountRequest)
    if statuses is not None:
        query = query.where(AccountRequest.status.in_(statuses))
    own_county_first = case((AccountRequest.office_code == county_code, 0), else_=1)
    when = AccountRequest.submitted_at.asc() if oldest_first else AccountRequest.submitted_at.desc()
    order = (
        own_county_first,
        when,
        AccountRequest.id.asc() if oldest_first else AccountRequest.id.desc(),
    )
    return query, order


def requests_with_cnp(session: Session, cnp: str) -> list[AccountRequest]:
    """Newest first."""
    return list(
        session.execute(
            select(AccountRequest)
            .where(AccountRequest.cnp == cnp)
            .order_by(AccountRequest.submitted_at.desc(), AccountRequest.id.desc())
        )
        .scalars()
        .all()
    )


def audit_events(
    *,
    email: str | None = None,
    action: str | None = None,
    reference: str | None = None,
    since: dt.datetime | None = None,
    before: dt.datetime | None = None,
) -> Select:
    """The audit log's events, with their staff member and request, filtered by whichever of these
    is given: part of the staff email (any case), the action, the request's reference, and a
    time range [since, before)."""
    query = (
        select(AuditEvent)
        .join(AuditEvent.staff)
        .outerjoin(AuditEvent.request)
        .options(contains_eager(AuditEvent.staff), contains_eager(AuditEvent.request))
    )
    if email:
        query = query.where(func.lower(StaffMember.email).contains(email.lower(), autoescape=True))
    if action:
        query = query.where(AuditEvent.action == action)
    if reference:
        query = query.where(AccountRequest.reference == reference)
    if since:
        query = query.where(AuditEvent.at >= since)
    if before:
        query = query.where(AuditEvent.at < before)
    return query


def audit_actions(session: Session) -> list[str]:
    """Every action the log holds, some perhaps written by another part of the site."""
    return list(session.execute(select(AuditEvent.action).distinct()).scalars())


def decision_refusal(request: AccountRequest, staff: StaffMember) -> str | None:
    """Why this staff member may not approve or reject the request, or None if they may.

    Registering is open to every counter, since the applicant may go to any county house. The
    decision on a registered request belongs to the county that registered it, where the
    documents were seen, and to a second person there (four eyes): the clerk who registered it
    does not decide on it. A supervisor may decide on a request they registered themselves, so a
    small office with one person on duty is not stuck; the audit event then says so
    ("own_registration"), and the supervisors' audit log shows it. A request not yet registered
    may be rejected at any counter (the applicant is standing there, or it is a stranger's).
    """
    if request.registered_county is None:
        return None
    house = county(request.registered_county).house_name
    if staff.county_code != request.registered_county:
        return (
            f"Cererea a fost înregistrată la {house}. Aprobarea sau respingerea o face "
            "un coleg de acolo."
        )
    if request.registered_by_id == staff.id and not staff.is_supervisor:
        return (
            "Ați înregistrat dumneavoastră această cerere. Aprobarea sau respingerea o face "
            f"un alt coleg de la {house}, ca fiecare cerere să fie verificată de doi oameni."
        )
    return None


def may_decide_clause(staff: StaffMember):
    """decision_refusal() as a WHERE clause, for the conditional UPDATE of a decision."""
    own_county = AccountRequest.registered_county == staff.county_code
    if not staff.is_supervisor:
        own_county = and_(
            own_county,
            or_(
                AccountRequest.registered_by_id.is_(None),
                AccountRequest.registered_by_id != staff.id,
            ),
        )
    return or_(AccountRequest.registered_county.is_(None), own_county)


def other_open_requests(session: Session, request: AccountRequest) -> list[AccountRequest]:
    """Open requests, other than this one, with its CNP or its email (F11: several may exist)."""
    return (
        session.execute(
            select(AccountRequest)
            .where(
                AccountRequest.id != request.id,
                AccountRequest.status.in_(OPEN_STATUSES),
                or_(AccountRequest.cnp == request.cnp, AccountRequest.email == request.email),
            )
            .order_by(AccountRequest.submitted_at, AccountRequest.id)
        )
        .scalars()
        .all()
    )


def approved_with_same_cnp(session: Session, request: AccountRequest) -> AccountRequest | None:
    return session.execute(
        select(AccountRequest)
        .where(
            AccountRequest.id != request.id,
            AccountRequest.cnp == request.cnp,
            AccountRequest.status == "approved",
        )
        .limit(1)
    ).scalar_one_or_none()


def address_in_use(session: Session, email: str, request_id: int) -> bool:
    """A citizen account of another request, or a staff member, already has this address."""
    account = session.execute(
        select(CitizenAccount.id).where(
            CitizenAccount.email == email, CitizenAccount.request_id != request_id
        )
    ).first()
    # A staff member's address would never reach the citizen's account: sign-in looks for staff first.
    staff = session.execute(select(StaffMember.id).where(StaffMember.email == email)).first()
    return bool(account or staff)


def latest_email(session: Session, request: AccountRequest) -> OutboxEmail | None:
    """The last activation or rejection email queued for the request's address."""
    return session.execute(
        select(OutboxEmail)
        .where(OutboxEmail.recipient == request.email, OutboxEmail.template.in_(REQUEST_EMAILS))
        .order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc())
        .limit(1)
    ).scalar_one_or_none()
