"""The account's notifications (/contul-meu/notificari): the list, newest first, a page at a
time; marking one or all read (a real POST form: with htmx the list and the header's count are
replaced in place, without JavaScript POST/redirect/GET); the email preferences."""

import datetime as dt

from flask import Blueprint, abort, flash, request, url_for
from flask_login import current_user

from domain.notifications import KINDS, OPTIONAL_KINDS, SECURITY_KINDS
from forms.notifications import PreferencesForm
from webapp.auth.users import citizen_required
from webapp.db import db
from webapp.htmx import render_page, see_other, wants_fragment

# Imported for its background job's handler, which the worker must know.
from webapp.notifications import life_certificate, queries, service  # noqa: F401

bp = Blueprint("notifications", __name__, url_prefix="/contul-meu/notificari")

LIST = "pages/notifications/index.html"


def _asked_page() -> str:
    return (request.values.get("pagina") or "1")[:7]


def _list(status: int = 200):
    account_id = current_user.account.id
    page = queries.page_of(
        db(),
        account_id,
        _asked_page(),
        lambda number: url_for("notifications.index", pagina=number),
    )
    return render_page(
        LIST,
        block="notification_list",
        status=status,
        page=page,
        unread=queries.unread_count(db(), account_id),
        fragment=wants_fragment(),
    )


def _back():
    if wants_fragment():
        return _list()
    number = _asked_page()
    return see_other(url_for("notifications.index", pagina=number if number != "1" else None))


@bp.get("/")
@citizen_required
def index():
    return _list()


@bp.post("/<int:notification_id>/citita")
@citizen_required
def mark_read(notification_id: int):
    now = dt.datetime.now(dt.UTC)
    if not service.mark_read(db(), current_user.account.id, notification_id, now):
        abort(404)
    return _back()


@bp.post("/citite")
@citizen_required
def mark_all_read():
    service.mark_all_read(db(), current_user.account.id, dt.datetime.now(dt.UTC))
    return _back()


@bp.route("/preferinte", methods=["GET", "POST"])
@citizen_required
def preferences():
    account_id = current_user.account.id
    chosen = queries.preferences(db(), account_id)
    form = PreferencesForm(
        data={"emailed": [kind for kind in OPTIONAL_KINDS if chosen.get(kind, True)]}
    )
    if form.validate_on_submit():
        service.save_preferences(db(), account_id, set(form.emailed.data or ()))
        flash("Am salvat preferințele pentru e-mailuri.", "success")
        return see_other(url_for("notifications.preferences"))
    return render_page(
        "pages/notifications/preferences.html",
        status=400 if form.errors else 200,
        form=form,
        kinds=KINDS,
        security_kinds=[kind for kind in KINDS if kind in SECURITY_KINDS],
    )
