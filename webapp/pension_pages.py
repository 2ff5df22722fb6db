"""The pension pages: the calculator (/pensie/calcul) and the information pages under /pensie/.

The calculator is a GET form, so every result has an address that can be bookmarked or sent.
Without JavaScript it submits and the page comes back with the result. With htmx the form asks
for the result block alone as the person types (the template's ``result`` block, an aria-live
region); the address bar is replaced, not pushed, so that Back does not step through every
keystroke. Adding or removing a row of the year table comes back as the whole content block,
because the form itself changes.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from flask import Blueprint, abort, request, url_for
from werkzeug.datastructures import MultiDict

from forms.base import iter_fields, today_in_romania
from forms.pension import MAX_ROWS, CalculatorForm
from webapp.account_answers import without_row
from webapp.extensions import htmx
from webapp.pension import GROSS, NET, POINTS, Estimate, PensionInputError, estimate_from_query
from webapp.pension.periods import ro_date, ro_number
from webapp.pension.tables import (
    annex7_by_year,
    csmb_by_year,
    early_rates,
    law_in_force,
    parameter,
    pillar2_factors,
    reference_point_values,
    social_indemnities,
    stability_bands,
    tax_rules,
)
from webapp.rendering import render_page, wants_fragment

bp = Blueprint("pension_pages", __name__, url_prefix="/pensie")

CALCULATOR = "pages/pension/calculator.html"
# Big enough for the pasted table's 30,000 characters once percent-encoded; a longer address is
# not something the form produces.
MAX_QUERY_BYTES = 128 * 1024
REMOVE_ROW = re.compile(r"remove-year-([0-9]{1,3})")
ROW_KEY = re.compile(r"rows-([^-]*)-")
ROW_INDEX = re.compile(r"[0-9]{1,3}")

# slug → (template, title, one line for the index page)
TOPICS = {
    "tipuri-de-pensii": (
        "types.html",
        "Tipurile de pensie publică",
        "Pensia pentru limită de vârstă, anticipată, de invaliditate și de urmaș: cine le primește.",
    ),
    "punctaj": (
        "points.html",
        "Cum se calculează punctajul",
        "Punctajul lunar și anual, numărul total de puncte și valoarea punctului de referință.",
    ),
    "perioade-asimilate": (
        "assimilated.html",
        "Perioadele asimilate stagiului de cotizare",
        "Facultatea, armata, concediul pentru creșterea copilului: cât contează la pensie.",
    ),
    "puncte-de-stabilitate": (
        "stability.html",
        "Punctele de stabilitate",
        "Puncte în plus pentru fiecare an de stagiu de peste 25 de ani.",
    ),
    "pilonul-2": (
        "pillar2.html",
        "Pilonul II și pensia publică",
        "De ce punctajul lunar este mai mic pentru cei înscriși la un fond de pensii privat.",
    ),
    "impozit-si-cass": (
        "tax.html",
        "Impozitul și CASS pe pensie",
        "Cât se reține din pensie, de la ce sumă și de la ce dată.",
    ),
    "termene": (
        "deadlines.html",
        "Cererea de pensie: termenele",
        "Depuneți cererea în 30 de zile; casa de pensii decide în 45 de zile.",
    ),
}

SECTIONS = (
    (POINTS, "Numărul total de puncte", "total_points"),
    (GROSS, "Pensia brută", "gross"),
    (NET, "Pensia netă", "net"),
)


# --- formatting for the templates ---------------------------------------------------------------


def signed(text: str) -> str:
    # A real minus sign: a hyphen is easy to miss in a column of figures.
    return "−" + text[1:] if text.startswith("-") else text


def points_text(value: Decimal) -> str:
    return signed(ro_number(value, 5))


def lei_text(value: Decimal) -> str:
    return signed(ro_number(value))


def line_value(line) -> str:
    return points_text(line.value) if line.section == POINTS else lei_text(line.value)


@bp.context_processor
def _formatting():
    return {
        "ro_date": ro_date,
        "ro_number": ro_number,
        "points_text": points_text,
        "lei_text": lei_text,
        "line_value": line_value,
        "topics": TOPICS,
    }


# --- information pages --------------------------------------------------------------------------


@bp.get("/")
def index():
    return render_page("pages/pension/index.html")


@bp.get("/<slug>")
def topic(slug: str):
    if slug not in TOPICS:
        abort(404)
    template, title, _summary = TOPICS[slug]
    return render_page(
        f"pages/pension/{template}", slug=slug, page_title=title, **_facts(today_in_romania())
    )


def _facts(today: date) -> dict:
    """Figures the information pages quote, read from the same tables as the calculator."""
    on = max(today, law_in_force())
    vpr = reference_point_values().at(on)
    indemnity = social_indemnities().at(on)
    return {
        "today": today,
        "law_in_force": law_in_force(),
        "vpr": vpr,
        "stability": stability_bands(on),
        "early": early_rates(on),
        "tax_rows": tax_rules().rows,
        "pillar2_rows": pillar2_factors().rows,
        "indemnity": indemnity,
        "assimilated_score": parameter("assimilated_monthly_score", on),
        "invalidity_scores": [parameter(f"invalidity_monthly_score_{g}", on) for g in (1, 2, 3)],
        "special_extra": parameter("special_monthly_extra", on),
        "deosebite_extra": parameter("deosebite_monthly_extra", on),
        "data_gap": _data_gap(),
        "first_budget_year": min(csmb_by_year()),
    }


def _data_gap() -> tuple[int, int] | None:
    """The years with no divisor in the data (1991-2011 today), for which points are asked."""
    first, last = max(annex7_by_year()) + 1, min(csmb_by_year()) - 1
    return (first, last) if first <= last else None


# --- the calculator -----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What the result region shows: nothing yet, what is missing, the errors, or the estimate."""

    state: str
    missing: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    estimate: Estimate | None = None
    explanation: list[str] = field(default_factory=list)


