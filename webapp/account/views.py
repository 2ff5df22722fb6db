"""The online-account request: start page, question pages, check your answers, confirmation,
and the printout of the request: from the browser that submitted it, or from any device with the
signed link of the submission email (webapp.account.service)."""

import datetime as dt
import re

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    request,
    session,
    url_for,
)
from werkzeug.datastructures import MultiDict

from documents import account_request as printout
from domain import ro
from domain.account_requests import NO_PRINTER, counter_documents
from forms.account import (
    MAX_PERSONS,
    AddressForm,
    ApplicantForm,
    ContactForm,
    IdentityDocumentForm,
    OfficeForm,
    PersonsForm,
)
from forms.answers import plain_rows, raw_values, without_row
from forms.base import value_maxima
from webapp import drafts, rate_limits
from webapp.account import answers as account_answers
from webapp.account import service as account_requests
from webapp.account import signed_service
from webapp.account.answers import (
    answers_from,
    check_sections,
    office_name,
)
from webapp.auth.tokens import TokenExpired, TokenInvalid, max_age, read_token
from webapp.db import db
from webapp.downloads import print_page, send_printout
from webapp.errors import refuse
from webapp.htmx import render_page, see_other
from webapp.questions import (
    Journey,
    Step,
    change_context,
    changing,
    field_fragment,
    refuse_bots,
)

bp = Blueprint("account", __name__, url_prefix="/cont")
# The 403 of a confirmation or printout opened in another browser (m17): the ways that work.
OTHER_BROWSER = (
    "Cererea se deschide aici doar în browserul din care a fost trimisă. De pe alt telefon sau "
    "calculator, folosiți legătura din e-mailul primit după trimitere. Sau veniți la ghișeu cu "
    "numărul de referință; cererea se tipărește acolo."
)
SUBMITTED = "submitted_requests"
# The page only ever offers two-digit row numbers; anything else is not a removal (F14).
REMOVE_ACTION = re.compile(r"remove-(natural|legal)-([0-9]{1,2})", re.ASCII)
# One thing per page (M14); the birth date and sex are asked on the first only when the CNP
# cannot give them.
APPLICANT = Step(
    account_answers.APPLICANT, ApplicantForm, "pages/account/identity.html", ".identity"
)
IDENTITY_DOCUMENT = Step(
    account_answers.IDENTITY_DOCUMENT,
    IdentityDocumentForm,
    "pages/account/identity_document.html",
    ".identity_document",
    form_kwargs=lambda earlier: {"birth_date": earlier[account_answers.APPLICANT].birth_date.data},
)
ADDRESS = Step(account_answers.ADDRESS, AddressForm, "pages/account/address.html", ".address")
CONTACT = Step(account_answers.CONTACT, ContactForm, "pages/account/contact.html", ".contact")
OFFICE = Step(account_answers.OFFICE, OfficeForm, "pages/account/office.html", ".office")
IDENTITY_STEPS = (APPLICANT, IDENTITY_DOCUMENT, ADDRESS, CONTACT, OFFICE)
# The persons page adds and removes rows, so it has its own view; the flow validates it.
PERSONS = Step(
    account_answers.PERSONS,
    PersonsForm,
    "pages/account/persons.html",
    ".persons",
    form_kwargs=lambda earlier: {"applicant_cnp": earlier[account_answers.APPLICANT].cnp.data},
)
# The check page submits the request instead of confirming into the draft: its own view too.
JOURNEY = Journey("account", (*IDENTITY_STEPS, PERSONS), check_endpoint=".check")
# "Pasul n din N": the check page is a step too.
STEP_COUNT = len(JOURNEY.steps) + 1


@bp.get("/")
def start():
    return render_page("pages/account/start.html")


@bp.route("/cerere", methods=["GET", "POST"])
def identity():
    return _question(APPLICANT)


@bp.route("/cerere/act-de-identitate", methods=["GET", "POST"])
def identity_document():
    return _question(IDENTITY_DOCUMENT)


@bp.route("/cerere/adresa", methods=["GET", "POST"])
def address():
    return _question(ADDRESS)


@bp.route("/cerere/contact", methods=["GET", "POST"])
def contact():
    return _question(CONTACT)


@bp.route("/cerere/casa-de-pensii", methods=["GET", "POST"])
def office():
    return _question(OFFICE)


