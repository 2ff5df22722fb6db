"""The declaration for the transfer of the pension into an account abroad (/plata-strainatate):
start page, question pages, check your answers, and the printout to sign and send.

The sibling of the request for an account in Romania (webapp/payment/views.py), built the same
way: public, no account, nothing submitted to the site; the answers live in a draft tied to this
browser's session, and the printout is made only from the answers confirmed on the check page.
"""

from flask import Blueprint, url_for

from documents import payment_abroad as printout
from domain import ro
from domain.reference.counties import county
from forms.answers import answers_from
from forms.payment import REPRESENTATIVE_FIELDS, RepresentativeForm
from forms.payment_abroad import (
    CHECK_ANSWERS,
    AbroadFilerForm,
    ForeignAccountForm,
    PensionerAbroadForm,
)
from webapp import rate_limits
from webapp.downloads import journey_links, print_page, send_printout
from webapp.errors import refuse
from webapp.htmx import render_page
from webapp.questions import Journey, Step

bp = Blueprint("payment_abroad", __name__, url_prefix="/plata-strainatate")
OTHER_BROWSER = (
    "Declarația nu a fost trimisă nicăieri: răspunsurile sunt păstrate doar în browserul în "
    "care ați completat-o, iar în acesta nu sunt. Completați declarația aici; durează câteva "
    "minute."
)

PENSIONER = Step(
    "pensioner", PensionerAbroadForm, "pages/payment_abroad/pensioner.html", ".pensioner"
)
ACCOUNT = Step("account", ForeignAccountForm, "pages/payment_abroad/account.html", ".account")
FILER = Step("filer", AbroadFilerForm, "pages/payment_abroad/filer.html", ".filer")
REPRESENTATIVE = Step(
    "representative",
    RepresentativeForm,
    "pages/payment_abroad/representative.html",
    ".representative",
    form_kwargs=lambda earlier: {"applicant_cnp": earlier["pensioner"].cnp.data},
    applies=lambda earlier: "filer" in earlier and earlier["filer"].represented,
)


def confirmed_answers(forms: dict) -> dict:
    """The input of documents.payment_abroad.build_context; the representative's page is among
    `forms` only when someone else files."""
    answers = answers_from(*forms.values(), skip=REPRESENTATIVE_FIELDS)
    if "representative" in forms:
        answers |= answers_from(forms["representative"])
    return answers


JOURNEY = Journey(
    "payment_abroad",
    (PENSIONER, ACCOUNT, FILER, REPRESENTATIVE),
    check_endpoint=".check",
    check_template="pages/payment_abroad/check.html",
    check_answers=CHECK_ANSWERS,
    confirmed_endpoint=".confirmation",
    answers=confirmed_answers,
    nothing_here=lambda: refuse(OTHER_BROWSER, ("Completați declarația", url_for(".pensioner"))),
)


@bp.get("/")
def start():
    return render_page("pages/payment_abroad/start.html")


@bp.route("/declaratie", methods=["GET", "POST"])
def pensioner():
    return JOURNEY.question(PENSIONER)


@bp.route("/declaratie/cont", methods=["GET", "POST"])
def account():
    return JOURNEY.question(ACCOUNT)


@bp.route("/declaratie/depunere", methods=["GET", "POST"])
def filer():
    return JOURNEY.question(FILER)


@bp.route("/declaratie/reprezentant", methods=["GET", "POST"])
def representative():
    return JOURNEY.question(REPRESENTATIVE)


@bp.route("/declaratie/verificare", methods=["GET", "POST"])
@rate_limits.limit("payment-abroad", methods=["POST"])
def check():
    return JOURNEY.check()


@bp.get("/declaratie/gata")
def confirmation():
    answers = JOURNEY.confirmed()
    return render_page(
        "pages/payment_abroad/confirmation.html",
        printed=_printout_context(answers),
        house=county(answers["house_code"]),
    )


@bp.get("/declaratie/declaratie-transfer-pensie-strainatate.<any(pdf, docx):extension>")
@rate_limits.limit("download")
def download(extension: str):
    return send_printout(printout, _printout_context(JOURNEY.confirmed()), extension)


@bp.get("/declaratie/tiparire")
def print_view():
    context = _printout_context(JOURNEY.confirmed())
    return print_page(printout, context, journey_links(".confirmation"))


def _printout_context(answers: dict) -> dict:
    return printout.build_context(answers, today=ro.today())