@bp.get("/calcul")
def calculator():
    if len(request.query_string) > MAX_QUERY_BYTES:
        abort(400)
    args = _without_odd_rows(request.args)
    action = args.get("action", "")
    focus = None
    row_action = action == "add-year"
    if match := REMOVE_ROW.fullmatch(action):
        args = without_row(args, "rows", int(match[1]))
        focus, row_action = "add-year", True
    form = CalculatorForm(formdata=args)
    if action == "add-year":
        if len(form.rows.entries) < MAX_ROWS:
            focus = form.rows.append_entry().form.year.id
        else:
            focus = form.rows.entries[-1].form.year.id

    outcome = calculate(form, explicit=action == "calculate")
    context = {
        "form": form,
        "outcome": outcome,
        "focus": focus,
        "max_rows": MAX_ROWS,
        "fragment": wants_fragment(),
        "data_gap": _data_gap(),
        "share_url": _address(form),
        "sections": SECTIONS,
    }
    if row_action and wants_fragment():
        response = render_page(CALCULATOR, "content", **context)
        response.headers["HX-Retarget"] = "#content"
        response.headers["HX-Reswap"] = "innerHTML"
    else:
        response = render_page(CALCULATOR, "result", **context)
    if htmx:
        response.headers["HX-Replace-Url"] = context["share_url"]
    return response


def calculate(form: CalculatorForm, explicit: bool) -> Outcome:
    """Validate the form and, when it is complete, estimate.

    While someone is still typing, a question not yet answered is "missing", not an error; it
    becomes an error only when they ask for the result (the Calculați button, or Enter).
    """
    if not form.entered():
        if explicit:
            form.validate()
            form.start_date.errors = ["Scrieți data de la care începe pensia."]
            return Outcome("errors", errors=_errors(form))
        return Outcome("empty")
    form.validate()
    missing = []
    if form.start_date.data is None and not form.start_date.errors:
        missing.append((form.start_date.id, "Scrieți data de la care începe pensia."))
    if form.points.data is None and not form.income_entries() and not _career_errors(form):
        missing.append(
            (
                form.points.id,
                "Scrieți punctajul din raportul de stagiu sau veniturile pe ani.",
            )
        )
    if explicit:
        for field_id, message in missing:
            form[field_id].errors = [message]
        missing = []
    if form.errors or form.list_errors:
        return Outcome("errors", errors=_errors(form))
    if missing:
        return Outcome("missing", missing=missing)
    try:
        estimate = estimate_from_query(form.query())
    except PensionInputError as error:
        form.add_error(error.parameter, error.message)
        return Outcome("errors", errors=_errors(form))
    return Outcome("result", estimate=estimate, explanation=explain(estimate))


