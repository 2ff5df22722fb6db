"""Sign in, sign out, and a new password by email. No message reveals whether an email has
an account."""

import datetime as dt
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, request, session, url_for
from flask_login import login_user, logout_user
from sqlalchemy import select, update

from forms.passwords import SetPasswordForm, rules_met
from forms.sign_in import ForgotPasswordForm, SignInForm
from webapp import throttle
from webapp.activation import password_rules_fragment, wants_to_see_password
from webapp.auth import CitizenUser, StaffUser
from webapp.database import db
from webapp.extensions import limiter
from webapp.formatting import time_of_day
from webapp.models import CitizenAccount, StaffMember
from webapp.outbox.queue import queue_email
from webapp.passwords import hash_password, verify_password
from webapp.rendering import render_page, see_other
from webapp.tokens import (
    TokenExpired,
    TokenInvalid,
    make_token,
    max_age,
    read_token,
    state_fingerprint,
)

bp = Blueprint("sign_in", __name__)
WRONG = "Adresa de e-mail sau parola nu sunt corecte."


@bp.route("/autentificare", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def sign_in():
    form = SignInForm()
    problem = None
    now = dt.datetime.now(dt.UTC)
    if form.validate_on_submit():
        keys = [throttle.account_key(form.email.data), throttle.address_key(request.remote_addr)]
        locked = throttle.locked_until(db(), keys, now)
        if locked:
            problem = _locked_message(locked)
        else:
            user = _authenticate(form.email.data, form.password.data)
            if user is None:
                locked = throttle.record_failure(db(), keys, now)
                problem = _locked_message(locked) if locked else WRONG
            else:
                throttle.clear(db(), keys[0])
                # A new session at sign-in: nothing from before carries over.
                session.clear()
                login_user(user)
                session.permanent = True
                return see_other(_next_page(user))
    notice = None
    if session.pop("signed_out_idle", False):
        notice = "Ați fost deconectat după 30 de minute fără activitate. Autentificați-vă din nou."
    if request.args.get("parola") == "setata":
        notice = "Parola a fost setată. Autentificați-vă cu adresa de e-mail și parola nouă."
    return render_page(
        "pages/sign_in/sign_in.html", "content", form=form, problem=problem, notice=notice
    )


@bp.post("/iesire")
def sign_out():
    logout_user()
    session.clear()
    return see_other(url_for("sign_in.sign_in", iesit=1))


@bp.route("/parola-uitata", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["RESEND_RATE_LIMIT"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        account = (
            db()
            .execute(select(CitizenAccount).where(CitizenAccount.email == form.email.data))
            .scalar_one_or_none()
        )
        if account is not None and account.password_hash:
            _queue_reset(account)
        # The same answer whether or not the address has an account.
        return see_other(url_for("sign_in.forgot_password_sent"))
    return render_page("pages/sign_in/forgot.html", "content", form=form)


@bp.get("/parola-uitata/trimis")
def forgot_password_sent():
    return render_page("pages/sign_in/forgot_sent.html")


@bp.route("/parola-noua/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        payload = read_token("password-reset", token)
    except TokenInvalid:
        abort(404)
    except TokenExpired:
        return render_page("pages/sign_in/reset_expired.html", status=410)
    account = db().get(CitizenAccount, payload["a"])
    if account is None:
        abort(404)
    if state_fingerprint(account.password_hash) != payload["s"]:
        return render_page("pages/sign_in/reset_used.html", status=410)
    form = SetPasswordForm(email=account.email)
    if request.method == "POST" and request.headers.get("X-Field-Live") == "password":
        return password_rules_fragment(form)
    if form.validate_on_submit() and not wants_to_see_password(form):
        now = dt.datetime.now(dt.UTC)
        changed = db().execute(
            update(CitizenAccount)
            .where(
                CitizenAccount.id == account.id,
                CitizenAccount.password_hash == account.password_hash,
            )
            .values(password_hash=hash_password(form.password.data), password_changed_at=now)
        )
        db().commit()
        if changed.rowcount != 1:
            return render_page("pages/sign_in/reset_used.html", status=410)
        return see_other(url_for("sign_in.sign_in", parola="setata"))
    return render_page(
        "pages/activation/set_password.html",
        "content",
        form=form,
        rules=rules_met(form.password.data or ""),
        action=url_for("sign_in.reset_password", token=token),
        heading="Alegeți o parolă nouă",
    )


def _authenticate(email: str, password: str):
    email = email.strip().lower()
    member = (
        db()
        .execute(
            select(StaffMember).where(StaffMember.email == email, StaffMember.active.is_(True))
        )
        .scalar_one_or_none()
    )
    if member is not None and verify_password(member.password_hash, password):
        return StaffUser(member)
    account = (
        db()
        .execute(select(CitizenAccount).where(CitizenAccount.email == email))
        .scalar_one_or_none()
    )
    if verify_password(account.password_hash if account else None, password):
        return CitizenUser(account)
    return None


def _locked_message(until: dt.datetime) -> str:
    return (
        "Au fost prea multe încercări greșite. Din motive de securitate, puteți încerca din nou "
        f"după ora {time_of_day(until)}. Dacă nu vă amintiți parola, folosiți „Am uitat parola”."
    )


def _next_page(user) -> str:
    target = request.args.get("next", "")
    parts = urlsplit(target)
    # Only a path on this site: never an open redirect.
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        area = "/ghiseu" if user.is_staff else "/contul-meu"
        if parts.path.startswith(area):
            return target
    return url_for("counter.queue") if user.is_staff else url_for("my_account.index")


def _queue_reset(account: CitizenAccount) -> None:
    now = dt.datetime.now(dt.UTC)
    token = make_token("password-reset", account.id, account.password_hash)
    queue_email(
        db(),
        to=account.email,
        template="password_reset",
        name=account.request.answers["first_name"],
        link=url_for("sign_in.reset_password", token=token, _external=True),
        expires_at=now + dt.timedelta(seconds=max_age("password-reset")),
    )
    db().commit()
