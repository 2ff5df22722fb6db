"""Every rate limit of the site, and what each does when its storage cannot count (F8).

The counts live in the limiter's storage: Redis in production, so that all the instances share
them. When Redis does not answer, each limit gives the answer decided in RULES, never a 500:

- CLOSED: the action is refused with a page of its own (503, Retry-After) saying that nothing
  was saved or sent and that the answers filled in so far are kept (drafts live in the
  database). Chosen where an uncounted client could guess a secret (passwords, codes, the
  /stare digits) or pile up records and emails (submissions, uploads, resets, report requests).
- OPEN: the page works, uncounted, and the missing count is logged. Chosen for reading pages,
  downloads and draft saves, whose limits only protect the servers' time and disk, and where a
  refusal would stop people filling in or printing a form through no fault of theirs.

A route is limited only through `limit(name)` (or `count(name)` inside a view), so a limit
without a decided answer cannot exist: tests/webapp/test_rate_limits.py walks every limited
route of the URL map and fails on one that did not come through here.
"""

import enum
import functools
import time
from dataclasses import dataclass

from flask import Flask, current_app, g
from flask_limiter.util import get_remote_address
from flask_login import current_user
from limits import parse_many
from limits.errors import StorageError
from werkzeug.exceptions import TooManyRequests

from webapp.extensions import limiter

# The page asks to come back in a few minutes; Retry-After says the same to programs.
RETRY_AFTER_SECONDS = 120
# Redis on the network: a dead or unreachable server must cost a request well under a second.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class Outage(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"


@dataclass(frozen=True)
class Rule:
    setting: str  # the Config name of the rate ("5 per minute;30 per hour")
    outage: Outage
    why: str
    default: str | None = None  # when the setting is not in Config
    per_user: bool = False  # counted per signed-in person, else per address

    def rate(self) -> str:
        return current_app.config.get(self.setting) or self.default or ""


CLOSED, OPEN = Outage.CLOSED, Outage.OPEN
NAME_STATUS_REFERENCE = "status-reference"
RULES: dict[str, Rule] = {
    "sign-in": Rule("SIGN_IN_RATE_LIMIT", CLOSED, "password guessing"),
    "sign-in-code": Rule("SIGN_IN_RATE_LIMIT", CLOSED, "second-factor code guessing"),
    "password-reset": Rule("RESEND_RATE_LIMIT", CLOSED, "emails sent to any address"),
    "activation-resend": Rule("RESEND_RATE_LIMIT", CLOSED, "emails sent to any address"),
    "status": Rule("STATUS_RATE_LIMIT", CLOSED, "guessing the 4 digits of /stare"),
    "status-reference": Rule(
        "STATUS_REFERENCE_RATE_LIMIT", CLOSED, "guessing one reference's digits from many addresses"
    ),
    "account-request": Rule("ACCOUNT_SUBMIT_RATE_LIMIT", CLOSED, "requests and emails"),
    "payment": Rule("ACCOUNT_SUBMIT_RATE_LIMIT", CLOSED, "confirmed printouts"),
    "payment-abroad": Rule("ACCOUNT_SUBMIT_RATE_LIMIT", CLOSED, "confirmed printouts"),
    "life-certificate": Rule("ACCOUNT_SUBMIT_RATE_LIMIT", CLOSED, "confirmed printouts"),
    "life-certificate-upload": Rule(
        "LIFE_CERTIFICATE_UPLOAD_RATE_LIMIT", CLOSED, "stored scans and emails"
    ),
    "life-certificate-upload-status": Rule(
        "LIFE_CERTIFICATE_UPLOAD_RATE_LIMIT", OPEN, "a reading page behind a signed token"
    ),
    "qes-upload": Rule("QES_UPLOAD_RATE_LIMIT", CLOSED, "stored files, signature checks"),
    "petition-files": Rule(
        "PETITION_UPLOAD_RATE_LIMIT", CLOSED, "stored files", default="30 per minute;200 per hour"
    ),
    "petition": Rule(
        "PETITION_SUBMIT_RATE_LIMIT",
        CLOSED,
        "petitions and emails",
        default="5 per minute;30 per hour",
    ),
    "report-request": Rule("REPORT_REQUEST_RATE_LIMIT", CLOSED, "report jobs (CPU)"),
    "report-verify": Rule(
        "VERIFY_RATE_LIMIT", OPEN, "a reading page; the 20-character code is not guessable"
    ),
    "draft-save": Rule("DRAFT_SAVE_RATE_LIMIT", OPEN, "draft rows filling the database (F7)"),
    "download": Rule("DOWNLOAD_RATE_LIMIT", OPEN, "PDF/Word rendering (F6)", per_user=True),
}


