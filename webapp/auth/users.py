"""Who is signed in: citizens and staff, kept apart. Each area refuses the other.

Flask-Login's user id is "<token>.<fingerprint>": the token names a row of auth_sessions
(webapp.auth.sessions), which signing out, the idle limit and the absolute lifetime end on the
server; the fingerprint of the password hash signs the person out everywhere when the password
changes.
"""

import datetime as dt
from functools import wraps

from flask import Flask, current_app, g, redirect, request, session, url_for
from flask_login import UserMixin, current_user, logout_user

from webapp.auth import sessions as auth_sessions
from webapp.auth.tokens import state_fingerprint
from webapp.db import db
from webapp.errors import refuse
from webapp.extensions import login_manager
from webapp.models import AuthSession, CitizenAccount, StaffMember

USER_ID = "_user_id"


class SignedInUser(UserMixin):
    kind = ""

    def __init__(self, token: str, password_hash: str | None):
        self.token = token
        self.id = f"{token}.{state_fingerprint(password_hash)}"


class CitizenUser(SignedInUser):
    is_staff = False
    kind = "citizen"

    def __init__(self, account: CitizenAccount, token: str):
        super().__init__(token, account.password_hash)
        self.account = account


class StaffUser(SignedInUser):
    is_staff = True
    kind = "staff"

    def __init__(self, member: StaffMember, token: str):
        super().__init__(token, member.password_hash)
        self.member = member

    @property
    def is_supervisor(self) -> bool:
        return self.member.is_supervisor


def start_session(kind: str, person, now: dt.datetime) -> SignedInUser:
    """Records a new server-side session for a person who has just proved who they are."""
    token = auth_sessions.start(db(), kind, person.id, now)
    db().commit()
    return CitizenUser(person, token) if kind == "citizen" else StaffUser(person, token)


def end_session() -> None:
    """Signs out: ends the row, so that a copy of the cookie stops working too."""
    token, _, _ = (session.get(USER_ID) or "").partition(".")
    if token:
        auth_sessions.end(db(), token, dt.datetime.now(dt.UTC))
    logout_user()
    session.clear()


def _limits() -> tuple[dt.timedelta, dt.timedelta]:
    config = current_app.config
    return (
        dt.timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
        dt.timedelta(hours=config["SESSION_ABSOLUTE_HOURS"]),
    )


def _row(token: str) -> AuthSession | None:
    if not token:
        return None
    return db().get(AuthSession, auth_sessions.session_id(token))


@login_manager.user_loader
def load_user(user_id: str):
    token, _, fingerprint = user_id.partition(".")
    row = _row(token)
    now = dt.datetime.now(dt.UTC)
    if auth_sessions.state(row, now, *_limits()) != "valid":
        return None
    if row.user_kind == "citizen":
        account = db().get(CitizenAccount, row.user_id)
        if account and account.password_hash and _matches(account.password_hash, fingerprint):
            auth_sessions.touch(db(), row, now)
            return CitizenUser(account, token)
    elif row.user_kind == "staff":
        member = db().get(StaffMember, row.user_id)
        if member and member.active and _matches(member.password_hash, fingerprint):
            auth_sessions.touch(db(), row, now)
            return StaffUser(member, token)
    return None


def _matches(password_hash: str, fingerprint: str) -> bool:
    return state_fingerprint(password_hash) == fingerprint


# What a signed-in person refused an area is told to do instead (m17).
STAFF_ONLY = (
    "Pagina este doar pentru personalul caselor de pensii. Contul dumneavoastră are paginile lui."
)
SUPERVISOR_ONLY = (
    "Pagina o poate deschide doar un supervizor al casei de pensii. Dacă aveți nevoie de ceva "
    "din ea, cereți-i supervizorului."
)
CITIZEN_ONLY = (
    "Pagina este pentru cetățenii cu cont online. Contul cu care v-ați autentificat este al "
    "personalului casei de pensii."
)


def staff_required(view):
    return _requires(lambda user: user.is_staff, STAFF_ONLY)(view)


def supervisor_required(view):
    return _requires(lambda user: user.is_staff and user.is_supervisor, SUPERVISOR_ONLY)(view)


def citizen_required(view):
    return _requires(lambda user: not user.is_staff, CITIZEN_ONLY)(view)


def _own_start(user) -> tuple[str, str]:
    if user.is_staff:
        return ("Mergeți la lista de cereri", url_for("counter.queue"))
    return ("Mergeți la contul dumneavoastră", url_for("my_account.index"))


def _requires(allowed, refusal: str):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not allowed(current_user):
                refuse(refusal, _own_start(current_user))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _expire_sessions():
    """Signs out after SESSION_IDLE_MINUTES without a request or SESSION_ABSOLUTE_HOURS after
    sign-in, judged by the server's row (drafts of anonymous forms stay)."""
    user_id = session.get(USER_ID)
    if not user_id:
        return None
    now = dt.datetime.now(dt.UTC)
    row = _row(user_id.partition(".")[0])
    reason = auth_sessions.state(row, now, *_limits())
    if reason == "valid":
        return None
    if row is not None and row.ended_at is None:
        row.ended_at = now
        db().commit()
    logout_user()
    session.clear()
    g.pop("_login_user", None)
    if reason in ("idle", "expired"):
        session["signed_out"] = reason
        return redirect(url_for("sign_in.sign_in", next=request.full_path))
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "sign_in.sign_in"
    login_manager.login_message = "Autentificați-vă pentru a vedea această pagină."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(_expire_sessions)
