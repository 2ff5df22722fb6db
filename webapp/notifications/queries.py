"""Reading an account's notifications: the unread count in every signed-in page's header (one
COUNT on the (account_id, read_at) index), the list a page at a time, the preferences."""

import logging

from flask import g
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from webapp.db import db
from webapp.models import Notification, NotificationPreference
from webapp.pagination import paginate

log = logging.getLogger(__name__)

PAGE_SIZE = 20
ORDER = (Notification.created_at.desc(), Notification.id.desc())


def unread_query(account_id: int):
    return (
        select(func.count())
        .select_from(Notification)
        .where(Notification.account_id == account_id, Notification.read_at.is_(None))
    )


def unread_count(session: Session, account_id: int) -> int:
    return session.scalar(unread_query(account_id))


def header_count() -> int | None:
    """For the layout: the signed-in citizen's unread count, once per request; None for
    anyone else (signed out, staff) and when the database cannot answer (an error page)."""
    if "unread_notifications" in g:
        return g.unread_notifications
    count = None
    if current_user.is_authenticated and not current_user.is_staff:
        try:
            count = unread_count(db(), current_user.account.id)
        except SQLAlchemyError:
            log.exception("notifications: the unread count failed; the header shows none")
    g.unread_notifications = count
    return count


def page_of(session: Session, account_id: int, asked: str, url_for_page) -> dict:
    query = select(Notification).where(Notification.account_id == account_id)
    return paginate(session, query, ORDER, PAGE_SIZE, asked, url_for_page)


def preferences(session: Session, account_id: int) -> dict[str, bool]:
    """The kinds whose email the person set on or off; a kind not listed is on."""
    rows = session.execute(
        select(NotificationPreference.kind, NotificationPreference.email).where(
            NotificationPreference.account_id == account_id
        )
    )
    return {kind: email for kind, email in rows}
