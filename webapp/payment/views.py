"""The request to be paid into a current or card account (/plata-card): start page, three question
pages, check your answers, and the printout to sign and send by post or email.

Public, no account. Nothing is submitted to the site: the person sends the printout to the county
house. What is typed lives in a draft tied to this browser's session (webapp/drafts.py), and so do
the answers confirmed on the check page, which are all the printout is made from: another browser
has neither, so it gets no printout.
"""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, redirect, request, url_for
from werkzeug.datastructures import MultiDict

from documents import payment_request as printout
from domain import ro
from domain.reference.banks import all_banks
from forms.base import iter_fields
from forms.payment import BankAccountForm, FilerForm, PensionerForm, format_iban
from webapp import drafts
from webapp.account.answers import raw_values, summary_rows
from webapp.downloads import print_page, send_printout
from webapp.extensions import limiter
from webapp.htmx import render_page, see_other

# The account request's helpers: the same honeypot, field fragment and check-your-answers rows.
from webapp.questions import field_fragment, refuse_bots

bp = Blueprint("payment", __name__, url_prefix="/plata-card")
JOURNEY = "payment"
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Step:
    section: str
    form_class: type
    template: str
    endpoint: str


STEPS = (
    Step("pensioner", PensionerForm, "pages/payment/pensioner.html", ".pensioner"),
    Step("account", BankAccountForm, "pages/payment/account.html", ".account"),
    Step("filer", FilerForm, "pages/payment/filer.html", ".filer"),
)
# Where each page's "Continuați" leads.
NEXT = dict(
    zip([s.section for s in STEPS], [s.endpoint for s in STEPS[1:]] + [".check"], strict=True)
)


@bp.get("/")
def start():
    return render_page("pages/payment/start.html", banks=all_banks())


@bp.route("/cerere", methods=["GET", "POST"])
def pensioner():
    return _question(STEPS[0])


@bp.route("/cerere/cont", methods=["GET", "POST"])
def account():
    return _question(STEPS[1])


@bp.route("/cerere/depunere", methods=["GET", "POST"])
def filer():
    return _question(STEPS[2])


@bp.route("/cerere/verificare", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["ACCOUNT_SUBMIT_RATE_LIMIT"], methods=["POST"])
def check():
    draft = drafts.load(JOURNEY)
    forms, stopped_at = _validated(draft, STEPS)
    if stopped_at is not None:
        return redirect(url_for(stopped_at.endpoint, verificare=1))
    if request.method == "POST":
        refuse_bots(forms["pensioner"])
        drafts.save_section(JOURNEY, CONFIRMED, answers_from(forms))
        return see_other(url_for(".confirmation"))
    return render_page(
        "pages/payment/check.html",
        sections=check_sections(forms),
        honeypot_field=forms["pensioner"].website,
    )


@bp.get("/cerere/gata")
def confirmation():
    printed = _printout_context(_confirmed())
    return render_page("pages/payment/confirmation.html", printed=printed)


@bp.get("/cerere/cerere-plata-pensie-in-cont.<any(pdf, docx):extension>")
def download(extension: str):
    return send_printout(printout, _printout_context(_confirmed()), extension)


@bp.get("/cerere/tiparire")
def print_view():
    context = _printout_context(_confirmed())
    links = [
        ("Descărcați PDF", url_for(".download", extension="pdf")),
        ("Descărcați Word", url_for(".download", extension="docx")),
        ("Înapoi", url_for(".confirmation")),
    ]
    return print_page(printout, context, links)


def _question(step: Step):
    draft = drafts.load(JOURNEY)
    earlier = STEPS[: STEPS.index(step)]
    forms, stopped_at = _validated(draft, earlier)
    if stopped_at is not None:
        return redirect(url_for(stopped_at.endpoint, verificare=1))
    if request.method == "POST":
        form = _form(step, forms)
        refuse_bots(form)
        valid = form.validate()
        _save(draft, step.section, _raw(form))
        if field_name := request.headers.get("X-Field"):
            return field_fragment(form, field_name)
        if valid:
            return see_other(url_for(NEXT[step.section]))
    else:
        form = _form(step, forms, MultiDict(draft.get(step.section, {})))
        if request.args.get("verificare"):
            form.validate()
    return render_page(step.template, "content", form=form)