class LimitsUnavailable(Exception):
    """A fail-closed limit could not be counted: answered with the outage page."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def client_key() -> str:
    """A signed-in person is one client whatever their address (a county office shares one);
    anyone else is their address."""
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.get_id()}"
    return get_remote_address()


def limit(name: str, **options):
    """The view limited by RULES[name], with that rule's answer when the storage is down.
    `options` go to Flask-Limiter's limit() (methods, on_breach, deduct_when)."""
    rule = RULES[name]
    if rule.per_user:
        options.setdefault("key_func", client_key)

    def decorate(view):
        @functools.wraps(view)
        def counted_view(*args, **kwargs):
            # Past the count: a storage error from here on is the view's own, not the limit's.
            g.rate_limit_counted = True
            return view(*args, **kwargs)

        limited = limiter.limit(rule.rate, **options)(counted_view)

        @functools.wraps(view)
        def guarded(*args, **kwargs):
            try:
                return limited(*args, **kwargs)
            except StorageError as error:
                if g.get("rate_limit_counted"):
                    raise
                _storage_down(name, error)
                return view(*args, **kwargs)

        guarded.rate_limit = name
        guarded.rate_limit_methods = tuple(options.get("methods") or ())
        return guarded

    return decorate


def count(name: str, key: str | None = None, *, namespace: str | None = None) -> None:
    """Count one hit of RULES[name] for `key` (the client by default) inside a view; a 429
    when its rate is used up. For counts that are not one per route (draft saves, which many
    pages make)."""
    if not _enabled():
        return
    rule = RULES[name]
    key = key or (client_key() if rule.per_user else get_remote_address())
    try:
        for item in parse_many(rule.rate()):
            if not limiter.limiter.hit(item, namespace or name, key):
                current_app.logger.info("ratelimit %s (%s) exceeded: %s", item, key, name)
                reset, _ = limiter.limiter.get_window_stats(item, namespace or name, key)
                raise TooManyRequests(retry_after=max(1, int(reset - time.time())))
    except StorageError as error:
        _storage_down(name, error)


def storage_down(name: str, error: Exception) -> None:
    """For counts kept by hand (webapp/account/status_attempts.py): the rule's outage answer."""
    _storage_down(name, error)


def _storage_down(name: str, error: Exception) -> None:
    """Raises LimitsUnavailable for a fail-closed rule; returns (logged) for a fail-open one."""
    rule = RULES[name]
    cause = getattr(error, "storage_error", error)
    if rule.outage is CLOSED:
        current_app.logger.error(
            "Rate limit storage unavailable: %s refused (fail closed): %s", name, cause
        )
        raise LimitsUnavailable(name) from error
    current_app.logger.warning(
        "Rate limit storage unavailable: %s let through uncounted (fail open): %s", name, cause
    )


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def init_app(app: Flask) -> None:
    uri = app.config.get("RATELIMIT_STORAGE_URI", "")
    if uri.startswith(("redis://", "rediss://")):
        options = app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {})
        for option, value in REDIS_TIMEOUTS.items():
            options.setdefault(option, value)
    limiter.init_app(app)
    app.register_error_handler(LimitsUnavailable, _outage_page)


def _outage_page(error: LimitsUnavailable):
    from webapp.errors import refusal_page

    sign_in = error.name in ("sign-in", "sign-in-code")
    heading = (
        "Autentificarea nu este disponibilă acum"
        if sign_in
        else "Trimiterea nu este disponibilă acum"
    )
    response = refusal_page(503, heading, "pages/errors/limits_unavailable.html", sign_in=sign_in)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def routes_limited(app: Flask) -> dict[str, str | None]:
    """Every endpoint whose view Flask-Limiter counts, with the RULES name it came through
    (None: limited some other way, without a decided outage answer)."""
    from flask_limiter.util import get_qualified_name

    marked = limiter._marked_for_limiting
    found = {}
    for endpoint, view in app.view_functions.items():
        if get_qualified_name(view) in marked:
            found[endpoint] = getattr(view, "rate_limit", None)
    return found


def describe() -> str:
    """RULES as a Markdown table (for the README)."""
    lines = ["| limit | setting | when Redis is down | why it is limited |", "|---|---|---|---|"]
    for name, rule in RULES.items():
        answer = "refused (503 page)" if rule.outage is CLOSED else "works, uncounted (logged)"
        lines.append(f"| {name} | `{rule.setting}` | {answer} | {rule.why} |")
    return "\n".join(lines)
