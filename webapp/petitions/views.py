"""Electronic petitions in the account (/contul-meu/petitii): write one page at a time (for whom;
what about and to which county house; subject and text; attachments), check, send, the
confirmation; the list with each petition's status and history; a petition's page with its
answer; the downloads. Every page works without JavaScript; routes only: validate, call the
service, redirect."""

import datetime as dt

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from domain import petition_terms, ro
from domain.petitions import (
    ATTACHMENT_TYPES,
    CATEGORIES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    MAX_TEXT,
    STATUSES,
)
from domain.reference.counties import by_code
from forms.petitions import ATTACHMENTS_HINT, MEGABYTE, AboutForm, TextForm, WhoForm, upload_error
from webapp import drafts, rate_limits
from webapp import files as stored_files
from webapp.auth.users import citizen_required
from webapp.career import access
from webapp.db import db
from webapp.errors import _http_error
from webapp.htmx import render_page, see_other
from webapp.petitions import queries, service
from webapp.questions import Journey, Step, refuse_bots
from webapp.url_converters import whole_number

bp = Blueprint("petitions", __name__, url_prefix="/contul-meu/petitii")

# Five files may be chosen at once, one of them over the limit, and still get a field error;
# a larger body is refused before it is read (413, the attachments page with its error).
UPLOAD_BODY_LIMIT = (MAX_ATTACHMENTS + 1) * MAX_ATTACHMENT_BYTES + 64 * 1024
# The text page carries up to MAX_TEXT characters, each up to 9 bytes once form-encoded.
TEXT_BODY_LIMIT = 16 * 1024 + 9 * MAX_TEXT
FILE_FIELD = "fisiere"

EVENT_LABELS = {
    "registered": "Înregistrată",
    "assign": "Preluată de un funcționar",
    "in_progress": "Preluată de un funcționar",
    "extend": "Termenul de răspuns a fost prelungit",
    "extended": "Termenul de răspuns a fost prelungit",
    "forward": "Trimisă altei case de pensii",
    "forwarded": "Trimisă altei case de pensii",
    "answer": "Răspuns trimis",
    "answered": "Răspuns trimis",
    "close": "Închisă",
    "closed": "Închisă",
}


def _persons() -> list[access.Person]:
    account = current_user.account
    return [access.own(account), *access.administered(account)]


def _person_choices(earlier=None) -> dict:
    choices = []
    for person in _persons():
        label = f"{person.name} (dumneavoastră)" if person.number is None else person.name
        choices.append((str(person.number or 0), label))
    return {"persons": choices}


def _person(value: str) -> access.Person:
    account = current_user.account
    if value == "0":
        return access.own(account)
    number = whole_number(value)
    if number is None:
        abort(404)
    return access.administered_person(account, number)


def _home_county(value: str | None) -> str | None:
    """The county house of the person's domicile: an administered person's own when the request
    has it, else the holder's."""
    answers = current_user.account.request.answers
    holder = answers.get("county_code") or current_user.account.request.office_code
    number = whole_number(value)
    if number:
        persons = answers.get("persons") or []
        index = number - 1
        if 0 <= index < len(persons) and persons[index].get("county_code"):
            return persons[index]["county_code"]
    return holder if holder in by_code() else None


WHO = Step("who", WhoForm, "pages/petitions/who.html", "petitions.who", form_kwargs=_person_choices)
ABOUT = Step(
    "about",
    AboutForm,
    "pages/petitions/about.html",
    "petitions.about",
    form_kwargs=lambda earlier: {"default_county": _home_county(earlier["who"].person.data)},
)
TEXT = Step("text", TextForm, "pages/petitions/text.html", "petitions.text")


def _journey() -> Journey:
    # One draft per account: another person signing in on the same browser starts afresh.
    return Journey(
        f"petition-{current_user.account.id}", (WHO, ABOUT, TEXT), check_endpoint="petitions.files"
    )


@bp.url_value_preprocessor
def _body_limits(endpoint, values):
    # Runs before the app's before_request (CSRF reads the body there).
    if endpoint == "petitions.files":
        request.max_content_length = UPLOAD_BODY_LIMIT
    elif endpoint == "petitions.text":
        request.max_content_length = TEXT_BODY_LIMIT


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    if request.endpoint != "petitions.files" or not current_user.is_authenticated:
        return _http_error(error)
    message = (
        f"Fișierele alese au împreună peste {UPLOAD_BODY_LIMIT // MEGABYTE} MB. Alegeți-le pe "
        f"rând; fiecare poate avea cel mult {MAX_ATTACHMENT_BYTES // MEGABYTE} MB."
    )
    response = _files_page([message], status=413)
    response.headers["Connection"] = "close"
    return response