def _question(step: Step):
    if already_sent := _to_confirmation_if_submitted():
        return already_sent
    number = JOURNEY.steps.index(step) + 1
    return JOURNEY.question(step, {"step_number": number, "step_count": STEP_COUNT})


@bp.route("/cerere/persoane", methods=["GET", "POST"])
def persons():
    if already_sent := _to_confirmation_if_submitted():
        return already_sent
    draft = drafts.load(JOURNEY.name)
    earlier, stopped_at = JOURNEY.validated(draft, IDENTITY_STEPS)
    if stopped_at is not None:
        return redirect(url_for(stopped_at.endpoint, verificare=1))
    focus = None
    if request.method == "POST":
        action = request.form.get("action", "continue")
        formdata = plain_rows(request.form)
        if removal := REMOVE_ACTION.fullmatch(action):
            kind, index = removal.groups()
            formdata = without_row(formdata, f"{kind}_persons", int(index))
            focus = f"add-{kind}"
        form = JOURNEY.form(PERSONS, earlier, formdata)
        if action in ("add-natural", "add-legal") and form.count < MAX_PERSONS:
            rows = form.natural_persons if action == "add-natural" else form.legal_persons
            focus = rows.append_entry().id
        if action == "continue" or request.headers.get("X-Field"):
            valid = form.validate()
            JOURNEY.save(draft, PERSONS.section, raw_values(form), value_maxima(form))
            if field_name := request.headers.get("X-Field"):
                return field_fragment(form, field_name)
            if valid:
                return see_other(url_for(".check"))
        else:
            JOURNEY.save(draft, PERSONS.section, raw_values(form), value_maxima(form))
            if action == "back":
                return see_other(url_for(".check" if changing(form) else OFFICE.endpoint))
    else:
        form = JOURNEY.form(PERSONS, earlier, MultiDict(draft.get(PERSONS.section, {})))
        if request.args.get("verificare"):
            form.validate()
    return render_page(
        "pages/account/persons.html",
        "content",
        form=form,
        focus=focus,
        max_persons=MAX_PERSONS,
        step_number=JOURNEY.steps.index(PERSONS) + 1,
        step_count=STEP_COUNT,
        **change_context(form, ".persons", url_for(".check")),
    )


@bp.route("/cerere/verificare", methods=["GET", "POST"])
@rate_limits.limit("account-request", methods=["POST"])
def check():
    if already_sent := _to_confirmation_if_submitted():
        return already_sent
    forms, stopped_at = JOURNEY.validated(drafts.load(JOURNEY.name))
    if stopped_at is not None:
        return redirect(url_for(stopped_at.endpoint, verificare=1))
    persons_form = forms[PERSONS.section]
    if request.method == "POST":
        refuse_bots()
        answers = answers_from(forms, persons_form)
        submitted = account_requests.submit(
            db(), answers, dt.datetime.now(dt.UTC), draft_id=drafts.current_id(JOURNEY.name)
        )
        return _confirmation_of(submitted.reference)
    change_urls = {step.section: url_for(step.endpoint) for step in JOURNEY.steps}
    return render_page(
        "pages/account/check.html",
        sections=check_sections(forms, persons_form, change_urls),
        honeypot_field=forms[APPLICANT.section].website,
        step_count=STEP_COUNT,
    )


@bp.get("/cerere/trimisa/<reference>")
def confirmation(reference: str):
    submitted = _submitted_request(reference)
    return render_page(
        "pages/account/confirmation.html",
        request=submitted,
        office_name=office_name(submitted.office_code),
        person_documents=counter_documents(submitted.answers),
        no_printer=NO_PRINTER,
    )


@bp.get("/cerere/<reference>.<any(pdf, docx):extension>")
@rate_limits.limit("download")
def download(reference: str, extension: str):
    found = _submitted_request(reference)
    return _issued(found, send_printout(printout, _printout_context(found), extension), extension)


@bp.get("/cerere/<reference>/tiparire")
def print_view(reference: str):
    context = _printout_context(_submitted_request(reference))
    links = [
        ("Descărcați PDF", url_for(".download", reference=reference, extension="pdf")),
        ("Descărcați Word", url_for(".download", reference=reference, extension="docx")),
        ("Înapoi la confirmare", url_for(".confirmation", reference=reference)),
    ]
    return print_page(printout, context, links)


