"""Who an email address belongs to: an active staff member or a citizen account."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import CitizenAccount, StaffMember


def active_staff(session: Session, email: str) -> StaffMember | None:
    return session.execute(
        select(StaffMember).where(StaffMember.email == email, StaffMember.active.is_(True))
    ).scalar_one_or_none()


def citizen_account(session: Session, email: str) -> CitizenAccount | None:
    return session.execute(
        select(CitizenAccount).where(CitizenAccount.email == email)
    ).scalar_one_or_none()
