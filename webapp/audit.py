"""The staff audit log: one function writes an event, in the caller's transaction.

Whoever changes or looks at a citizen's data records it here; the caller commits, so the event
and the change it describes are saved together or not at all.
"""

from sqlalchemy.orm import Session

from webapp.models import AccountRequest, AuditEvent, StaffMember


def record(
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