@bp.get("/")
@citizen_required
def index():
    session = db()
    petitions = queries.petitions_of(session, current_user.account.id)
    return render_page(
        "pages/petitions/index.html",
        petitions=petitions,
        histories=queries.histories(session, [p.id for p in petitions]),
        statuses=STATUSES,
        categories=CATEGORIES,
        event_labels=EVENT_LABELS,
        houses=by_code(),
        due_in_words=petition_terms.in_words,
    )


@bp.route("/noua", methods=["GET", "POST"])
@citizen_required
def who():
    return _journey().question(WHO)


@bp.route("/noua/subiect", methods=["GET", "POST"])
@citizen_required
def about():
    return _journey().question(ABOUT)


@bp.route("/noua/text", methods=["GET", "POST"])
@citizen_required
def text():
    return _journey().question(TEXT, {"max_text": MAX_TEXT})


@bp.get("/noua/pentru")
@citizen_required
def for_person():
    """From the persons page: a new petition in the name of administered person ?persoana=N
    (a number not in force is a 404); only the first answer is set, the rest of a draft stays."""
    journey = _journey()
    person = _person(request.args.get("persoana", ""))
    if person.number is None:
        abort(404)
    drafts.save_section(journey.name, WHO.section, {"person": str(person.number)})
    return redirect(url_for(".who"))


@bp.get("/noua/corectura")
@citizen_required
def correction():
    """From the career page: a correction of the contribution record, for that person and year."""
    journey = _journey()
    value = request.args.get("persoana", "0")
    person = _person(value)
    year = request.args.get("an", "")
    subject = "Corectarea stagiului de cotizare"
    year_typed = whole_number(year)
    if year_typed and 1900 <= year_typed <= ro.today().year:
        subject += f" pe anul {year_typed}"
    service.discard_draft_files(db(), drafts.current_id(journey.name))
    drafts.discard(journey.name)
    drafts.save_section(journey.name, WHO.section, {"person": str(person.number or 0)})
    drafts.save_section(
        journey.name,
        ABOUT.section,
        {"category": "corectura_stagiu", "county_code": _home_county(value) or ""},
    )
    drafts.save_section(journey.name, TEXT.section, {"subject": subject, "text": ""})
    return redirect(url_for(".who"))


def _complete_steps():
    """The validated forms of the question pages, or the redirect to the first one not done."""
    journey = _journey()
    forms, stopped_at = journey.validated(drafts.load(journey.name))
    if stopped_at is not None:
        abort(redirect(url_for(stopped_at.endpoint, verificare=1)))
    return journey, forms


def _draft_uids(journey: Journey) -> list[str]:
    return list((drafts.load(journey.name).get(service.FILES) or {}).get("uids", []))


def _files_page(errors=(), status: int = 200):
    journey, _ = _complete_steps()
    stored = service.draft_files(db(), _draft_uids(journey))
    return render_page(
        "pages/petitions/files.html",
        "content",
        status=status,
        stored=stored,
        errors=list(errors),
        hint=ATTACHMENTS_HINT,
        full=len(stored) >= MAX_ATTACHMENTS,
        max_attachments=MAX_ATTACHMENTS,
        field_name=FILE_FIELD,
        types=ATTACHMENT_TYPES,
        size=_size,
    )


@bp.route("/noua/fisiere", methods=["GET", "POST"])
@citizen_required
@rate_limits.limit("petition-files", methods=["POST"])
def files():
    journey, _ = _complete_steps()
    if request.method == "GET":
        return _files_page()
    refuse_bots()
    draft_id = drafts.current_id(journey.name)
    action = request.form.get("action", "upload")
    if action.startswith("remove-"):
        service.remove_draft_file(db(), draft_id, action.removeprefix("remove-"))
        return see_other(url_for(".files"))
    chosen = [f for f in request.files.getlist(FILE_FIELD) if f and f.filename]
    if action == "continue" and not chosen:
        return see_other(url_for(".check"))
    if not chosen:
        return _files_page(["Alegeți un fișier de atașat."], status=400)
    errors = []
    count = len(_draft_uids(journey))
    for upload in chosen:
        upload.stream.seek(0, 2)
        size = upload.stream.tell()
        upload.stream.seek(0)
        data = upload.stream.read() if 0 < size <= MAX_ATTACHMENT_BYTES else b""
        kind = stored_files.sniff(data) if data else None
        message = upload_error(upload.filename, size, kind, count)
        if message:
            errors.append(message)
            continue
        service.add_draft_file(db(), draft_id, upload.filename, data, kind)
        count += 1
    if errors:
        return _files_page(errors, status=400)
    if action == "continue":
        return see_other(url_for(".check"))
    return see_other(url_for(".files"))


