"""The counter's life certificates sent online (/ghiseu/certificate-de-viata): the queue of the
clerk's county house (waiting first, oldest first; then the last decided), one certificate with
its file, and the two decisions (webapp.counter.life_certificates_service).

A certificate and its files are reachable only by staff of the paying county house (any other
gets a 404, supervisors included, as for petitions: a pensioner's certificate is their house's
business); supervisors may see another house's list (?judet=), without links. Looking is audited, like every staff action.
"""

import datetime as dt

from flask import Blueprint, abort, request, url_for
from flask_login import current_user
from sqlalchemy import select

from domain import certificate_texts, ro
from domain.reference.counties import all_counties, by_code
from domain.references import normalise_reference
from forms.life_certificate_upload import DecisionForm, NewCertificateForm
from webapp import files
from webapp.auth.users import staff_required
from webapp.counter import life_certificates_service as service
from webapp.counter.service import ActionRefused
from webapp.db import db
from webapp.htmx import render_page, see_other
from webapp.models import LifeCertificateUpload

bp = Blueprint("counter_life_certificates", __name__, url_prefix="/ghiseu/certificate-de-viata")
RECENT = 25
STATUS_LABELS = {
    "received": "De verificat",
    "accepted": "Acceptat ca valabil",
    "rejected": "S-a cerut un certificat nou",
}
OUTCOMES = {
    "acceptat": "Certificatul a fost acceptat ca valabil. Pensionarul a primit un e-mail.",
    "nou": "Ați cerut un certificat nou. Pensionarul a primit un e-mail cu motivul.",
}


@bp.get("/")
@staff_required
def queue():
    member = current_user.member
    session = db()
    county_code = member.county_code
    # Supervisors may look at another house's list (as for petitions), not at its certificates.
    asked = request.args.get("judet", "")
    if member.is_supervisor and asked in by_code():
        county_code = asked
    base = select(LifeCertificateUpload).where(LifeCertificateUpload.house_code == county_code)
    waiting = session.scalars(
        base.where(LifeCertificateUpload.status == "received").order_by(
            LifeCertificateUpload.received_at, LifeCertificateUpload.id
        )
    ).all()
    decided = session.scalars(
        base.where(LifeCertificateUpload.status != "received")
        .order_by(LifeCertificateUpload.decided_at.desc(), LifeCertificateUpload.id.desc())
        .limit(RECENT)
    ).all()
    service.trace(
        session, member, "life_certificate_queue", request.remote_addr, county=county_code
    )
    return render_page(
        "pages/counter/life_certificates.html",
        county_code=county_code,
        own_county=county_code == member.county_code,
        counties=all_counties() if member.is_supervisor else None,
        waiting=waiting,
        decided=decided,
        status_labels=STATUS_LABELS,
        recent=RECENT,
        language_name=language_name,
    )


@bp.get("/<reference>")
@staff_required
def certificate(reference: str):
    found = _own_or_404(reference)
    service.trace(
        db(),
        current_user.member,
        "life_certificate_view",
        request.remote_addr,
        certificate=found.reference,
    )
    return _page(found, outcome=OUTCOMES.get(request.args.get("rezultat", "")))


@bp.get("/<reference>/fisier/<side>")
@staff_required
def download(reference: str, side: str):
    found = _own_or_404(reference)
    stored = {"fata": found.front_file, "verso": found.back_file}.get(side)
    if stored is None:
        abort(404)
    response = files.send(stored)
    service.trace(
        db(),
        current_user.member,
        "life_certificate_file",
        request.remote_addr,
        certificate=found.reference,
        file=stored.name,
    )
    return response


@bp.post("/<reference>/acceptare")
@staff_required
def accept(reference: str):
    found = _own_or_404(reference)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    try:
        service.accept(
            db(), found, current_user.member, remote_addr=request.remote_addr, now=_now()
        )
    except ActionRefused as refused:
        form.list_errors = [str(refused)]
        return _page(found, form=form, status=409)
    return see_other(url_for(".certificate", reference=found.reference, rezultat="acceptat"))


@bp.post("/<reference>/certificat-nou")
@staff_required
def ask_new(reference: str):
    found = _own_or_404(reference)
    form = NewCertificateForm()
    if not form.validate():
        return _page(found, new_form=form, form=form)
    try:
        service.ask_new(
            db(),
            found,
            current_user.member,
            reason=form.reason.data,
            remote_addr=request.remote_addr,
            now=_now(),
        )
    except ActionRefused as refused:
        form.list_errors = [str(refused)]
        return _page(found, form=form, status=409)
    return see_other(url_for(".certificate", reference=found.reference, rezultat="nou"))


def _own_or_404(reference: str) -> LifeCertificateUpload:
    """For staff of the paying county house only: for anyone else it does not exist."""
    normalised = normalise_reference(reference)
    found = (
        db()
        .scalars(select(LifeCertificateUpload).where(LifeCertificateUpload.reference == normalised))
        .first()
        if normalised and normalised.startswith("CV-")
        else None
    )
    if found is None or found.house_code != current_user.member.county_code:
        abort(404)
    return found


def language_name(code: str) -> str:
    """The pensioner's language, named in Romanian ("maghiară"): the e-mails to them are in it."""
    try:
        return certificate_texts.texts(code)["name_ro"]
    except KeyError:
        return code


def _reason_hint(form: NewCertificateForm, language: str) -> NewCertificateForm:
    # The clerk's words go verbatim into an e-mail in the pensioner's language (issue 14).
    form.reason.description = (
        f"{form.reason.description} Motivul se trimite exact cum îl scrieți, într-un e-mail "
        f"în limba {language_name(language)}: scrieți-l simplu, în propoziții scurte."
    )
    return form


def _page(found, *, form=None, new_form=None, outcome=None, status=200):
    waiting = found.status == "received"
    new_form = new_form or (NewCertificateForm(formdata=None) if waiting else None)
    return render_page(
        "pages/counter/life_certificate.html",
        status=status,
        form=form,
        found=found,
        outcome=outcome,
        status_label=STATUS_LABELS[found.status],
        received=ro.local(found.received_at),
        decided=ro.local(found.decided_at) if found.decided_at else None,
        accept_form=DecisionForm(formdata=None) if waiting else None,
        new_form=new_form and _reason_hint(new_form, found.language),
        language=language_name(found.language),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
