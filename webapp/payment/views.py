"""The request to be paid into a current or card account (/plata-card): start page, three question
pages, check your answers, and the printout to sign and send by post or email.

Public, no account. Nothing is submitted to the site: the person sends the printout to the county
house. What is typed lives in a draft tied to this browser's session (webapp/drafts.py), and so do
the answers confirmed on the check page, which are all the printout is made from: another browser
has neither, so it gets no printout.
"""

from flask import Blueprint, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from documents import payment_request as printout
from domain import ro
from domain.reference.banks import all_banks
from domain.reference.counties import county
from forms.answers import answers_from, raw_values
from forms.base import value_maxima
from forms.payment import (
    CHECK_ANSWERS,
    REPRESENTATIVE_FIELDS,
    BankAccountForm,
    FilerForm,
    PensionerForm,
    RepresentativeForm,
)
from webapp import drafts, rate_limits
from webapp.downloads import journey_links, print_page, send_printout
from webapp.errors import refuse
from webapp.htmx import render_page, see_other
from webapp.questions import Journey, Step, refuse_bots

bp = Blueprint("payment", __name__, url_prefix="/plata-card")
# The 403 of a printout asked for in a browser that filled in nothing (m17).
OTHER_BROWSER = (
    "Cererea de plată nu a fost trimisă nicăieri: răspunsurile sunt păstrate doar în browserul în "
    "care ați completat-o, iar în acesta nu sunt. Completați cererea aici; durează câteva minute."
)

PENSIONER = Step("pensioner", PensionerForm, "pages/payment/pensioner.html", ".pensioner")
ACCOUNT = Step("account", BankAccountForm, "pages/payment/account.html", ".account")
FILER = Step("filer", FilerForm, "pages/payment/filer.html", ".filer")
REPRESENTATIVE = Step(
    "representative",
    RepresentativeForm,
    "pages/payment/representative.html",
    ".representative",
    form_kwargs=lambda earlier: {"applicant_cnp": earlier["pensioner"].cnp.data},
    applies=lambda earlier: "filer" in earlier and earlier["filer"].represented,
)
# Posted only when the page's script revealed the representative's questions under the choice
# (the fieldset holding it is disabled until then): without JS they are a page of their own.
INLINE = "representative_inline"


def confirmed_answers(forms: dict) -> dict:
    """The input of documents.payment_request.build_context, with the bank the IBAN says; the
    representative's page is among `forms` only when someone else files."""
    answers = answers_from(*forms.values(), skip=REPRESENTATIVE_FIELDS)
    if "representative" in forms:
        answers |= answers_from(forms["representative"])
    answers["bank_code"] = forms["account"].bank.iban_code
    return answers


JOURNEY = Journey(
    "payment",
    (PENSIONER, ACCOUNT, FILER, REPRESENTATIVE),
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
    if request.method == "POST" and request.form.get(INLINE):
        return _filer_with_representative()
    return JOURNEY.question(FILER, {"representative": _saved_representative()})


@bp.route("/cerere/reprezentant", methods=["GET", "POST"])
def representative():
    return JOURNEY.question(REPRESENTATIVE)


def _saved_representative():
    """The representative's questions as last typed, for the reveal under the choice."""
    draft = drafts.load(JOURNEY.name)
    return RepresentativeForm(formdata=MultiDict(draft.get(REPRESENTATIVE.section, {})))


def _filer_with_representative():
    """The choice and the revealed representative's questions, posted together (JS on): both
    are saved, and when both are answered the representative's page is not needed."""
    draft = drafts.load(JOURNEY.name)
    forms, stopped_at = JOURNEY.validated(draft, (PENSIONER, ACCOUNT))
    if stopped_at is not None:
        return redirect(url_for(stopped_at.endpoint, verificare=1))
    refuse_bots()
    choice = FilerForm()
    person = RepresentativeForm(applicant_cnp=forms["pensioner"].cnp.data)
    valid = choice.validate()
    JOURNEY.save(draft, FILER.section, raw_values(choice), value_maxima(choice))
    # Kept even when the pensioner files after all: choosing the representative again brings
    # back what was typed. Not printed: the representative's page then does not apply.
    JOURNEY.save(draft, REPRESENTATIVE.section, raw_values(person), value_maxima(person))
    if valid and choice.represented:
        valid = person.validate()
    if valid:
        return see_other(url_for(JOURNEY.next_endpoint(REPRESENTATIVE)))
    # `form` is the one with the problems: the error summary and the title's "Eroare:" read it.
    shown = person if person.errors else choice
    return render_page(FILER.template, "content", form=shown, choice=choice, representative=person)


@bp.route("/cerere/verificare", methods=["GET", "POST"])
@rate_limits.limit("payment", methods=["POST"])
def check():
    return JOURNEY.check()


@bp.get("/cerere/gata")
def confirmation():
    answers = JOURNEY.confirmed()
    printed = _printout_context(answers)
    return render_page(
        "pages/payment/confirmation.html", printed=printed, house=county(answers["house_code"])
    )


@bp.get("/cerere/cerere-plata-pensie-in-cont.<any(pdf, docx):extension>")
@rate_limits.limit("download")
def download(extension: str):
    return send_printout(printout, _printout_context(JOURNEY.confirmed()), extension)


@bp.get("/cerere/tiparire")
def print_view():
    context = _printout_context(JOURNEY.confirmed())
    return print_page(printout, context, journey_links(".confirmation"))


def _printout_context(answers: dict) -> dict:
    return printout.build_context(answers, today=ro.today())
