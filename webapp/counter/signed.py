"""The counter's side of the e-signature route (webapp/account/signed.py): beside the request,
what the checks found (signer, issuer, signing time, each check); the signed PDF and the copy of
the ID document, downloaded only by staff of the request's county house (the one the applicant
sent it to; like a petition's attachments, supervisors of other houses included get a 404); and
the registration without a counter visit.

The registration is its own action, one conditional UPDATE (still submitted, an accepted signed
copy exists, staff of that county house), so that two clerks, or a clerk at the counter and
one registering the signed copy, cannot both register it; audited as register_signed, with the
receipt e-mail of every registration in the same transaction. The persons administered stay
unverified: their documents are seen at a counter.
"""

import datetime as dt

from flask import Blueprint, abort, request, url_for
from flask_login import current_user
from sqlalchemy import exists
from sqlalchemy.orm import Session

from domain import ro
from domain.account_requests import TRANSITIONS, counter_documents
from domain.reference.counties import county
from forms.signed import RegisterSignedForm
from webapp import files as stored_files
from webapp.account import signed_service
from webapp.account.signature_check import CHECKS
from webapp.audit import record
from webapp.auth.users import staff_required
from webapp.counter import service as counter_actions
from webapp.counter.service import ActionRefused
from webapp.db import db
from webapp.htmx import see_other
from webapp.models import AccountRequest, SignedRequest, StaffMember

bp = Blueprint("counter_signed", __name__, url_prefix="/ghiseu")
REGISTERED = "inregistrata-semnata"  # the ?rezultat= of the request page afterwards
OUTCOME = (
    "Cererea semnată electronic a fost înregistrată, fără vizită la ghișeu. Solicitantul primește "
    "confirmarea prin e-mail. Documentele persoanelor administrate rămân de văzut la ghișeu."
)
FILES = {"cerere": "signed_file", "act": "id_file"}


def may_see_files(found: AccountRequest, staff: StaffMember) -> bool:
    return found.office_code == staff.county_code


def refusal(found: AccountRequest, staff: StaffMember) -> str | None:
    if not may_see_files(found, staff):
        return (
            f"Cererea semnată electronic a fost trimisă la {county(found.office_code).house_name}; "
            "o înregistrează un coleg de acolo."
        )
    return None


def context(found: AccountRequest, staff: StaffMember, form=None) -> dict:
    """For the request page (webapp/counter/views.py): the signed copy and its checks."""
    signed = signed_service.of_request(db(), found)
    if signed is None:
        return {"signed": None}
    why_not = refusal(found, staff)
    can_register = found.status == "submitted" and why_not is None
    return {
        "signed": signed,
        "signed_checks": [(label, bool(signed.checks.get(key))) for key, label in CHECKS.items()],
        "signed_files": may_see_files(found, staff),
        "signed_refusal": why_not if found.status == "submitted" else None,
        "signed_form": (form or _form(found)) if can_register else None,
        "signed_persons": counter_documents(found.answers),
    }


def _form(found: AccountRequest, formdata=None) -> RegisterSignedForm:
    return RegisterSignedForm(
        formdata=formdata,
        prefix="qes",
        data={"registered_on": ro.today()},
        submitted_on=ro.local(found.submitted_at).date(),
    )


def register_signed(
    session: Session,
    found: AccountRequest,
    staff: StaffMember,
    *,
    registration_number: str,
    registered_on: dt.date,
    remote_addr: str | None,
    now: dt.datetime,
) -> None:
    answers = found.answers
    checklist = {
        "route": "qes",
        "identity_document": {
            "type": answers.get("id_type"),
            "series": answers.get("id_series") or "",
            "number": answers.get("id_number"),
            "seen": False,
            "copy_checked": True,
        },
        # Not seen: the persons stay unverified until a counter sees their documents.
        "persons": [{"document": text, "seen": False} for text in counter_documents(answers)],
    }
    counter_actions._transition(
        session,
        found,
        *TRANSITIONS["register"],
        "Cererea a fost deja înregistrată sau soluționată.",
        conditions=(
            AccountRequest.office_code == staff.county_code,
            exists().where(SignedRequest.request_id == AccountRequest.id),
        ),
        registration_number=registration_number,
        registered_on=registered_on,
        registered_at=now,
        registered_county=staff.county_code,
        registered_by_id=staff.id,
        checklist=checklist,
    )
    record(
        session,
        staff,
        "register_signed",
        found,
        remote_addr,
        registration_number=registration_number,
        registered_on=registered_on.isoformat(),
        county=staff.county_code,
    )
    # No visit yet: the administered persons' documents must still be shown at a counter.
    counter_actions.queue_registered(
        session,
        found,
        staff,
        registration_number,
        registered_on,
        documents_to_show=counter_documents(answers),
    )
    session.commit()


@bp.post("/cerere/<reference>/inregistrare-semnata")
@staff_required
def register_view(reference: str):
    from webapp.counter import views as counter_views

    found = counter_views._request_or_404(reference)
    member = current_user.member
    form = _form(found, formdata=request.form)
    if not form.validate():
        return counter_views._request_view(found, form=form, signed_form=form)
    if signed_service.of_request(db(), found) is None or (why := refusal(found, member)):
        form.list_errors = [why or "Cererea nu are o copie semnată electronic acceptată."]
        return counter_views._request_view(found, form=form)
    try:
        register_signed(
            db(),
            found,
            member,
            registration_number=form.registration_number.data,
            registered_on=form.registered_on.data,
            remote_addr=request.remote_addr,
            now=dt.datetime.now(dt.UTC),
        )
    except ActionRefused as refused:
        db().refresh(found)
        form.list_errors = [str(refused)]
        return counter_views._request_view(found, form=form)
    return see_other(
        url_for("counter.request_page", reference=found.reference, rezultat=REGISTERED)
    )


@bp.get("/cerere/<reference>/semnata/<any(cerere, act):which>")
@staff_required
def file_view(reference: str, which: str):
    from webapp.counter import views as counter_views

    found = counter_views._request_or_404(reference)
    member = current_user.member
    signed = signed_service.of_request(db(), found)
    if signed is None or not may_see_files(found, member):
        abort(404)
    stored = getattr(signed, FILES[which])
    response = stored_files.send(stored)
    counter_actions.trace(db(), member, "signed_file", found, request.remote_addr, file=which)
    return response
