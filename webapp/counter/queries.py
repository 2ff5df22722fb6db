"""What the counter looks up: the queue, the requests with a CNP, the audit log and, around one
request, who may decide on it, the other open requests with the same CNP or email, an account
that already holds its CNP or address, and the last email sent to its address."""

import datetime as dt
import math
from collections.abc import Sequence

from sqlalchemy import Select, and_, func, or_, select
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
from webapp.pagination import page_number

# The emails that tell the applicant about their request (a password reset is the account's).
REQUEST_EMAILS = ("activation", "activation_resent", "rejection")


# Past this many requests the queue says "more than 10.000" (and how many of them are the own
# county's) instead of counting them: counting is linear, 100,000 index entries took 33-50 ms on
# the bench machine (bench/bench_volume.py) against the page's whole budget of 100 ms, 10,000
# take 3-9 ms. The pages stop there too: 400 pages of 25 is further than anyone pages (a request
# is found by its reference or CNP), and a deep OFFSET would cost what the count saved.
QUEUE_COUNT_LIMIT = 10_000


def queue_page(
    session: Session,
    statuses: Sequence[str] | None,
    county_code: str,
    *,
    oldest_first: bool,
    size: int,
    asked: str,
) -> dict:
    """One page of the requests in these statuses (None: all): the staff member's own county
    first, then the others, each by submission (oldest first, or newest first).

    The two parts are read separately, so that each is one range of an index
    (migration 0013) instead of a sort of every matching row by "own county first"; the page's
    ids come from the index alone, and only its 25 rows are read from the table. `asked` is the
    ?pagina= value as typed (webapp.pagination.page_number). Returns rows, total (capped at
    QUEUE_COUNT_LIMIT + 1), capped, own (the own county's, capped the same way), number and
    pages."""
    matching = select(AccountRequest.id)
    if statuses is not None:
        matching = matching.where(AccountRequest.status.in_(statuses))
    own = matching.where(AccountRequest.office_code == county_code)
    others = matching.where(AccountRequest.office_code != county_code)
    total = _count_up_to(session, matching, QUEUE_COUNT_LIMIT)
    pages = max(1, math.ceil(min(total, QUEUE_COUNT_LIMIT) / size))
    number = page_number(asked, pages)
    start = (number - 1) * size
    in_own = _count_up_to(session, own, QUEUE_COUNT_LIMIT)
    if oldest_first:
        order = (AccountRequest.submitted_at.asc(), AccountRequest.id.asc())
    else:
        order = (AccountRequest.submitted_at.desc(), AccountRequest.id.desc())
    ids: list[int] = []
    if start < in_own:
        ids += session.scalars(own.order_by(*order).offset(start).limit(size))
    if len(ids) < size:
        ids += session.scalars(
            others.order_by(*order).offset(max(0, start - in_own)).limit(size - len(ids))
        )
    found = {
        row.id: row
        for row in session.scalars(select(AccountRequest).where(AccountRequest.id.in_(ids)))
    }
    return {
        "rows": [found[i] for i in ids if i in found],
        "total": total,
        "capped": total > QUEUE_COUNT_LIMIT,
        "own": in_own if in_own <= QUEUE_COUNT_LIMIT else None,
        "number": number,
        "pages": pages,
    }


def _count_up_to(session: Session, query: Select, limit: int) -> int:
    """The rows of `query`, counted up to limit + 1 (so "more than limit" can be told)."""
    return session.execute(
        select(func.count()).select_from(query.limit(limit + 1).subquery())
    ).scalar_one()


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
        .where(
            OutboxEmail.recipient == request.email,
            # Implied by the equality; here so that ix_outbox_emails_recipient serves it.
            func.lower(OutboxEmail.recipient) == func.lower(request.email),
            OutboxEmail.template.in_(REQUEST_EMAILS),
        )
        .order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc())
        .limit(1)
    ).scalar_one_or_none()
