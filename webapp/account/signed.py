"""The e-signature route of the account request (CNPP accepts it since 2023): the applicant
signs the request PDF downloaded from here with a qualified e-signature and uploads it with a
copy of the ID document; the county house registers it without a counter visit
(webapp/counter/signed.py). The documents of the persons administered are still shown at a
counter.

Only the holder of the request uploads: the browser that submitted it, or whoever has the signed
link of the submission e-mail (the same checks as the printout's, webapp/account/views.py).
Uploads are rate limited and read by content (webapp/files.py); the signature is checked by
webapp/account/signature_check.py against the trust anchors of the configuration.
"""

import datetime as dt

from flask import Blueprint, current_app, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from domain.account_requests import counter_documents
from forms.signed import MEGABYTE, SignedUploadForm
from webapp import files as stored_files
from webapp import rate_limits
from webapp.account import signed_service
from webapp.account.answers import office_name
from webapp.account.signature_check import check_signed_request
from webapp.account.views import _emailed_request, _submitted_request
from webapp.db import db
from webapp.errors import _http_error
from webapp.htmx import render_page, see_other

bp = Blueprint("account_signed", __name__, url_prefix="/cont")
ENDPOINTS = ("account_signed.by_session", "account_signed.by_token")
RECEIVED = "primita"


def _body_limit() -> int:
    # Both files at their largest, and the form around them.
    return 2 * current_app.config["QES_UPLOAD_MAX_BYTES"] + 64 * 1024


@bp.url_value_preprocessor
def _allow_files(endpoint, values):
    # Runs before the app's before_request (CSRF reads the body there).
    if endpoint in ENDPOINTS:
        request.max_content_length = _body_limit()


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    if request.endpoint not in ENDPOINTS:
        return _http_error(error)
    found = _holder_request()
    form = _form()
    form.list_errors = [
        f"Fișierele alese au împreună peste {_body_limit() // MEGABYTE} MB. Fiecare poate avea "
        f"cel mult {current_app.config['QES_UPLOAD_MAX_BYTES'] // MEGABYTE} MB."
    ]
    response = _page(found, form, status=413)
    response.headers["Connection"] = "close"
    return response


@bp.route("/cerere/<reference>/semnatura-electronica", methods=["GET", "POST"])
@rate_limits.limit("qes-upload", methods=["POST"])
def by_session(reference: str):
    return _upload(_submitted_request(reference))


@bp.route("/cerere/descarcare/<token>/semnatura-electronica", methods=["GET", "POST"])
@rate_limits.limit("qes-upload", methods=["POST"])
def by_token(token: str):
    return _upload(_emailed_request(token))


def _holder_request():
    values = request.view_args or {}
    if "token" in values:
        return _emailed_request(values["token"])
    return _submitted_request(values["reference"])


def _form() -> SignedUploadForm:
    return SignedUploadForm(formdata=None, max_bytes=current_app.config["QES_UPLOAD_MAX_BYTES"])


def _links(found) -> dict:
    values = request.view_args or {}
    if "token" in values:
        token = values["token"]
        return {
            "pdf_url": url_for("account.emailed_file", token=token, extension="pdf"),
            "back_url": url_for("account.emailed_download", token=token),
            "self_url": url_for("account_signed.by_token", token=token),
        }
    return {
        "pdf_url": url_for("account.download", reference=found.reference, extension="pdf"),
        "back_url": url_for("account.confirmation", reference=found.reference),
        "self_url": url_for("account_signed.by_session", reference=found.reference),
    }


def _page(found, form, status: int = 200):
    anchors_configured = bool(current_app.config.get("QES_TRUST_ANCHORS"))
    return render_page(
        "pages/account/signed.html",
        status=status,
        request=found,
        form=form,
        configured=anchors_configured,
        waiting=found.status == "submitted",
        received=signed_service.of_request(db(), found),
        just_received=request.args.get(RECEIVED) == "1",
        office_name=office_name(found.office_code),
        person_documents=counter_documents(found.answers),
        max_mb=current_app.config["QES_UPLOAD_MAX_BYTES"] // MEGABYTE,
        **_links(found),
    )


def _upload(found):
    if request.method == "GET" or found.status != "submitted":
        return _page(found, _form())
    anchors = signed_service.trust_anchors()
    form = SignedUploadForm(max_bytes=current_app.config["QES_UPLOAD_MAX_BYTES"])
    if not anchors:
        form.list_errors = [
            "Depunerea cu semnătură electronică nu este disponibilă încă. Veniți la ghișeu."
        ]
        return _page(found, form)
    if not form.validate():
        return _page(found, form)
    signed_name, signed_data = form.files["signed_pdf"]
    id_name, id_data = form.files["id_copy"]
    id_kind = stored_files.sniff(id_data)
    if id_kind is None:
        form.id_copy.errors = [
            "Copia actului de identitate nu este un fișier PDF, JPEG sau PNG. Verificăm "
            "conținutul fișierului, nu numele lui: alegeți documentul scanat sau fotografiat."
        ]
    answers = found.answers
    result = check_signed_request(
        signed_data,
        issued=signed_service.issued(db(), found),
        reference=found.reference,
        last_name=answers["last_name"],
        first_name=answers["first_name"],
        trust_anchors=anchors,
        check_revocation=current_app.config.get("QES_CHECK_REVOCATION", False),
    )
    if not result.accepted:
        form.signed_pdf.errors = [result.message(found.reference, found.full_name)]
    if form.signed_pdf.errors or form.id_copy.errors:
        return _page(found, form)
    try:
        signed_service.accept(
            db(),
            found,
            result,
            signed=(signed_name, signed_data),
            id_copy=(id_name, id_data, id_kind),
            now=dt.datetime.now(dt.UTC),
        )
    except signed_service.UploadRefused as refused:
        db().refresh(found)
        form.list_errors = [str(refused)]
        return _page(found, form)
    return see_other(_links(found)["self_url"] + f"?{RECEIVED}=1")
