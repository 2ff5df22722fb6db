"""A growing delay after failed sign-ins, per account and per address.

After FREE_FAILURES failures, each further one locks the key for twice as long as the last
(1 minute, 2, 4 … up to MAX_LOCK), and the person is told until when. A success clears the
account's key.
"""

import datetime as dt

from sqlalchemy.orm import Session

from webapp.models import SignInFailure

FREE_FAILURES = 5
FIRST_LOCK = dt.timedelta(minutes=1)
MAX_LOCK = dt.timedelta(hours=1)
FORGET_AFTER = dt.timedelta(hours=24)


def account_key(email: str) -> str:
    return f"account:{email.strip().lower()}"


def address_key(address: str | None) -> str:
    return f"address:{address or 'necunoscut'}"


def locked_until(session: Session, keys: list[str], now: dt.datetime) -> dt.datetime | None:
    """The latest time until which any of the keys is locked, if later than now."""
    latest = None
    for key in keys:
        row = session.get(SignInFailure, key)
        if row and row.locked_until and _aware(row.locked_until) > now:
            until = _aware(row.locked_until)
            latest = until if latest is None or until > latest else latest
    return latest


def record_failure(session: Session, keys: list[str], now: dt.datetime) -> dt.datetime | None:
    latest = None
    for key in keys:
        row = session.get(SignInFailure, key)
        if row is None or now - _aware(row.last_failure_at) > FORGET_AFTER:
            if row is None:
                row = SignInFailure(key=key, failures=0)
                session.add(row)
            row.failures = 0
            row.locked_until = None
        row.failures += 1
        row.last_failure_at = now
        beyond = row.failures - FREE_FAILURES
        if beyond > 0:
            row.locked_until = now + min(FIRST_LOCK * 2 ** (beyond - 1), MAX_LOCK)
            latest = row.locked_until if latest is None else max(latest, row.locked_until)
    session.commit()
    return latest


def clear(session: Session, key: str) -> None:
    row = session.get(SignInFailure, key)
    if row is not None:
        session.delete(row)
        session.commit()


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes for timezone-aware columns.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
