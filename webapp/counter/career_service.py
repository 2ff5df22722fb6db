"""Who at the counter may see a person's career record, and the audit of every look-up.

A clerk sees the record of a citizen of their own county (someone with an account request
registered at that county's pension house, still open or approved) on the CNP alone; anyone
else's only with a reason typed for it. Each look-up that shows something (a record or "nothing
imported") is audited as "career_viewed" with the CNP and the reason, in the same transaction."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.career.record import CareerRecord
from webapp.audit import record as audit
from webapp.career.queries import load_record
from webapp.models import AccountRequest, StaffMember

OWN_COUNTY_STATUSES = ("registered", "approved")
REASON_NEEDED = (
    "Persoana cu acest CNP nu are o cerere de cont înregistrată la casa de pensii a județului "
    "dumneavoastră. Scrieți motivul consultării (de exemplu numărul petiției sau al dosarului): "
    "se păstrează în jurnalul acțiunilor."
)


class LookupRefused(Exception):
    pass


@dataclass(frozen=True)
class Lookup:
    cnp: str
    record: CareerRecord | None  # None: nothing imported for this CNP
    name: str | None  # from the newest account request with the CNP, if any
    own_county: bool


def own_county_citizen(session: Session, cnp: str, county_code: str) -> bool:
    return (
        session.execute(
            select(AccountRequest.id).where(
                AccountRequest.cnp == cnp,
                AccountRequest.registered_county == county_code,
                AccountRequest.status.in_(OWN_COUNTY_STATUSES),
            )
        ).first()
        is not None
    )


def look_up(
    session: Session, staff: StaffMember, cnp: str, reason: str, remote_addr: str | None
) -> Lookup:
    """The record, audited; LookupRefused when a reason is needed and none was given."""
    own = own_county_citizen(session, cnp, staff.county_code)
    reason = (reason or "").strip()
    if not own and not reason:
        raise LookupRefused(REASON_NEEDED)
    found = load_record(session, cnp)
    details = {"cnp": cnp, "reason": reason} if reason else {"cnp": cnp}
    if own:
        details["county"] = staff.county_code
    audit(session, staff, "career_viewed", None, remote_addr, **details)
    session.commit()
    request = (
        session.execute(
            select(AccountRequest)
            .where(AccountRequest.cnp == cnp)
            .order_by(AccountRequest.submitted_at.desc(), AccountRequest.id.desc())
        )
        .scalars()
        .first()
    )
    return Lookup(
        cnp=cnp, record=found, name=request.full_name if request else None, own_county=own
    )
