"""The link in the approval email: set the password once, within 72 hours."""

import datetime as dt

from flask import Blueprint, abort, request, url_for

from webapp import rate_limits
from webapp.auth import service as auth_service
from webapp.auth import set_password as set_password_page
from webapp.auth.tokens import TokenExpired, TokenInvalid, read_token
from webapp.counter import service as counter_actions
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.models import CitizenAccount

bp = Blueprint("activation", __name__, url_prefix="/cont/activare")


@bp.route("/<token>", methods=["GET", "POST"])
def set_password(token: str):
    return set_password_page.page(
        token,
        kind="activation",
        heading="Alegeți parola contului",
        expired=lambda: render_page("pages/activation/expired.html", status=410, token=token),
        spent=lambda: render_page("pages/activation/already_active.html"),
        save=lambda account, password, now: auth_service.activate(db(), account, password, now),
        already_set=True,
    )


@bp.post("/retrimitere")
@rate_limits.limit("activation-resend")
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