def _career_errors(form: CalculatorForm) -> bool:
    rows = any(entry.form.year.errors or entry.form.amount.errors for entry in form.rows.entries)
    return rows or bool(form.points.errors or form.income.errors)


def _errors(form: CalculatorForm) -> list[tuple[str, str]]:
    """(anchor, message) for every error, in page order; list errors point at the career."""
    found = [(f.id, f.errors[0]) for f in iter_fields(form) if f.errors]
    found += [("career", message) for message in form.list_errors]
    return found


def _without_odd_rows(args: MultiDict) -> MultiDict:
    """Drops row keys whose index is not a small number: WTForms would int() "²" or a
    5,000-digit index and fail; the form never sends them."""
    kept = MultiDict()
    for key, value in args.items(multi=True):
        match = ROW_KEY.match(key)
        if match and not ROW_INDEX.fullmatch(match[1]):
            continue
        kept.add(key, value)
    return kept


def _address(form: CalculatorForm) -> str:
    pairs = form.address()
    base = url_for(".calculator")
    return f"{base}?{urlencode(pairs)}" if pairs else base


def explain(estimate: Estimate) -> list[str]:
    """The result in a few plain sentences; the lines below it give every figure and article."""
    parts = [f"{points_text(estimate.contributory_points)} puncte din anii lucrați"]
    if estimate.assimilated_points:
        parts.append(f"{points_text(estimate.assimilated_points)} pentru perioadele asimilate")
    if estimate.potential_points:
        parts.append(f"{points_text(estimate.potential_points)} pentru stagiul potențial")
    if estimate.extra_points:
        parts.append(
            f"{points_text(estimate.extra_points)} pentru munca în condiții speciale sau deosebite"
        )
    if estimate.stability_points:
        parts.append(
            f"{points_text(estimate.stability_points)} puncte de stabilitate, pentru stagiul "
            f"de peste 25 de ani"
        )
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " și " + parts[-1]
    sentences = [
        f"Ați adunat {listed}: în total {points_text(estimate.total_points)} puncte.",
        f"Pensia brută este numărul total de puncte înmulțit cu valoarea punctului de referință "
        f"în vigoare la {ro_date(estimate.start_date)}, {lei_text(estimate.reference_point_value)} "
        f"lei; fracțiunea de leu se rotunjește în sus.",
    ]
    if estimate.anticipation_months:
        sentences.append(
            f"Pensia începe cu {estimate.anticipation_months} luni înaintea vârstei standard, deci "
            f"este o pensie anticipată și scade cu "
            f"{lei_text(estimate.early_reduction_percent)}%. Procentul este cel pe lună din "
            f"tabelul nr. 4 al legii înmulțit cu numărul lunilor de anticipare, cum citim textul "
            f"art. 58 alin. (3); calculele care aplică procentele pe tranșe dau altă sumă."
        )
    if estimate.health_contribution or estimate.income_tax:
        sentences.append(
            f"Din pensia brută de {lei_text(estimate.gross)} lei se rețin "
            f"{lei_text(estimate.health_contribution)} lei CASS și "
            f"{lei_text(estimate.income_tax)} lei impozit pe venit, în lei întregi; primiți "
            f"{lei_text(estimate.net)} lei."
        )
    else:
        sentences.append(
            f"Pensia brută nu depășește suma neimpozabilă, deci nu se rețin CASS și impozit: "
            f"primiți {lei_text(estimate.net)} lei."
        )
    return sentences
