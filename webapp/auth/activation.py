"""The link in the approval email: set the password once, within 72 hours."""

import datetime as dt

from flask import Blueprint, abort, current_app, request, url_for

from domain.passwords import rules_met
from forms.passwords import SetPasswordForm
from webapp.auth import service as auth_service
from webapp.auth.tokens import TokenExpired, TokenInvalid, read_token, state_fingerprint
from webapp.counter import service as counter_actions
from webapp.db import db
from webapp.extensions import limiter
from webapp.htmx import render_page, see_other
from webapp.models import CitizenAccount

bp = Blueprint("activation", __name__, url_prefix="/cont/activare")


@bp.route("/<token>", methods=["GET", "POST"])
def set_password(token: str):
    try:
        payload = read_token("activation", token)
    except TokenInvalid:
        abort(404)
    except TokenExpired:
        return render_page("pages/activation/expired.html", status=410, token=token)
    account = db().get(CitizenAccount, payload["a"])
    if account is None:
        abort(404)
    if account.password_hash or state_fingerprint(account.password_hash) != payload["s"]:
        return render_page("pages/activation/already_active.html")
    form = SetPasswordForm(email=account.email)
    if request.method == "POST" and request.headers.get("X-Field-Live") == "password":
        return password_rules_fragment(form)
    if form.validate_on_submit() and not wants_to_see_password(form):
        now = dt.datetime.now(dt.UTC)
        if not auth_service.activate(db(), account, form.password.data, now):
            return render_page("pages/activation/already_active.html")
        return see_other(url_for("sign_in.sign_in", parola="setata"))
    return render_page(
        "pages/activation/set_password.html",
        "content",
        form=form,
        rules=rules_met(form.password.data or ""),
        action=url_for("activation.set_password", token=token),
        heading="Alegeți parola contului",
    )


@bp.post("/retrimitere")
@limiter.limit(lambda: current_app.config["RESEND_RATE_LIMIT"])
def resend():
    """A new link for an expired one; the expired token says which account."""
    try:
        read_token("activation", request.form.get("token", ""))
    except TokenInvalid:
        abort(404)
    except TokenExpired as expired:
        if expired.payload:
            account = db().get(CitizenAccount, expired.payload.get("a"))
            if account is not None and not account.password_hash:
                counter_actions.resend_activation(
                    db(),
                    account.request,
                    None,
                    remote_addr=request.remote_addr,
                    now=dt.datetime.now(dt.UTC),
                )
        return see_other(url_for("activation.resent"))
    # The link still works: nothing to re-send.
    return see_other(url_for("activation.set_password", token=request.form["token"]))


@bp.get("/retrimisa")
def resent():
    return render_page("pages/activation/resent.html")


def password_rules_fragment(form):
    response = render_page(
        "pages/activation/set_password.html",
        "password_rules",
        form=form,
        rules=rules_met(form.password.data or ""),
    )
    response.headers["HX-Retarget"] = "#password-rules"
    response.headers["HX-Reswap"] = "outerHTML"
    return response


def wants_to_see_password(form) -> bool:
    """Without JavaScript the box is only read on submit: show the password once, save next time."""
    return bool(form.show_password.data) and request.form.get("password_shown") != "1"
