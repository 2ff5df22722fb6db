"""Signed-in sessions kept on the server (F4), so that signing out ends them for every copy of
the cookie.

The Flask session holds a random token; the table holds only its SHA-256. A session is valid
while it has not been ended, is younger than SESSION_ABSOLUTE_HOURS and has been used within
SESSION_IDLE_MINUTES. Both limits are checked against the row, never against the cookie.
"""

import datetime as dt
import hashlib
import secrets

from sqlalchemy import update
from sqlalchemy.orm import Session

from webapp.models import AuthSession

# Writing last_seen_at on every request would make each page a write; a minute is precise enough
# for a 30-minute idle limit.
TOUCH_EVERY = dt.timedelta(minutes=1)


def session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(session: Session, user_kind: str, user_id: int, now: dt.datetime) -> str:
    """Creates the row and returns the token for the cookie; the caller commits."""
    token = secrets.token_urlsafe(32)
    session.add(
        AuthSession(
            id=session_id(token),
            user_kind=user_kind,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def state(row: AuthSession | None, now: dt.datetime, idle: dt.timedelta, absolute: dt.timedelta):
    """'valid', 'idle', 'expired' (absolute lifetime reached) or 'ended'."""
    if row is None or row.ended_at is not None:
        return "ended"
    if now - row.created_at >= absolute:
        return "expired"
    if now - row.last_seen_at > idle:
        return "idle"
    return "valid"


def touch(session: Session, row: AuthSession, now: dt.datetime) -> None:
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.commit()


def end(session: Session, token: str, now: dt.datetime) -> None:
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id(token), AuthSession.ended_at.is_(None))
        .values(ended_at=now)
    )
    session.commit()


def end_all(session: Session, user_kind: str, user_id: int, now: dt.datetime) -> None:
    """Ends every session of a person, e.g. after a password change; the caller commits."""
    session.execute(
        update(AuthSession)
        .where(
            AuthSession.user_kind == user_kind,
            AuthSession.user_id == user_id,
            AuthSession.ended_at.is_(None),
        )
        .values(ended_at=now)
    )
