"""Slowing down password (and staff code) guessing without handing anyone a way to lock others
out (F5, usability review B3).

Three kinds of row in sign_in_failures, each keyed by an HMAC (SECRET_KEY) of what was typed,
never the text itself:

- the (email, address) PAIR. After PAIR_FREE_FAILURES failures each further one makes that pair
  wait twice as long as the last (1 minute, 2, 4 … up to an hour). Only that pair waits: the
  owner elsewhere, a colleague behind the same county-office NAT or another subscriber behind
  the same mobile CGNAT address are never slowed by it. This allows at most 34 failures per pair
  per 24 hours (6 at once, then one after waits of 1, 2, 4, 8, 16 and 32 minutes, then one an
  hour; tests/webapp/auth/test_throttle.py checks both numbers).
- the ACCOUNT's budget: failures for one email from all addresses together. Once it reaches
  ACCOUNT_DAILY_FAILURES (50) within 24 hours, sign-in for that email from an unfamiliar browser
  and address waits until 24 hours after the last counted failure, or until the owner sets a new
  password through the emailed "Am uitat parola" link, which clears it. Refused attempts are not
  counted. So whoever is not on the owner's own browser or address gets at most 50 wrong
  guesses per account in any 24 hours, however many addresses they use.
- a KNOWN pair: an (email, address) that signed in successfully within KNOWN_FOR. With a known
  pair, or from a browser that signed in to that account before (webapp.auth.known_browsers), the
  account's budget does not apply, only the pair's own slowdown: an attack from elsewhere
  never locks the owner out where they usually sign in. Staff sign in from their counter's
  browser and office address, so the public can never lock them out.

Only failures of a valid form count (empty or malformed fields never reach this module).
"""

import datetime as dt
import hashlib
import hmac

from flask import current_app
from sqlalchemy.orm import Session

from webapp.models import SignInFailure

PAIR_FREE_FAILURES = 5
FIRST_LOCK = dt.timedelta(minutes=1)
MAX_LOCK = dt.timedelta(hours=1)
ACCOUNT_DAILY_FAILURES = 50
FORGET_AFTER = dt.timedelta(hours=24)
KNOWN_FOR = dt.timedelta(days=90)


def keyed(*parts: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()


def normalised(email: str) -> str:
    return email.strip().lower()


def _pair_key(scope: str, email: str, address: str | None) -> str:
    return keyed(scope, "pair", normalised(email), address or "")


def _account_key(scope: str, email: str) -> str:
    return keyed(scope, "account", normalised(email))


def _known_key(email: str, address: str | None) -> str:
    return keyed("known", normalised(email), address or "")


def waiting_until(
    session: Session,
    scope: str,
    email: str,
    address: str | None,
    now: dt.datetime,
    known_browser: bool = False,
) -> dt.datetime | None:
    """Until when this attempt must wait, or None to check the password (or code)."""
    pair = session.get(SignInFailure, _pair_key(scope, email, address))
    if pair is not None and pair.locked_until and pair.locked_until > now:
        return pair.locked_until
    if known_browser or is_known_pair(session, email, address, now):
        return None
    account = session.get(SignInFailure, _account_key(scope, email))
    if account is not None and account.locked_until and account.locked_until > now:
        return account.locked_until
    return None


def record_failure(
    session: Session, scope: str, email: str, address: str | None, now: dt.datetime
) -> None:
    pair = _fresh_row(session, _pair_key(scope, email, address), now)
    beyond = pair.failures - PAIR_FREE_FAILURES
    if beyond > 0:
        pair.locked_until = now + min(FIRST_LOCK * 2 ** (beyond - 1), MAX_LOCK)
    account = _fresh_row(session, _account_key(scope, email), now)
    if account.failures >= ACCOUNT_DAILY_FAILURES:
        account.locked_until = now + FORGET_AFTER
    session.commit()


def record_success(
    session: Session, scope: str, email: str, address: str | None, now: dt.datetime
) -> None:
    """Clears the pair's slowdown (not the account's budget: an attack may still be going on)
    and remembers the pair as the owner's."""
    _delete(session, _pair_key(scope, email, address))
    key = _known_key(email, address)
    known = session.get(SignInFailure, key)
    if known is None:
        known = SignInFailure(key=key, failures=0)
        session.add(known)
    # For a known pair the row's time is that of the last success.
    known.last_failure_at = now
    session.commit()


def is_known_pair(session: Session, email: str, address: str | None, now: dt.datetime) -> bool:
    known = session.get(SignInFailure, _known_key(email, address))
    return known is not None and now - known.last_failure_at < KNOWN_FOR


def forget_account(session: Session, email: str) -> None:
    """After the owner proved they read the account's email (a new password by email)."""
    for scope in ("password", "code"):
        _delete(session, _account_key(scope, email))
    session.commit()


def _fresh_row(session: Session, key: str, now: dt.datetime) -> SignInFailure:
    row = session.get(SignInFailure, key)
    if row is None:
        row = SignInFailure(key=key, failures=0)
        session.add(row)
    elif now - row.last_failure_at > FORGET_AFTER:
        row.failures = 0
        row.locked_until = None
    row.failures += 1
    row.last_failure_at = now
    return row


def _delete(session: Session, key: str) -> None:
    row = session.get(SignInFailure, key)
    if row is not None:
        session.delete(row)
