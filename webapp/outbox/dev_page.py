"""/dezvoltare/emailuri: the outbox, newest first, for development without an SMTP server.

Registered only in development without SMTP_HOST (`init_app`), and refuses itself with a 404
anywhere else, so that registering it by mistake shows no one's email.
"""

from collections.abc import Mapping

from flask import Blueprint, Flask, abort, current_app

from domain import ro
from webapp.db import db
from webapp.htmx import render_page
from webapp.models import OutboxEmail
from webapp.outbox import queries as outbox_queries

bp = Blueprint("dev_emails", __name__, url_prefix="/dezvoltare/emailuri")

SHOWN = 100


def dev_page_enabled(config: Mapping) -> bool:
    return config.get("ENV_NAME") == "development" and not config.get("SMTP_HOST")


def init_app(app: Flask) -> None:
    if dev_page_enabled(app.config) and bp.name not in app.blueprints:
        app.register_blueprint(bp)


@bp.before_request
def _development_only():
    if not dev_page_enabled(current_app.config):
        abort(404)


@bp.get("")
def index():
    emails = outbox_queries.newest(db(), SHOWN)
    return render_page("pages/dev/emails.html", emails=[_shown(email) for email in emails])


def _shown(email: OutboxEmail) -> dict:
    return {
        "id": email.id,
        "subject": email.subject,
        "recipient": email.recipient,
        "template": email.template,
        "created": _when(email.created_at),
        "status": _status(email),
        "text_body": email.text_body,
    }


def _status(email: OutboxEmail) -> str:
    if email.status == "sent":
        return f"Trimis pe {_when(email.sent_at)}"
    if email.status == "failed":
        return (
            f"Nu a putut fi trimis: refuzat definitiv după {_attempts(email.attempts)}, "
            f"nu se mai încearcă (din {_when(email.failed_at)}). Ultima eroare: {email.last_error}"
        )
    if email.status == "pending":
        return "Netrimis (în outbox)"
    return (
        f"Netrimis după {_attempts(email.attempts)}; următoarea pe {_when(email.next_attempt_at)}. "
        f"Ultima eroare: {email.last_error}"
    )


def _attempts(count: int) -> str:
    return ro.count(count, "încercare", "încercări", single="o încercare")


def _when(value) -> str:
    return f"{ro.long_date(value)}, ora {ro.time_of_day(value)}"
