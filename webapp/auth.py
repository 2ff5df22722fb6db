"""Who is signed in: citizens and staff, kept apart. Each area refuses the other.

The session holds "citizen:<id>:<fingerprint>" or "staff:<id>:<fingerprint>"; the fingerprint of
the password hash signs the person out everywhere when the password changes.
"""

import datetime as dt
from functools import wraps

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_login import UserMixin, current_user, logout_user

from webapp.database import db
from webapp.extensions import login_manager
from webapp.models import CitizenAccount, StaffMember
from webapp.tokens import state_fingerprint

LAST_SEEN = "last_seen"


class CitizenUser(UserMixin):
    is_staff = False

    def __init__(self, account: CitizenAccount):
        self.account = account
        self.id = f"citizen:{account.id}:{state_fingerprint(account.password_hash)}"


class StaffUser(UserMixin):
    is_staff = True

    def __init__(self, member: StaffMember):
        self.member = member
        self.id = f"staff:{member.id}:{state_fingerprint(member.password_hash)}"

    @property
    def is_supervisor(self) -> bool:
        return self.member.is_supervisor


@login_manager.user_loader
def load_user(user_id: str):
    kind, _, rest = user_id.partition(":")
    number, _, fingerprint = rest.partition(":")
    if not number.isdigit():
        return None
    if kind == "citizen":
        account = db().get(CitizenAccount, int(number))
        if account and account.password_hash and _matches(account.password_hash, fingerprint):
            return CitizenUser(account)
    elif kind == "staff":
        member = db().get(StaffMember, int(number))
        if member and member.active and _matches(member.password_hash, fingerprint):
            return StaffUser(member)
    return None


def _matches(password_hash: str, fingerprint: str) -> bool:
    return state_fingerprint(password_hash) == fingerprint


def staff_required(view):
    return _requires(lambda user: user.is_staff)(view)


def supervisor_required(view):
    return _requires(lambda user: user.is_staff and user.is_supervisor)(view)


def citizen_required(view):
    return _requires(lambda user: not user.is_staff)(view)


def _requires(allowed):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def _expire_idle_sessions():
    """Sign out after SESSION_IDLE_MINUTES without a request (drafts of anonymous forms stay)."""
    if not current_user.is_authenticated:
        return None
    now = dt.datetime.now(dt.UTC).timestamp()
    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    last_seen = session.get(LAST_SEEN, now)
    if now - last_seen > idle_limit:
        logout_user()
        session.clear()
        session["signed_out_idle"] = True
        return redirect(url_for("sign_in.sign_in", next=request.full_path))
    session[LAST_SEEN] = now
    return None


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "sign_in.sign_in"
    login_manager.login_message = "Autentificați-vă pentru a vedea această pagină."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.before_request(_expire_idle_sessions)
