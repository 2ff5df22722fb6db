"""Wrong /stare attempts counted per reference, whatever the address (F15).

The secret is 4 digits and references are sequential, so a per-address limit alone lets many
addresses share the guessing. Every well-formed reference is counted the same way, whether it
exists or not, so the answer never tells which. The counts live in the rate limiter's storage
(shared by the workers when RATELIMIT_STORAGE_URI is Redis) and follow RATELIMIT_ENABLED. If the
storage cannot answer, the check fails closed (rule "status-reference" in webapp/rate_limits.py):
a brute force must not get through an outage, and the person is told it is the site, not them.
"""

import datetime as dt

from flask import current_app
from limits import parse_many
from limits.errors import StorageError

from webapp import rate_limits
from webapp.extensions import limiter

DEFAULT_LIMITS = "5 per hour;20 per day"
NAMESPACE = "status-reference"


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _limits():
    return parse_many(current_app.config.get("STATUS_REFERENCE_RATE_LIMIT") or DEFAULT_LIMITS)


def blocked_until(reference: str, now: dt.datetime) -> dt.datetime | None:
    """When the reference may be tried again, if its wrong attempts are used up."""
    if not _enabled():
        return None
    latest = None
    try:
        for item in _limits():
            if not limiter.limiter.test(item, NAMESPACE, reference):
                reset, _ = limiter.limiter.get_window_stats(item, NAMESPACE, reference)
                until = dt.datetime.fromtimestamp(reset, dt.UTC)
                latest = until if latest is None else max(latest, until)
    except StorageError as error:
        rate_limits.storage_down(rate_limits.NAME_STATUS_REFERENCE, error)
    return latest


def record_wrong(reference: str) -> None:
    if not _enabled():
        return
    try:
        for item in _limits():
            limiter.limiter.hit(item, NAMESPACE, reference)
    except StorageError as error:
        rate_limits.storage_down(rate_limits.NAME_STATUS_REFERENCE, error)