@bp.get("/cerere/descarcare/<token>")
def emailed_download(token: str):
    """The page the submission email links to: the request's printout on any device."""
    submitted = _emailed_request(token)
    return render_page(
        "pages/account/emailed_download.html",
        request=submitted,
        token=token,
        expires_at=submitted.submitted_at + dt.timedelta(seconds=max_age("request-download")),
        office_name=office_name(submitted.office_code),
        person_documents=counter_documents(submitted.answers),
        no_printer=NO_PRINTER,
    )


@bp.get("/cerere/descarcare/<token>/cerere.<any(pdf, docx):extension>")
@rate_limits.limit("download")
def emailed_file(token: str, extension: str):
    found = _emailed_request(token)
    return _issued(found, send_printout(printout, _printout_context(found), extension), extension)


def _issued(found, response, extension: str):
    """A PDF the applicant may sign electronically: its digest is kept (webapp/account/signed.py)."""
    if extension == "pdf" and found.status == "submitted":
        signed_service.remember_issued(db(), found, response.get_data())
    return response


@bp.get("/cerere/descarcare/<token>/tiparire")
def emailed_print(token: str):
    context = _printout_context(_emailed_request(token))
    links = [
        ("Descărcați PDF", url_for(".emailed_file", token=token, extension="pdf")),
        ("Descărcați Word", url_for(".emailed_file", token=token, extension="docx")),
        ("Înapoi", url_for(".emailed_download", token=token)),
    ]
    return print_page(printout, context, links)


def _emailed_request(token: str):
    """The request the link was made for, while it still waits to be brought to a counter; else,
    by abort, a page that says why the link no longer gives it and what to do instead."""
    try:
        payload = read_token("request-download", token)
    except TokenInvalid:
        abort(404)
    except TokenExpired:
        abort(_link_unusable("expired"))
    found = account_requests.find_by_reference(db(), payload["r"])
    if found is None or found.id != payload["i"]:
        # Deleted when its retention period ended (webapp/retention.py).
        abort(_link_unusable("expired"))
    if found.status != "submitted":
        abort(_link_unusable(found.status, found))
    return found


UNUSABLE_HEADINGS = {
    "expired": "Legătura a expirat",
    "registered": "Cererea nu mai trebuie tipărită",
    "approved": "Cererea nu mai trebuie tipărită",
}


def _link_unusable(why: str, found=None):
    return render_page(
        "pages/account/emailed_download_unusable.html",
        status=410,
        why=why,
        heading=UNUSABLE_HEADINGS.get(why, "Cererea nu mai poate fi înregistrată"),
        request=found,
        days=ro.count(current_app.config["ACCOUNT_REQUEST_UNREGISTERED_DAYS"], "zi", "zile"),
        link_days=_days_text(max_age("request-download")),
    )


def _days_text(seconds: int) -> str:
    days, rest = divmod(seconds, 24 * 3600)
    if rest or not days:
        hours = -(-seconds // 3600)
        return ro.count(hours, "oră", "ore", single="o oră")
    return ro.count(days, "zi", "zile", single="o zi")


def _to_confirmation_if_submitted():
    """A browser whose draft was already submitted (its response lost, or the request pages
    reopened from an older cookie) goes to that submission's confirmation, never a second one."""
    reference = drafts.submitted_reference(JOURNEY.name)
    return _confirmation_of(reference) if reference else None


def _confirmation_of(reference: str):
    # The next request this browser starts gets a fresh draft.
    drafts.forget(JOURNEY.name)
    _remember_submitted(reference)
    return see_other(url_for(".confirmation", reference=reference))


def _remember_submitted(reference: str) -> None:
    # Keeps the last few, so that a shared family computer does not collect everyone's.
    kept = [known for known in session.get(SUBMITTED, []) if known != reference]
    session[SUBMITTED] = [*kept[-4:], reference]
    drafts.keep_across_restarts()


def _submitted_request(reference: str):
    """The request, if this browser submitted it; staff see it at the counter (webapp.counter)."""
    if reference not in session.get(SUBMITTED, []):
        refuse(OTHER_BROWSER, ("Verificați stadiul cererii", url_for("status.status")))
    found = account_requests.find_by_reference(db(), reference)
    if found is None:
        abort(404)
    return found


def _printout_context(submitted) -> dict:
    data = account_requests.document_data(submitted)
    return printout.build_context(data, today=ro.today())