def _check_sections(forms, stored) -> list[dict]:
    who, about, text_form = forms[WHO.section], forms[ABOUT.section], forms[TEXT.section]
    person = _person(who.person.data)
    return [
        {
            "title": "Persoana",
            "rows": [("Pentru", person.name)],
            "change_url": url_for(".who"),
        },
        {
            "title": "Despre ce și cui",
            "rows": [
                ("Despre", CATEGORIES[about.category.data]),
                ("Casa de pensii", by_code()[about.county_code.data].house_name),
            ],
            "change_url": url_for(".about"),
        },
        {
            "title": "Petiția",
            "rows": [(SUBJECT, text_form.subject.data), ("Textul", text_form.text.data)],
            "change_url": url_for(".text"),
        },
        {
            "title": "Fișiere atașate",
            "rows": [
                (f"Fișierul {index}", f"{item.name} ({_size(item.size)})")
                for index, item in enumerate(stored, 1)
            ],
            "empty": "Niciun fișier atașat.",
            "change_url": url_for(".files"),
        },
    ]


SUBJECT = "Subiectul"


def _size(size: int) -> str:
    if size < MEGABYTE:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / MEGABYTE:.1f} MB".replace(".", ",")


@bp.route("/noua/verificare", methods=["GET", "POST"])
@citizen_required
@rate_limits.limit("petition", methods=["POST"])
def check():
    journey = _journey()
    if request.method == "POST" and (reference := drafts.submitted_reference(journey.name)):
        # A retry after a lost response, a double click: the petition already sent.
        return see_other(url_for(".confirmation", reference=reference))
    journey, forms = _complete_steps()
    uids = _draft_uids(journey)
    stored = service.draft_files(db(), uids)
    if request.method == "POST":
        refuse_bots()
        who, about, text_form = forms[WHO.section], forms[ABOUT.section], forms[TEXT.section]
        person = _person(who.person.data)
        new = service.NewPetition(
            account_id=current_user.account.id,
            subject_cnp=person.cnp,
            subject_name=person.name,
            category=about.category.data,
            county_code=about.county_code.data,
            title=text_form.subject.data,
            text=text_form.text.data,
            file_uids=tuple(item.uid for item in stored),
        )
        try:
            petition = service.submit(
                db(), new, dt.datetime.now(dt.UTC), drafts.current_id(journey.name)
            )
        except service.MissingFile:
            return see_other(url_for(".files"))
        return see_other(url_for(".confirmation", reference=petition.reference))
    return render_page(
        "pages/petitions/check.html",
        sections=_check_sections(forms, stored),
        honeypot_field=forms[WHO.section].website,
    )


def _own(reference: str):
    petition = queries.own_petition(db(), current_user.account.id, reference)
    if petition is None:
        abort(404)
    return petition


@bp.get("/<reference>/trimisa")
@citizen_required
def confirmation(reference: str):
    petition = _own(reference)
    return render_page(
        "pages/petitions/confirmation.html",
        petition=petition,
        house=by_code()[petition.first_county_code].house_name,
        due=petition_terms.in_words(petition.due_on),
    )


@bp.get("/<reference>")
@citizen_required
def show(reference: str):
    petition = _own(reference)
    session = db()
    return render_page(
        "pages/petitions/show.html",
        petition=petition,
        files=queries.files_of(session, petition.id),
        history=queries.histories(session, [petition.id])[petition.id],
        statuses=STATUSES,
        categories=CATEGORIES,
        event_labels=EVENT_LABELS,
        houses=by_code(),
        due=petition_terms.in_words(petition.due_on),
        size=_size,
    )


@bp.get("/<reference>/fisiere/<uid>")
@citizen_required
def download(reference: str, uid: str):
    stored = queries.own_file(db(), current_user.account.id, reference, uid)
    if stored is None:
        abort(404)
    return stored_files.send(stored)
