"""A request's timeline without signing in: the reference plus the last 4 digits of the CNP."""

from flask import Blueprint, current_app

from forms.status import StatusForm
from webapp import account_requests
from webapp.database import db
from webapp.extensions import limiter
from webapp.reference.counties import county
from webapp.rendering import render_page

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
        found = account_requests.find_by_reference(db(), form.reference.data)
        # One message for "no such reference" and "wrong digits": nothing to probe.
        if found is None or not found.cnp.endswith(form.cnp_end.data):
            problem = NOT_FOUND
        else:
            timeline = request_timeline(found)
    return render_page(
        "pages/status/status.html", "content", form=form, timeline=timeline, problem=problem
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
    if request.account is not None and request.account.activated_at:
        steps.append({"what": "Contul a fost activat", "when": request.account.activated_at})
    return steps
