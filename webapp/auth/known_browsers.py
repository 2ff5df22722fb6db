"""Browsers that have signed in to an account before (webapp.auth.throttle): a signed cookie holding
keyed hashes of the emails that signed in from it, so that the owner's own browser keeps
working while someone elsewhere exhausts the account's daily budget of failures."""

from flask import current_app, request
from flask.wrappers import Response
from itsdangerous import BadSignature, URLSafeSerializer

from webapp.auth.throttle import KNOWN_FOR, keyed, normalised

COOKIE = "portal_dispozitiv"
# A shared computer (a county counter, a family's laptop) may serve several accounts.
MAX_ACCOUNTS = 5


def _name() -> str:
    # __Host-: HTTPS only, this host only, so a sibling subdomain cannot plant one.
    return f"__Host-{COOKIE}" if current_app.config["SESSION_COOKIE_SECURE"] else COOKIE


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="portal-pensii.known-browser")


def _entries() -> list[str]:
    value = request.cookies.get(_name())
    if not value:
        return []
    try:
        entries = _serializer().loads(value)
    except BadSignature:
        return []
    return (
        [entry for entry in entries if isinstance(entry, str)] if isinstance(entries, list) else []
    )


def _entry(email: str) -> str:
    return keyed("browser", normalised(email))


def knows(email: str) -> bool:
    return _entry(email) in _entries()


def remember(response: Response, email: str) -> None:
    entry = _entry(email)
    entries = [entry, *(other for other in _entries() if other != entry)][:MAX_ACCOUNTS]
    response.set_cookie(
        _name(),
        _serializer().dumps(entries),
        max_age=int(KNOWN_FOR.total_seconds()),
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
