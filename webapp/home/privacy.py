"""/protectia-datelor: what personal data the portal keeps, for how long and why.

Minimal for now: the retention table from webapp/retention.py, so that the page can never
state a period other than the one the purges enforce.
"""

from flask import Blueprint, current_app

from webapp import retention
from webapp.htmx import render_page

bp = Blueprint("privacy", __name__)


@bp.get("/protectia-datelor")
def index():
    periods = retention.Periods.from_config(current_app.config)
    return render_page(
        "pages/privacy/index.html",
        rules=retention.rules(periods),
        contact=current_app.config.get("PRIVACY_CONTACT"),
    )
