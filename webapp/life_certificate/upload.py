"""Sending the certified life certificate back online (/certificat-de-viata/trimitere, issue 14):
the start page; whose certificate it is and the receipt's e-mail (prefilled from this browser's
life-certificate answers); the scan or photo (and the back side, if any); check; the
confirmation with the reference and the date received; and the status page the receipt's signed
link opens.

Public, no account. The files are kept with this browser's draft until sent; the confirmation
shows only in the browser that sent it, and afterwards the certificate is reachable only by
the signed link of the e-mail (and by staff of the paying house at the counter): no address
here names a certificate or a file in a way that can be guessed.
"""

import datetime as dt

from flask import abort, current_app, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from domain import ro
from domain.petitions import ATTACHMENT_TYPES
from domain.reference.counties import by_code
from forms.answers import sections
from forms.life_certificate import ANSWERS as CERTIFICATE_ANSWERS
from forms.life_certificate_upload import (
    CHECK_ANSWERS,
    MEGABYTE,
    WHO,
    UploadWhoForm,
    megabytes,
    upload_hint,
    upload_problem,
)
from webapp import drafts, rate_limits
from webapp import files as stored_files
from webapp.auth.tokens import TokenExpired, TokenInvalid, read_token
from webapp.db import db
from webapp.errors import _http_error
from webapp.htmx import render_page, see_other
from webapp.i18n import (
    LANGUAGE_KEY,
    choose_language,
    chosen_language,
    default_language,
    translate,
)
from webapp.life_certificate import upload_service as service
from webapp.life_certificate.views import JOURNEY as CERTIFICATE_JOURNEY
from webapp.life_certificate.views import bp
from webapp.models import LifeCertificateUpload
from webapp.questions import Journey, Step, refuse_bots

NAME = "life_certificate_upload"
WHO_STEP = Step(WHO, UploadWhoForm, "pages/life_certificate/upload_who.html", ".upload_who")
JOURNEY = Journey(NAME, (WHO_STEP,), check_endpoint=".upload_files")
FIELDS = {"front": "fata", "back": "verso"}
PREFILLED = ("last_name", "first_name", "cnp", "pension_file", "house_code", "email")


def _max_bytes() -> int:
    return current_app.config["LIFE_CERTIFICATE_UPLOAD_MAX_BYTES"]


@bp.url_value_preprocessor
def _upload_body_limit(endpoint, values):
    # Runs before the app's before_request (CSRF reads the body there): both sides at once, one
    # of them over the limit, still get the page with its message instead of a bare 413.
    if endpoint == "life_certificate.upload_files":
        request.max_content_length = 2 * _max_bytes() + 64 * 1024


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    if request.endpoint != "life_certificate.upload_files" or not drafts.current_id(NAME):
        return _http_error(error)
    message = _(
        "Fișierele alese au împreună peste %(limit)s MB. Alegeți-le pe rând; fiecare poate "
        "avea cel mult %(each)s MB.",
        limit=(2 * _max_bytes()) // MEGABYTE,
        each=_max_bytes() // MEGABYTE,
    )
    response = _files_page({"front": message}, status=413)
    response.headers["Connection"] = "close"
    return response


@bp.get("/trimitere")
def upload_start():
    return render_page(
        "pages/life_certificate/upload_start.html",
        limit=_max_bytes() // MEGABYTE,
    )


@bp.route("/trimitere/date", methods=["GET", "POST"])
def upload_who():
    if request.method == "GET" and not drafts.load(NAME).get(WHO):
        # Filled in the certificate in this browser: the same answers, nothing typed twice.
        known = drafts.load(CERTIFICATE_JOURNEY.name).get(CERTIFICATE_ANSWERS) or {}
        prefill = {key: known[key] for key in PREFILLED if known.get(key)}
        if prefill:
            drafts.save_section(NAME, WHO, prefill)
    return JOURNEY.question(WHO_STEP)


def _who_form():
    forms, stopped_at = JOURNEY.validated(drafts.load(NAME))
    if stopped_at is not None:
        abort(redirect(url_for(stopped_at.endpoint, verificare=1)))
    return forms


def _files_page(errors: dict | None = None, status: int = 200):
    _who_form()
    scans = service.draft_scans(db(), drafts.current_id(NAME))
    return render_page(
        "pages/life_certificate/upload_files.html",
        "content",
        status=status,
        scans=scans,
        errors=errors or {},
        fields=FIELDS,
        hint=translate(upload_hint(_max_bytes())),
        max_bytes=_max_bytes(),
        types=ATTACHMENT_TYPES,
        size=_size,
    )


def _size(size: int) -> str:
    if size < MEGABYTE:
        return f"{max(1, round(size / 1024))} KB"
    return f"{megabytes(size)} MB"


