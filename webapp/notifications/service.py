"""Writing an account's notifications: a notification added inside the caller's transaction
(notify: the caller commits; events.publish adds the email too), and the person's own changes,
each committed here: marking read, the email preferences."""

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from domain.notifications import OPTIONAL_KINDS
from webapp.models import CitizenAccount, Notification, NotificationPreference, utcnow


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


def mark_read(session: Session, account_id: int, notification_id: int, now: datetime) -> bool:
    """False if the account has no such notification (another account's is not found either)."""
    found = session.scalar(
        select(Notification.id).where(
            Notification.id == notification_id, Notification.account_id == account_id
        )
    )
    if found is None:
        session.rollback()
        return False
    session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return True


def mark_all_read(session: Session, account_id: int, now: datetime) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.account_id == account_id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return result.rowcount


def save_preferences(
    session: Session, account_id: int, emailed: set[str], now: datetime | None = None
) -> None:
    """One row per kind the person may turn off: on if in `emailed`, off otherwise."""
    now = now or utcnow()
    session.execute(
        delete(NotificationPreference).where(NotificationPreference.account_id == account_id)
    )
    for kind in OPTIONAL_KINDS:
        session.add(
            NotificationPreference(
                account_id=account_id, kind=kind, email=kind in emailed, updated_at=now
            )
        )
    session.commit()
