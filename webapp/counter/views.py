"""The county counter (/ghiseu): staff find a request, see it and its printout, check the
documents, register it, approve or reject it, close a stranger's or a duplicate request with the
same CNP or email, correct an address an email could not reach, and re-send the activation email.
Supervisors also read the audit log.

Views only validate and call webapp.counter.service, which changes the state, checks who may do
it and audits it. Browsing the queue and searching are audited too.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, request, url_for
from flask_login import current_user

from documents import account_request as printout
from domain import ro
from domain.account_requests import OPEN_STATUSES, counter_documents
from domain.codes import ACTION_LABELS, DETAIL_LABELS, STATUS_LABELS
from domain.reference.counties import county
from domain.references import normalise_reference
from forms.account import IDENTITY_PAGES, PersonsForm
from forms.counter import (
    QUEUE_FILTERS,
    ActionForm,
    AuditForm,
    CorrectEmailForm,
    FindForm,
    QueueForm,
    RegisterForm,
    RejectForm,
    ReleaseForm,
)
from forms.persons import RevokePersonForm
from webapp import rate_limits
from webapp.account import service as account_requests
from webapp.account.answers import IDENTITY_SECTIONS, check_sections
from webapp.auth.tokens import max_age
from webapp.auth.users import staff_required, supervisor_required
from webapp.counter import persons as counter_persons
from webapp.counter import queries as counter_queries
from webapp.counter import service as counter_actions
from webapp.counter import signed as counter_signed
from webapp.counter.service import ActionRefused
from webapp.db import db
from webapp.downloads import print_page, send_printout
from webapp.htmx import render_page, see_other
from webapp.models import AccountRequest, AuditEvent, StaffMember
from webapp.pagination import page_links, paginate

bp = Blueprint("counter", __name__, url_prefix="/ghiseu")
QUEUE_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
AUDIT_FILTERS = ("email", "action", "reference", "date_from", "date_to")

# Staff see the request as the citizen checked it, under titles that speak of the applicant.
STAFF_SECTION_TITLES = (
    "Solicitantul",
    "Actul de identitate",
    "Adresa de domiciliu",
    "Contact",
    "Casa de pensii aleasă",
    "Persoanele administrate",
)
EMAIL_KINDS = {
    "activation": "E-mailul de activare",
    "activation_resent": "E-mailul de activare retrimis",
    "rejection": "E-mailul cu motivul respingerii",
}
OUTCOMES = {
    "inregistrata": "Cererea a fost înregistrată, iar solicitantul primește confirmarea prin "
    "e-mail. Acum o puteți aproba sau respinge.",
    "aprobata": "Cererea a fost aprobată. Solicitantul primește prin e-mail legătura de activare, "
    "valabilă {hours}.",
    "respinsa": "Cererea a fost respinsă. Solicitantul primește motivul prin e-mail.",
    "retrimis": "Am trimis din nou e-mailul de activare, cu o legătură nouă valabilă {hours}.",
    "inchisa": "Cererea cu aceleași date a fost închisă. Solicitantul ei nu primește e-mail.",
    "adresa": "Adresa de e-mail a fost corectată, iar e-mailul a plecat din nou la adresa nouă.",
    counter_signed.REGISTERED: counter_signed.OUTCOME,
    counter_persons.REVOKED: "Împuternicirea a fost revocată. Titularul contului este anunțat "
    "în cont și prin e-mail.",
}


@bp.get("/")
@staff_required
def queue():
    member = _member()
    form = QueueForm(formdata=request.args)
    # An empty ?stare= passes Optional(): it means the default view, not a filter of its own.
    chosen = (form.stare.data if form.validate() else None) or "deschise"
    if chosen == "deschise":
        statuses = OPEN_STATUSES
    else:
        statuses = (chosen,) if chosen in STATUS_LABELS else None
    # Waiting requests oldest first, like a queue; decided ones newest first.
    page = counter_queries.queue_page(
        db(),
        statuses,
        member.county_code,
        oldest_first=chosen in ("deschise", *OPEN_STATUSES),
        size=QUEUE_PAGE_SIZE,
        asked=request.args.get("pagina", "1"),
    )
    page.update(page_links(page, lambda n: url_for(".queue", stare=chosen, pagina=n)))
    # The list shows applicants' names from every county: looking through it leaves a trace too.
    counter_actions.trace(
        db(), member, "queue", None, request.remote_addr, filter=chosen, page=page["number"]
    )
    return render_page(
        "pages/counter/queue.html",
        "content",
        form=form,
        find_form=FindForm(formdata=None),
        page=page,
        filter_label=dict(QUEUE_FILTERS)[chosen],
        count_limit=counter_queries.QUEUE_COUNT_LIMIT,
        status_labels=STATUS_LABELS,
        member=member,
    )


@bp.route("/cautare", methods=["GET", "POST"])
@staff_required
def search():
    """A GET only shows the form: the search is a POST, so that no CNP is ever in a URL."""
    member = _member()
    if request.method == "GET":
        return _search_page(FindForm(formdata=None), None)
    form = FindForm()
    results = None
    if form.validate():
        if form.reference:
            found = account_requests.find_by_reference(db(), form.reference)
            if found is not None:
                return see_other(url_for(".request_page", reference=found.reference))
            form.q.errors.append(
                f"Nu există nicio cerere cu numărul de referință {form.reference}. "
                "Verificați numărul sau căutați după CNP."
            )
        else:
            results = counter_queries.requests_with_cnp(db(), form.cnp)
            # Looking someone up by CNP is itself worth a trace, found or not.
            counter_actions.trace(
                db(),
                member,
                "search",
                None,
                request.remote_addr,
                cnp=form.cnp,
                results=len(results),
            )
    return _search_page(form, results)


def _search_page(form: FindForm, results):
    return render_page(
        "pages/counter/search.html",
        "content",
        form=form,
        results=results,
        status_labels=STATUS_LABELS,
    )


@bp.get("/cerere/<reference>")
@staff_required
def request_page(reference: str):
    found = _request_or_404(reference)
    counter_actions.trace(db(), _member(), "view", found, request.remote_addr)
    outcome = OUTCOMES.get(request.args.get("rezultat", ""))
    return _request_view(
        found, outcome=outcome.format(hours=ro.count(_hours(), "oră", "ore")) if outcome else None
    )


@bp.get("/cerere/<reference>.<any(pdf, docx):extension>")
@staff_required
@rate_limits.limit("download")
def download(reference: str, extension: str):
    found = _request_or_404(reference)
    response = send_printout(printout, _printout_context(found), extension)
    # The print is audited only once the file exists.
    _audit_print(found, extension)
    return response


@bp.get("/cerere/<reference>/tiparire")
@staff_required
def print_view(reference: str):
    found = _request_or_404(reference)
    back = url_for(".request_page", reference=found.reference)
    response = print_page(printout, _printout_context(found), [("Înapoi la cerere", back)])
    _audit_print(found, "html")
    return response


@bp.post("/cerere/<reference>/inregistrare")
@staff_required
def register(reference: str):
    return _act(
        reference,
        lambda found: _register_form(found, formdata=request.form),
        counter_actions.register,
        "inregistrata",
        details=lambda form: {
            "registration_number": form.registration_number.data,
            "registered_on": form.registered_on.data,
            "checklist": form.checklist(),
        },
        invalid_as="register_form",
    )


@bp.post("/cerere/<reference>/aprobare")
@staff_required
def approve(reference: str):
    return _act(reference, lambda _: ActionForm(), counter_actions.approve, "aprobata")


@bp.post("/cerere/<reference>/respingere")
@staff_required
def reject(reference: str):
    return _act(
        reference,
        lambda _: RejectForm(),
        counter_actions.reject,
        "respinsa",
        details=lambda form: {"reason": form.reason.data},
        invalid_as="reject_form",
    )


@bp.post("/cerere/<reference>/retrimitere-activare")
@staff_required
def resend_activation(reference: str):
    return _act(reference, lambda _: ActionForm(), counter_actions.resend_activation, "retrimis")


@bp.post("/cerere/<reference>/inchidere-dublura")
@staff_required
def release(reference: str):
    return _act(
        reference,
        lambda _: ReleaseForm(),
        counter_actions.release,
        "inchisa",
        # The other request is looked up once the form is valid: an unknown one is a 404.
        details=lambda form: {"other": _request_or_404(form.other.data or "")},
    )


@bp.post("/cerere/<reference>/adresa-email")
@staff_required
def correct_email(reference: str):
    return _act(
        reference,
        lambda _: CorrectEmailForm(),
        counter_actions.correct_email,
        "adresa",
        details=lambda form: {"new_email": form.email.data},
        invalid_as="email_form",
        refused_as="email_form",
    )


@bp.get("/jurnal")
@supervisor_required
def audit_log():
    actions = _known_actions()
    form = AuditForm(formdata=request.args, actions=actions)
    valid = form.validate()
    query = (
        counter_queries.audit_events(
            email=form.email.data,
            action=form.action.data,
            reference=form.reference.data,
            since=_start_of_day(form.date_from.data) if form.date_from.data else None,
            # The last day there is has no next day to stop before (31.12.9999).
            before=_start_of_day(form.date_to.data + dt.timedelta(days=1))
            if form.date_to.data and form.date_to.data < dt.date.max
            else None,
        )
        if valid
        else None
    )
    # Only the filters go into the page links: url_for would act on keys like _external.
    args = {name: request.args[name] for name in AUDIT_FILTERS if request.args.get(name)}
    page = (
        paginate(
            db(),
            query,
            (AuditEvent.at.desc(), AuditEvent.id.desc()),
            AUDIT_PAGE_SIZE,
            request.args.get("pagina", "1"),
            lambda n: url_for(".audit_log", **args, pagina=n),
        )
        if query is not None
        else None
    )
    return render_page(
        "pages/counter/audit_log.html",
        "content",
        form=form,
        page=page,
        action_labels=actions,
        describe=_describe,
        filtered=bool(args),
    )


def _member() -> StaffMember:
    return current_user.member


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hours() -> int:
    return max_age("activation") // 3600


def _request_or_404(reference: str) -> AccountRequest:
    normalised = normalise_reference(reference)
    found = account_requests.find_by_reference(db(), normalised) if normalised else None
    if found is None:
        abort(404)
    return found


def _printout_context(found: AccountRequest) -> dict:
    return printout.build_context(account_requests.document_data(found), today=ro.today())


def _audit_print(found: AccountRequest, file_format: str) -> None:
    counter_actions.trace(db(), _member(), "print", found, request.remote_addr, format=file_format)


def _done(found: AccountRequest, outcome: str) -> Response:
    return see_other(url_for(".request_page", reference=found.reference, rezultat=outcome))


def _act(
    reference: str,
    make_form: Callable[[AccountRequest], Any],
    service: Callable[..., object],
    outcome: str,
    *,
    details: Callable[[Any], dict] = lambda form: {},
    invalid_as: str | None = None,
    refused_as: str | None = None,
) -> Response:
    """One counter action: find the request, validate the form, let the service act, show why not.

    The service checks who may act and audits it: it is called as
    `service(session, request, staff=…, remote_addr=…, now=…, **details(form))`. An invalid form
    is shown again in the request page's slot `invalid_as`; an action with no such slot has
    nothing a person could mistype, so an invalid form is a 400. A refusal shows the page again
    with the reason (and the form in the slot `refused_as`, if any)."""
    found = _request_or_404(reference)
    form = make_form(found)
    if not form.validate():
        if invalid_as is None:
            abort(400)
        return _request_view(found, form=form, **{invalid_as: form})
    try:
        service(
            db(),
            found,
            staff=_member(),
            remote_addr=request.remote_addr,
            now=_now(),
            **details(form),
        )
    except ActionRefused as refused:
        # The service rolled back; reload what another clerk may have changed meanwhile.
        db().refresh(found)
        form.list_errors = [str(refused)]
        return _request_view(found, form=form, **({refused_as: form} if refused_as else {}))
    return _done(found, outcome)


def _register_form(found: AccountRequest, formdata=None) -> RegisterForm:
    answers = found.answers
    submitted_on = ro.local(found.submitted_at).date()
    data = {
        "id_type": answers.get("id_type"),
        "id_series": answers.get("id_series") or "",
        "id_number": answers.get("id_number"),
        "registered_on": ro.today(),
    }
    return RegisterForm(
        formdata=formdata,
        data=data,
        person_documents=[_capitalised(text) for text in counter_documents(answers)],
        submitted_on=submitted_on,
    )


def _request_view(
    found: AccountRequest,
    *,
    form=None,
    register_form=None,
    reject_form=None,
    email_form=None,
    revoke_forms=None,
    outcome=None,
    signed_form=None,
):
    account = found.account
    member = _member()
    decision_refusal = counter_queries.decision_refusal(found, member)
    undelivered = counter_queries.latest_email(db(), found)
    if undelivered is not None and undelivered.status != "failed":
        undelivered = None
    others = counter_queries.other_open_requests(db(), found)
    may_release = (
        found.status in ("registered", "approved") and found.registered_county == member.county_code
    )
    return render_page(
        "pages/counter/request.html",
        "content",
        form=form,
        found=found,
        outcome=outcome,
        status_label=STATUS_LABELS[found.status],
        status_labels=STATUS_LABELS,
        sections=_sections(found),
        office_name=county(found.office_code).house_name,
        registered_at=county(found.registered_county).house_name
        if found.registered_county
        else None,
        register_form=register_form
        or (_register_form(found) if found.status == "submitted" else None),
        reject_form=reject_form
        or (
            RejectForm(formdata=None)
            if found.status in OPEN_STATUSES and decision_refusal is None
            else None
        ),
        decision_refusal=decision_refusal if found.status == "registered" else None,
        can_approve=found.status == "registered" and decision_refusal is None,
        can_resend=found.status == "approved" and account is not None and not account.password_hash,
        account=account,
        hours=_hours(),
        others=[
            {
                "request": other,
                "same": _same_details(found, other),
                "can_release": may_release
                and counter_queries.decision_refusal(other, member) is None,
            }
            for other in others
        ],
        may_release=may_release,
        undelivered=undelivered,
        email_form=email_form
        or (CorrectEmailForm(formdata=None) if undelivered is not None else None),
        email_templates=EMAIL_KINDS,
        **_persons_context(found, member, revoke_forms or {}),
        **counter_signed.context(found, member, signed_form),
    )


def _persons_context(found: AccountRequest, member: StaffMember, forms: dict) -> dict:
    """The persons the account administers (after approval), with a revocation form for each
    verified one still in force, when this staff member may revoke (webapp.counter.persons)."""
    persons = counter_persons.of_request(db(), found)
    refusal = counter_persons.revoke_refusal(found, member) if persons else None
    return {
        "administered": persons,
        "revoke_refusal": refusal,
        "revoke_forms": {
            person.number: forms.get(person.number)
            or RevokePersonForm(formdata=None, prefix=f"p{person.number}")
            for person in persons
            if refusal is None and person.verified_at and not person.revoked_at
        },
    }


def _same_details(found: AccountRequest, other: AccountRequest) -> str:
    same = [
        name
        for name, matches in (
            ("același CNP", other.cnp == found.cnp),
            ("aceeași adresă de e-mail", other.email == found.email),
        )
        if matches
    ]
    return ro.and_list(same)


def _sections(found: AccountRequest) -> list[dict]:
    """The check-your-answers rows, built from the stored answers by the citizen's own forms."""
    data = account_requests.document_data(found)
    forms = {
        section: form_class(formdata=None, data=data, meta={"csrf": False})
        for section, form_class in zip(IDENTITY_SECTIONS, IDENTITY_PAGES, strict=True)
    }
    persons = PersonsForm(
        formdata=None,
        data={
            "natural_persons": [p for p in data["persons"] if p["kind"] == "natural"],
            "legal_persons": [p for p in data["persons"] if p["kind"] == "legal"],
        },
        meta={"csrf": False},
    )
    sections = check_sections(forms, persons, {})
    for section, title in zip(sections, STAFF_SECTION_TITLES, strict=True):
        section["title"] = title
    sections[-1]["empty"] = "Solicitantul nu administrează documentele altor persoane."
    return sections


def _known_actions() -> dict[str, str]:
    """Our labels, plus any action another part of the site writes, so every one can be chosen."""
    stored = counter_queries.audit_actions(db())
    return ACTION_LABELS | {
        action: action for action in sorted(stored) if action not in ACTION_LABELS
    }


def _describe(event: AuditEvent) -> list[str]:
    parts = []
    for key, value in (event.details or {}).items():
        if key == "checklist" and isinstance(value, dict):
            document = value.get("identity_document") or {}
            shown = " ".join(
                filter(None, (document.get("type"), document.get("series"), document.get("number")))
            )
            parts.append(f"act de identitate văzut: {shown}")
            if value.get("persons"):
                parts.append(f"documente justificative văzute: {len(value['persons'])}")
        elif value is True:
            parts.append(DETAIL_LABELS.get(key, key))
        else:
            parts.append(f"{DETAIL_LABELS.get(key, key)}: {value}")
    return parts


def _start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ro.ROMANIA).astimezone(dt.UTC)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