def _form(step: Step, earlier: dict, formdata=None, **kwargs):
    """The page's form over `formdata`, or over the posted form when there is none."""
    if formdata is not None:
        kwargs["formdata"] = formdata
    if step.form_class is FilerForm:
        kwargs["applicant_cnp"] = earlier["pensioner"].cnp.data
    return step.form_class(**kwargs)


def _validated(draft: dict, steps) -> tuple[dict, Step | None]:
    """The saved answers of `steps` as validated forms, and the first step that is not complete."""
    forms = {}
    for step in steps:
        form = _form(step, forms, MultiDict(draft.get(step.section, {})), meta={"csrf": False})
        forms[step.section] = form
        if not form.validate():
            return forms, step
    return forms, None


def _raw(form) -> dict[str, str]:
    values = raw_values(form)
    # A checkbox comes back as "y" or not at all; str(False) would read back as ticked.
    for field in iter_fields(form):
        if field.type == "BooleanField":
            values[field.name] = "y" if field.data else ""
    return values


def _save(draft: dict, section: str, values: dict) -> None:
    drafts.save_section(JOURNEY, section, values)
    # A changed answer is not what was confirmed: the printout waits for the check page again.
    if draft.get(CONFIRMED) and draft.get(section) != values:
        drafts.save_section(JOURNEY, CONFIRMED, {})


def answers_from(forms: dict) -> dict:
    """The confirmed answers, JSON-ready: the input of documents.payment_request.build_context."""
    answers = {}
    for form in forms.values():
        for field in iter_fields(form):
            if field.name == "website":
                continue
            if field.name.startswith("rep_") and not forms["filer"].represented:
                continue
            value = field.data
            answers[field.name] = value.isoformat() if hasattr(value, "isoformat") else value
    return answers


def check_sections(forms: dict) -> list[dict]:
    pensioner, account, filer = forms["pensioner"], forms["account"], forms["filer"]
    change = {name: url_for(step.endpoint) for name, step in zip(forms, STEPS, strict=True)}
    sections = [
        (
            "Titularul pensiei",
            summary_rows(
                pensioner, ["last_name", "first_name", "cnp", "pension_number", "house_code"]
            ),
            "pensioner",
        ),
        (
            "Adresa de domiciliu",
            summary_rows(
                pensioner,
                [
                    "county_code",
                    "locality",
                    "street",
                    "street_number",
                    "block",
                    "staircase",
                    "floor",
                    "apartment",
                    "postal_code",
                ],
            ),
            "pensioner",
        ),
        ("Contact", summary_rows(pensioner, ["phone", "email"]), "pensioner"),
        (
            "Contul bancar",
            [
                *summary_rows(account, ["bank_code"]),
                (account.iban.label.text, format_iban(account.iban.data)),
                ("Contul este pe numele titularului", "Da, ați confirmat"),
            ],
            "account",
        ),
        (
            "Cine depune cererea",
            summary_rows(
                filer,
                ["who_files"]
                + (
                    [
                        "rep_last_name",
                        "rep_first_name",
                        "rep_cnp",
                        "rep_document_number",
                        "rep_document_date",
                    ]
                    if filer.represented
                    else []
                ),
            ),
            "filer",
        ),
    ]
    return [
        {"title": title, "rows": rows, "change_url": change[section]}
        for title, rows, section in sections
    ]


def _confirmed() -> dict:
    draft = drafts.load(JOURNEY)
    if not draft:
        # Nothing filled in this browser: the printout belongs to whoever filled it, elsewhere.
        abort(403)
    answers = draft.get(CONFIRMED)
    if not answers:
        abort(redirect(url_for(".check")))
    return answers


def _printout_context(answers: dict) -> dict:
    return printout.build_context(answers, today=ro.today())
