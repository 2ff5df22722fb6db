"""Writing a notification for an account, inside the caller's transaction (the caller commits)."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import CitizenAccount, Notification, utcnow


def notify(
    session: Session,
    account: CitizenAccount,
    kind: str,
    text: str,
    *,
    now: datetime | None = None,
) -> Notification:
    notification = Notification(
        account_id=account.id, kind=kind, text=text[:300], created_at=now or utcnow()
    )
    session.add(notification)
    return notification


def recent(session: Session, account_id: int, kind: str | None = None, limit: int = 5):
    """The newest notifications of an account (of one kind when given), newest first."""
    query = select(Notification).where(Notification.account_id == account_id)
    if kind:
        query = query.where(Notification.kind == kind)
    return session.scalars(
        query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)
    ).all()