@bp.route("/trimitere/fisier", methods=["GET", "POST"])
@rate_limits.limit("life-certificate-upload", methods=["POST"])
def upload_files():
    _who_form()
    if request.method == "GET":
        return _files_page()
    refuse_bots()
    draft_id = drafts.current_id(NAME)
    # The language switch is part of the form: the files chosen are kept (stored as on
    # "Continuați") and the same page comes back in the language chosen.
    language = request.form.get(LANGUAGE_KEY)
    if language is not None:
        if not choose_language(language):
            abort(400)
        refresh()
    action = request.form.get("action", "continue")
    if action.startswith("remove-") and action.removeprefix("remove-") in FIELDS:
        service.remove_draft_scan(db(), draft_id, action.removeprefix("remove-"))
        return see_other(url_for(".upload_files"))
    errors = {}
    for side, field_name in FIELDS.items():
        upload = request.files.get(field_name)
        if not upload or not upload.filename:
            continue
        upload.stream.seek(0, 2)
        size = upload.stream.tell()
        upload.stream.seek(0)
        data = upload.stream.read() if 0 < size <= _max_bytes() else b""
        kind = stored_files.sniff(data) if data else None
        if message := upload_problem(size, kind, _max_bytes()):
            errors[side] = translate(message)
            continue
        service.add_draft_scan(db(), draft_id, side, upload.filename, data, kind)
    if language is not None and not errors:
        return see_other(url_for(".upload_files"))
    if not errors and language is None and "front" not in service.draft_scans(db(), draft_id):
        errors["front"] = _("Alegeți fișierul cu certificatul scanat sau fotografiat.")
    if errors:
        return _files_page(errors, status=200)
    return see_other(url_for(".upload_check"))


@bp.route("/trimitere/verificare", methods=["GET", "POST"])
@rate_limits.limit("life-certificate-upload", methods=["POST"])
def upload_check():
    if request.method == "POST" and (reference := drafts.submitted_reference(NAME)):
        # A retry after a lost response, a double click: the certificate already sent.
        return see_other(url_for(".upload_sent", reference=reference))
    forms = _who_form()
    draft_id = drafts.current_id(NAME)
    scans = service.draft_scans(db(), draft_id)
    if "front" not in scans:
        return redirect(url_for(".upload_files"))
    form = forms[WHO]
    if request.method == "POST":
        refuse_bots()
        new = service.NewUpload(
            last_name=form.last_name.data,
            first_name=form.first_name.data,
            cnp=form.cnp.data,
            pension_file=form.pension_file.data,
            house_code=form.house_code.data,
            email=form.email.data,
            language=chosen_language(),
            front_uid=scans["front"].uid,
            back_uid=scans["back"].uid if "back" in scans else None,
        )
        sent = service.submit(db(), new, dt.datetime.now(dt.UTC), draft_id)
        if sent is None:
            return see_other(url_for(".upload_files"))
        return see_other(url_for(".upload_sent", reference=sent.reference))
    cards = sections(forms, CHECK_ANSWERS, {WHO: url_for(".upload_who")})
    cards.append(
        {
            "title": _("Fișierele"),
            "rows": [
                (
                    _("Certificatul") if side == "front" else _("Verso (a doua față)"),
                    f"{item.name} ({ATTACHMENT_TYPES[item.content_type]}, {_size(item.size)})",
                    "",
                )
                for side, item in sorted(scans.items(), key=lambda pair: pair[0] != "front")
            ],
            "change_url": url_for(".upload_files"),
            "rows_linked": False,
        }
    )
    return render_page(
        "pages/life_certificate/upload_check.html",
        sections=cards,
        honeypot_field=form.website,
    )


@bp.get("/trimitere/<reference>/primit")
def upload_sent(reference: str):
    """Only in the browser that sent it; anywhere else the certificate is behind the e-mail's
    link."""
    if drafts.submitted_reference(NAME) != reference:
        abort(404)
    upload = (
        db()
        .scalars(select(LifeCertificateUpload).where(LifeCertificateUpload.reference == reference))
        .first()
    )
    if upload is None:
        abort(404)
    return render_page(
        "pages/life_certificate/upload_sent.html",
        upload=upload,
        received_on=service.long_date(_local_day(upload), chosen_language()),
        house=by_code()[upload.house_code].house_name,
    )


@bp.post("/trimitere/alt-certificat")
def upload_another():
    """A new sending (for someone else in the family): this browser forgets the last one."""
    drafts.forget(NAME)
    return see_other(url_for(".upload_who"))


@bp.get("/trimitere/stadiu/<token>")
@rate_limits.limit("life-certificate-upload-status")
def upload_status(token: str):
    try:
        payload = read_token("life-certificate-status", token)
    except TokenExpired:
        return render_page("pages/life_certificate/upload_status_expired.html", status=410)
    except TokenInvalid:
        abort(404)
    upload = db().get(LifeCertificateUpload, payload.get("i"))
    if upload is None or upload.reference != payload.get("r"):
        abort(404)
    # The e-mail's link opened on another device: in the language the certificate was sent in.
    default_language(upload.language)
    return render_page(
        "pages/life_certificate/upload_status.html",
        upload=upload,
        received_on=service.long_date(_local_day(upload), chosen_language()),
        decided_on=service.long_date(_local_day(upload, upload.decided_at), chosen_language())
        if upload.decided_at
        else None,
        house=by_code()[upload.house_code].house_name,
    )


def _local_day(upload: LifeCertificateUpload, moment: dt.datetime | None = None) -> dt.date:
    return ro.local(moment or upload.received_at).date()
