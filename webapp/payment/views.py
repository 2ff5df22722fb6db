"""The request to be paid into a current or card account (/plata-card): start page, three question
pages, check your answers, and the printout to sign and send by post or email.

Public, no account. Nothing is submitted to the site: the person sends the printout to the county
house. What is typed lives in a draft tied to this browser's session (webapp/drafts.py), and so do
the answers confirmed on the check page, which are all the printout is made from: another browser
has neither, so it gets no printout.
"""

from flask import Blueprint, current_app, url_for

from documents import payment_request as printout
from domain import ro
from domain.reference.banks import all_banks
from forms.answers import answers_from
from forms.payment import (
    CHECK_ANSWERS,
    REPRESENTATIVE_FIELDS,
    BankAccountForm,
    FilerForm,
    PensionerForm,
)
from webapp.downloads import print_page, send_printout
from webapp.errors import refuse
from webapp.extensions import limiter
from webapp.htmx import render_page
from webapp.questions import Journey, Step

bp = Blueprint("payment", __name__, url_prefix="/plata-card")
# The 403 of a printout asked for in a browser that filled in nothing (m17).
OTHER_BROWSER = (
    "Cererea de plată nu a fost trimisă nicăieri: răspunsurile sunt păstrate doar în browserul în "
    "care ați completat-o, iar în acesta nu sunt. Completați cererea aici; durează câteva minute."
)

PENSIONER = Step("pensioner", PensionerForm, "pages/payment/pensioner.html", ".pensioner")
ACCOUNT = Step("account", BankAccountForm, "pages/payment/account.html", ".account")
FILER = Step(
    "filer",
    FilerForm,
    "pages/payment/filer.html",
    ".filer",
    form_kwargs=lambda earlier: {"applicant_cnp": earlier["pensioner"].cnp.data},
)


def confirmed_answers(forms: dict) -> dict:
    """The input of documents.payment_request.build_context; the representative's answers only
    when someone else files."""
    skip = () if forms["filer"].represented else REPRESENTATIVE_FIELDS
    return answers_from(*forms.values(), skip=skip)


JOURNEY = Journey(
    "payment",
    (PENSIONER, ACCOUNT, FILER),
    check_endpoint=".check",
    check_template="pages/payment/check.html",
    check_answers=CHECK_ANSWERS,
    confirmed_endpoint=".confirmation",
    answers=confirmed_answers,
    nothing_here=lambda: refuse(OTHER_BROWSER, ("Completați cererea", url_for(".pensioner"))),
)


@bp.get("/")
def start():
    return render_page("pages/payment/start.html", banks=all_banks())


@bp.route("/cerere", methods=["GET", "POST"])
def pensioner():
    return JOURNEY.question(PENSIONER)


@bp.route("/cerere/cont", methods=["GET", "POST"])
def account():
    return JOURNEY.question(ACCOUNT)


@bp.route("/cerere/depunere", methods=["GET", "POST"])
def filer():
    return JOURNEY.question(FILER)


@bp.route("/cerere/verificare", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_SUBMIT_RATE_LIMIT"], methods=["POST"])
def check():
    return JOURNEY.check()


@bp.get("/cerere/gata")
def confirmation():
    printed = _printout_context(JOURNEY.confirmed())
    return render_page("pages/payment/confirmation.html", printed=printed)


@bp.get("/cerere/cerere-plata-pensie-in-cont.<any(pdf, docx):extension>")
def download(extension: str):
    return send_printout(printout, _printout_context(JOURNEY.confirmed()), extension)


@bp.get("/cerere/tiparire")
def print_view():
    context = _printout_context(JOURNEY.confirmed())
    links = [
        ("Descărcați PDF", url_for(".download", extension="pdf")),
        ("Descărcați Word", url_for(".download", extension="docx")),
        ("Înapoi", url_for(".confirmation")),
    ]
    return print_page(printout, context, links)


def _printout_context(answers: dict) -> dict:
    return printout.build_context(answers, today=ro.today())
