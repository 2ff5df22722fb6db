"""What signing in changes: a citizen's first password, a new one by email, and the job that
sends the reset link. Each takes the session and commits once; a conditional UPDATE makes sure
that of two simultaneous uses of one link only the first counts. The first password and a new
one are announced (notifications.events.publish: the notification and its security email) in
the same transaction."""

import datetime as dt

from sqlalchemy import update
from sqlalchemy.orm import Session

from webapp import jobs
from webapp.auth import sessions as auth_sessions
from webapp.auth.passwords import hash_password
from webapp.auth.queries import citizen_account
from webapp.auth.tokens import make_token, max_age
from webapp.links import public_url
from webapp.models import CitizenAccount
from webapp.notifications import events
from webapp.outbox.queue import queue_email


def activate(session: Session, account: CitizenAccount, password: str, now: dt.datetime) -> bool:
    """Sets the first password; False if the account already has one."""
    # Only the first of simultaneous uses finds the account still without a password.
    result = session.execute(
        update(CitizenAccount)
        .where(CitizenAccount.id == account.id, CitizenAccount.password_hash.is_(None))
        .values(
            password_hash=hash_password(password),
            activated_at=now,
            password_changed_at=now,
        )
    )
    activated = result.rowcount == 1
    if activated:
        # In the same transaction: the account is active if and only if it is announced.
        events.publish(session, account, "account_activated", now=now)
    session.commit()
    return activated


def reset_password(
    session: Session, account: CitizenAccount, password: str, now: dt.datetime
) -> bool:
    """Replaces the password the reset link was made for; False if it changed meanwhile."""
    changed = session.execute(
        update(CitizenAccount)
        .where(
            CitizenAccount.id == account.id,
            CitizenAccount.password_hash == account.password_hash,
        )
        .values(password_hash=hash_password(password), password_changed_at=now)
    )
    if changed.rowcount != 1:
        session.rollback()
        return False
    # A new password signs out every other session.
    auth_sessions.end_all(session, "citizen", account.id, now)
    # A security email: always sent, whatever the preferences say.
    events.publish(session, account, "password_changed", now=now)
    session.commit()
    return True


def request_password_reset(session: Session, email: str) -> None:
    # The account is looked up later, by the worker: the answer takes the same time whether
    # or not the address has an account.
    jobs.enqueue(session, "password_reset", {"email": email})
    session.commit()


@jobs.handler("password_reset")
def queue_password_reset(job_session: Session, payload: dict, now: dt.datetime) -> None:
    account = citizen_account(job_session, payload["email"])
    if account is None or not account.password_hash:
        return
    token = make_token("password-reset", account.id, account.password_hash)
    queue_email(
        job_session,
        to=account.email,
        template="password_reset",
        name=account.request.answers["first_name"],
        link=public_url("sign_in.reset_password", token=token),
        expires_at=now + dt.timedelta(seconds=max_age("password-reset")),
    )
