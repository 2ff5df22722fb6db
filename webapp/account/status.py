"""A request's timeline without signing in: the reference plus the last 4 digits of the CNP,
and what the person does next (m12)."""

import datetime as dt

from flask import Blueprint, current_app

from domain import ro
from domain.account_requests import NO_PRINTER
from domain.reference.counties import county
from forms.status import StatusForm
from webapp import rate_limits, retention
from webapp.account import service as account_requests
from webapp.account import status_attempts
from webapp.auth.tokens import max_age
from webapp.db import db
from webapp.htmx import render_page
from webapp.outbox.queue import latest_status_for

bp = Blueprint("status", __name__)
NOT_FOUND = (
    "Nu am găsit o cerere cu aceste date. Verificați numărul de referință de pe cererea "
    "tipărită și ultimele 4 cifre ale CNP-ului."
)


@bp.route("/stare", methods=["GET", "POST"])
@rate_limits.limit("status", methods=["POST"])
def status():
    form = StatusForm()
    timeline = None
    next_step = None
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
                next_step = what_next(found, now)
    return render_page(
        "pages/status/status.html",
        "content",
        form=form,
        timeline=timeline,
        next_step=next_step,
        problem=problem,
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


def what_next(request, now: dt.datetime) -> str:
    """The one thing the person does now, for the request's status."""
    if request.status == "submitted":
        days = current_app.config["ACCOUNT_REQUEST_UNREGISTERED_DAYS"]
        register_by = request.submitted_at + dt.timedelta(days=days)
        return (
            "Mergeți la ghișeul oricărei case de pensii cu cererea semnată și actul de identitate, "
            f"până pe {ro.long_date(register_by)}; după această dată cererea expiră. {NO_PRINTER}"
        )
    if request.status == "registered":
        house = county(request.registered_county).house_name
        return (
            f"Nu trebuie să mai veniți la ghișeu: {house} decide asupra cererii și primiți "
            "rezultatul prin e-mail."
        )
    if request.status == "approved":
        account = request.account
        if account is not None and account.password_hash:
            return (
                "Contul este activ: autentificați-vă cu adresa de e-mail și parola. Dacă nu vă "
                "amintiți parola, folosiți „Am uitat parola”."
            )
        return _activation_step(request, now)
    if request.status == "rejected":
        return "Dacă vreți totuși un cont, trimiteți o cerere nouă, ținând seama de motiv."
    return "O cerere expirată nu mai poate fi înregistrată: trimiteți o cerere nouă."


def _activation_step(request, now: dt.datetime) -> str:
    email = latest_status_for(db(), request.email, ("activation", "activation_resent"))
    sent = email.created_at if email is not None else request.decided_at
    expires = sent + dt.timedelta(seconds=max_age("activation"))
    when = f"{ro.long_date(expires)}, ora {ro.time_of_day(expires)} (ora României)"
    if expires > now:
        return (
            "Verificați e-mailul: ați primit o legătură ca să vă alegeți parola contului. "
            f"Legătura expiră pe {when}."
        )
    return (
        f"Legătura din e-mail a expirat pe {when}. Deschideți-o totuși: pagina vă permite să "
        "cereți una nouă. O legătură nouă puteți cere și la ghișeul oricărei case de pensii."
    )
