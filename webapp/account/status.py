"""A request's timeline without signing in: the reference plus the last 4 digits of the CNP."""

import datetime as dt

from flask import Blueprint, current_app

from domain import ro
from domain.reference.counties import county
from forms.status import StatusForm
from webapp import retention
from webapp.account import service as account_requests
from webapp.account import status_attempts
from webapp.db import db
from webapp.extensions import limiter
from webapp.htmx import render_page

bp = Blueprint("status", __name__)
NOT_FOUND = (
    "Nu am găsit o cerere cu aceste date. Verificați numărul de referință de pe cererea "
    "tipărită și ultimele 4 cifre ale CNP-ului."
)


@bp.route("/stare", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["STATUS_RATE_LIMIT"], methods=["POST"])
def status():
    form = StatusForm()
    timeline = None
    problem = None
    if form.validate_on_submit():
        reference = form.reference.data
        now = dt.datetime.now(dt.UTC)
        if until := status_attempts.blocked_until(reference, now):
            # Not even looked up: the same answer whether it exists and whatever was typed.
            problem = f"{NOT_FOUND} {try_again(until, now)}"
        else:
            found = account_requests.find_by_reference(db(), reference)
            # One message for "no such reference" and "wrong digits": nothing to probe.
            if found is None or not found.cnp.endswith(form.cnp_end.data):
                status_attempts.record_wrong(reference)
                problem = NOT_FOUND
            else:
                timeline = request_timeline(found)
    return render_page(
        "pages/status/status.html", "content", form=form, timeline=timeline, problem=problem
    )


def try_again(until: dt.datetime, now: dt.datetime) -> str:
    # Whole minutes, rounded up, so that "după ora 14:06" is never a minute too early.
    until = until.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    if ro.local(until).date() == ro.local(now).date():
        return (
            f"Ați încercat de prea multe ori. Încercați din nou după ora {ro.time_of_day(until)}."
        )
    return (
        "Ați încercat de prea multe ori. Încercați din nou "
        f"pe {ro.long_date(until)}, după ora {ro.time_of_day(until)}."
    )


def request_timeline(request) -> list[dict]:
    """Only dates and outcomes: no name, address or other personal data."""
    steps = [{"what": "Cererea a fost trimisă online", "when": request.submitted_at}]
    if request.registered_at:
        house = county(request.registered_county).house_name
        steps.append(
            {"what": f"Cererea a fost înregistrată la {house}", "when": request.registered_at}
        )
    if request.status == "approved":
        steps.append({"what": "Cererea a fost aprobată", "when": request.decided_at})
    if request.status == "rejected":
        steps.append(
            {
                "what": "Cererea a fost respinsă",
                "when": request.decided_at,
                "detail": f"Motivul: {request.rejection_reason}",
            }
        )
    if request.status == "expired":
        steps.append(
            retention.expiry_step(request, retention.Periods.from_config(current_app.config))
        )
    if request.account is not None and request.account.activated_at:
        steps.append({"what": "Contul a fost activat", "when": request.account.activated_at})
    return steps
