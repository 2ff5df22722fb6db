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

from domain import ro
from domain.pension import (
    GROSS,
    NET,
    POINTS,
    Estimate,
    PensionInputError,
    Stage,
    estimate_from_query,
    net_amount,
)
from domain.pension.history import assimilated_example
from domain.pension.stability import stability_points
from domain.pension.tables import (
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
from forms.answers import without_row
from forms.base import iter_fields
from forms.pension import (
    LISTED_BAD_LINES,
    MAX_ROWS,
    CalculatorForm,
    data_gap,
    parse_amount,
    parse_table_line,
    parse_year,
)
from webapp.extensions import htmx
from webapp.htmx import render_page, wants_fragment

bp = Blueprint("pension_pages", __name__, url_prefix="/pensie")

CALCULATOR = "pages/pension/calculator.html"
# Big enough for the pasted table's 30,000 characters once percent-encoded; a longer address is
# not something the form produces.
MAX_QUERY_BYTES = 128 * 1024
REMOVE_ROW = re.compile(r"remove-year-([0-9]{1,3})")
ROL_ROW = re.compile(r"rol-([0-9]{1,3})")
REMOVE_GAP = "remove-gap-years"
# About the most a year can give: the contribution was capped at a few average wages (3 × or
# 5 × by period, art. 85(7)); more than this is questioned before it is used.
PLAUSIBLE_POINTS = Decimal(5)
ROL_PER_RON = Decimal(10_000)  # 1 leu (RON) = 10,000 old lei (ROL), from 1 July 2005
LAST_ROL_YEAR = 2005
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

# The CNPP's own example of the tax (4,467 lei), and a round number of points.
TAX_EXAMPLE_GROSS = Decimal(4467)
EXAMPLE_POINTS = Decimal(30)
PILLAR2_STATUS = {
    "cnpp": "publicat de CNPP",
    "derived": "calculat din cotele de contribuție",
    "unverified": "neconfirmat oficial",
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
    return signed(ro.number(value, 5))


def lei_text(value: Decimal) -> str:
    return signed(ro.number(value))


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
        f"pages/pension/{template}", slug=slug, page_title=title, **_facts(ro.today())
    )


def _facts(today: date) -> dict:
    """Figures the information pages quote, read from the same tables as the calculator."""
    on = max(today, law_in_force())
    vpr = reference_point_values().at(on)
    return {
        "today": today,
        "law_in_force": law_in_force(),
        "vpr": vpr,
        "stability": stability_bands(on),
        "early": early_rates(on),
        "tax_rows": tax_rules().rows,
        "pillar2_rows": [
            (row, PILLAR2_STATUS.get(re.split(r"[ ;(]", row.value.status)[0], ""))
            for row in pillar2_factors().rows
        ],
        "tax_now": tax_rules().at(on),
        "tax_example": net_amount(TAX_EXAMPLE_GROSS, on),
        "indemnity": social_indemnities().at(on),
        "stability_examples": [(years, stability_points(Stage(years), on)) for years in (35, 40)],
        "points_example": (EXAMPLE_POINTS, EXAMPLE_POINTS * vpr.value if vpr else None),
        "assimilated_score": parameter("assimilated_monthly_score", on),
        "assimilated_examples": [(year, assimilated_example(year, 6)) for year in (1980, 1985)],
        "assimilated_quarter": parameter("assimilated_quarter_article", on),
        "invalidity_scores": [parameter(f"invalidity_monthly_score_{g}", on) for g in (1, 2, 3)],
        "special_extra": parameter("special_monthly_extra", on),
        "deosebite_extra": parameter("deosebite_monthly_extra", on),
        "data_gap": _data_gap(),
        "first_budget_year": min(csmb_by_year()),
    }


def _data_gap() -> tuple[int, int] | None:
    """The span of years with no divisor in the data (1991-2018 today), whose points are asked."""
    return data_gap()


# --- the calculator -----------------------------------------------------------------------------


@dataclass
class Table:
    """One section of the result's lines, already worded for the page."""

    caption: str
    unit: str
    rows: list[tuple[str, str, str]]  # label, article and rule date, value
    total: str


@dataclass
class Outcome:
    """What the result region shows: nothing yet, what is missing, the errors, or the estimate."""

    state: str
    missing: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    estimate: Estimate | None = None
    explanation: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


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
    elif action == REMOVE_GAP:
        args = _without_gap_years(args)
        focus, row_action = "span_points", True
    elif match := ROL_ROW.fullmatch(action):
        args = _in_new_lei(args, int(match[1]))
        focus, row_action = f"rows-{match[1]}-amount", True
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
        # The result block alone: it also brings the error summary and the announced amount,
        # swapped out of band into their places above and beside the form.
        "out_of_band": wants_fragment() and not row_action,
        "data_gap": _data_gap(),
        "share_url": _address(form),
        "marked_fields": _fields_to_mark(form, explicit=action == "calculate")
        if wants_fragment() and not row_action
        else [],
    }
    if row_action and wants_fragment():
        # With htmx the problems are listed in the result region, which follows the typing;
        # messages in the form would not, and would stay after the value is put right.
        for each in iter_fields(form):
            each.errors = []
        form.list_errors, form.rows_errors = [], []
        form.rol_offers = {}
        response = render_page(CALCULATOR, "content", **context)
        response.headers["HX-Retarget"] = "#content"
        response.headers["HX-Reswap"] = "innerHTML"
    else:
        response = render_page(CALCULATOR, "result", **context)
    if htmx:
        response.headers["HX-Replace-Url"] = context["share_url"]
    # Birth date, sex and incomes are in the URL (F10): said here, not left to the default.
    response.headers["Cache-Control"] = "no-store"
    return response


def _fields_to_mark(form: CalculatorForm, explicit: bool) -> list:
    """With htmx, the questions whose wrapper the result brings out of band (M9): after
    "Calculați" every one with a problem is marked, as without JavaScript; and every one the page
    shows marked (X-Marked-Fields, sent by static/js/portal.js) is drawn again, so that a mark
    goes once the answer is put right."""
    marked = set(request.headers.get("X-Marked-Fields", "").split()[:200])
    return [
        each
        for each in iter_fields(form)
        # The confirmation box has a slot of its own, brought with every result.
        if each.name != "confirm_amounts" and (each.id in marked or (explicit and each.errors))
    ]


def calculate(form: CalculatorForm, explicit: bool) -> Outcome:
    """Validate the form and, when it is complete, estimate.

    While someone is still typing, a question not yet answered is "missing", not an error; it
    becomes an error only when they ask for the result (the Calculați button, or Enter).
    """
    if not form.entered() and not explicit:
        return Outcome("empty")
    form.validate()
    missing = []
    if form.start_date.data is None and not form.start_date.errors:
        missing.append((form.start_date.id, "Scrieți data de la care începe pensia."))
    career = form.income_entries() or form.span_entry()
    if form.points.data is None and not career and not _career_errors(form):
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
    _refuse_gap_years(form)
    if form.errors or form.list_errors:
        return Outcome("errors", errors=_errors(form))
    if missing:
        return Outcome("missing", missing=missing)
    try:
        estimate = estimate_from_query(form.query())
    except PensionInputError as error:
        form.add_error(error.parameter, error.message)
        return Outcome("errors", errors=_errors(form))
    if not form.confirm_amounts.data and _question_amounts(form, estimate):
        return Outcome("errors", errors=_errors(form))
    return Outcome(
        "result", estimate=estimate, explanation=explain(estimate), tables=tables(estimate)
    )


def tables(estimate: Estimate) -> list[Table]:
    """The lines by section, each with its article and rule date, worded here: in the template
    each figure would be a few more calls through Jinja, and a 45-year career has some 60."""
    found = []
    for section, caption, total in SECTIONS:
        lines = estimate.section(section)
        if not lines:
            continue
        number = points_text if section == POINTS else lei_text
        rows = []
        for line in lines:
            source = line.article
            if line.rule_date:
                source += f" · regula din {ro.short_date(line.rule_date)}"
            rows.append((line.label, source, number(line.value)))
        unit = "Puncte" if section == POINTS else "Lei"
        found.append(Table(caption, unit, rows, number(getattr(estimate, total))))
    return found


# Said when the score carries the supplementary pension fund increase (art. 143).
SUPPLEMENTARY_NOTE = " și cu creșterea pentru pensia suplimentară (art. 143)"


def _refuse_gap_years(form: CalculatorForm) -> None:
    """Years the data has no divisor for: ONE error, on the box for the span's points.

    The rules package refuses them too, one year at a time; a career typed year by year would
    get one message per row (28 for 1991-2018). Here the rows keep what was typed, the span's
    box says once which years it takes and how to take them out of the list in one go.
    """
    gap = _data_gap()
    if gap is None:
        return

    def in_gap(year: int) -> bool:
        return gap[0] <= year <= gap[1]

    years = {
        entry.form.year.data
        for entry in form.rows.entries
        if entry.form.year.data is not None and in_gap(entry.form.year.data)
    }
    years |= {int(entry[:4]) for entry in form.income.entries if in_gap(int(entry[:4]))}
    if not years or form.span_points.errors:
        return
    form.gap_years = sorted(years)
    span = f"{gap[0]}–{gap[1]}"
    counted = ro.count(len(years), "an", "ani")
    if len(years) == 1:
        typed = f"Ați scris venitul din {min(years)}"
    else:
        typed = f"Ați scris venituri pentru {counted} din această perioadă ({_years_text(years)})"
    remove = f"scoateți-i din listă cu butonul „Scoateți anii {span} din listă”"
    if form.span_points.data is None:
        message = (
            f"Pentru anii {span} nu avem câștigul salarial mediu cu care se împarte venitul, deci "
            f"punctajul lor nu se poate calcula din venit. {typed}: scrieți aici suma "
            f"punctajelor acestor ani din raportul de stagiu și {remove}."
        )
    else:
        message = (
            f"{typed}, iar punctajul perioadei {span} îi cuprinde deja: {remove}, ca să nu fie "
            f"numărați de două ori."
        )
    form.span_points.errors = [message]


def _years_text(years: set[int]) -> str:
    """1991, 1992, ..., 2011 → "1991–2011"; gaps listed: "1995, 1998–2000"."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    if len(parts) > LISTED_BAD_LINES:
        parts = [*parts[:LISTED_BAD_LINES], "..."]
    return ", ".join(parts)


def _question_amounts(form: CalculatorForm, estimate: Estimate) -> bool:
    """Amounts that cannot be real, questioned on their box until the person confirms them.

    More than about 5 points in a year is above what the capped contribution allowed; before
    July 2005 money was in old lei, and an amount 10,000 times too big gets the division offered.
    """
    rows = {
        entry.form.year.data: (index, entry.form.amount)
        for index, entry in enumerate(form.rows.entries)
        if entry.form.year.data is not None and entry.form.amount.data is not None
    }
    table_years = []
    for score in estimate.annual_scores:
        if score.score <= PLAUSIBLE_POINTS:
            continue
        if score.year not in rows:
            table_years.append(score.year)
            continue
        index, amount = rows[score.year]
        over = _divisors_text(score.divisors)
        message = (
            f"Verificați suma din {score.year}: {ro.number(amount.data)} lei pe lună, împărțiți "
            f"la {over}{SUPPLEMENTARY_NOTE if score.supplementary else ''}, dau "
            f"{points_text(score.score)} puncte pentru un singur an, iar un an "
            f"are rareori mai mult de 5 puncte."
        )
        if score.year <= LAST_ROL_YEAR:
            converted = amount.data / ROL_PER_RON
            form.rol_offers[index] = ro.number(converted.quantize(Decimal("0.01")))
            message += (
                " Până în iulie 2005 banii erau lei vechi (ROL): dacă suma are patru zerouri "
                "în plus, apăsați „Împărțiți la 10.000” (1 leu nou = 10.000 lei vechi)."
            )
        message += f" Dacă suma este corectă, bifați „{form.confirm_amounts.label.text}”."
        amount.errors = [message]
    if table_years:
        form.income.errors = [
            f"Verificați sumele din tabel pentru {_years_text(set(table_years))}: dau mai mult "
            f"de 5 puncte pe an, iar un an are rareori atât. Pentru anii de până în iulie 2005, "
            f"dacă ați scris suma în lei vechi (ROL), împărțiți-o la 10.000. Dacă sumele sunt "
            f"corecte, bifați „{form.confirm_amounts.label.text}”."
        ]
    for span in _spans(form):
        first, last, points = span
        per_year = points / (last - first + 1)
        if per_year > PLAUSIBLE_POINTS and not form.span_points.errors:
            form.span_points.errors = [
                f"Verificați punctajul: {points_text(points)} puncte pentru {first}–{last} fac "
                f"{points_text(per_year)} puncte pe an, iar un an are rareori mai mult de 5. "
                f"Scrieți suma punctajelor anuale, nu a celor lunare. Dacă este corect, bifați "
                f"„{form.confirm_amounts.label.text}”."
            ]
    form.questioned = bool(form.errors)
    return form.questioned


def _divisors_text(divisors) -> str:
    """One divisor by its description; a year of monthly divisors by their name and range."""
    if len(divisors) <= 2:
        return " / ".join(divisor.description for divisor in divisors)
    low = min(divisor.lei for divisor in divisors)
    high = max(divisor.lei for divisor in divisors)
    name = divisors[0].group or "salariul mediu al lunii"
    return f"{name} pentru fiecare lună (între {ro.number(low)} și {ro.number(high)} lei)"


def _spans(form: CalculatorForm) -> list[tuple[int, int, Decimal]]:
    span = form.span()
    if form.span_points.data is None or span is None:
        return []
    return [(span[0], span[1], form.span_points.data)]


def _without_gap_years(args: MultiDict) -> MultiDict:
    """The rows and the table's lines of the data's gap years taken out, all in one go."""
    gap = _data_gap()
    args = without_row(args, "rows", -1)  # renumbered from 0
    if gap is None:
        return args
    indexes = []
    index = 0
    while f"rows-{index}-year" in args or f"rows-{index}-amount" in args:
        year = parse_year(args.get(f"rows-{index}-year", "").strip())
        if year is not None and gap[0] <= year <= gap[1]:
            indexes.append(index)
        index += 1
    for index in reversed(indexes):
        args = without_row(args, "rows", index)
    tables = args.getlist("income")
    if tables:
        kept = []
        for line in "\n".join(tables).splitlines():
            entry = parse_table_line(line)
            if entry is None or not gap[0] <= int(entry[:4]) <= gap[1]:
                kept.append(line)
        args = args.copy()
        args.setlist("income", ["\n".join(kept)])
    return args


def _in_new_lei(args: MultiDict, index: int) -> MultiDict:
    """Row ``index``'s amount divided by 10,000: from old lei (ROL) to lei (RON)."""
    key = f"rows-{index}-amount"
    amount = parse_amount(args.get(key, "").strip())
    if amount is None or amount < ROL_PER_RON:  # a reload must not divide it again
        return args
    args = args.copy()
    args[key] = ro.number((amount / ROL_PER_RON).quantize(Decimal("0.01")))
    args.pop("confirm_amounts", None)
    return args


def _career_errors(form: CalculatorForm) -> bool:
    rows = any(entry.form.year.errors or entry.form.amount.errors for entry in form.rows.entries)
    span = any(form[name].errors for name in form.SPAN)
    return rows or span or bool(form.points.errors or form.income.errors)


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
    # Commas and colons are allowed in a query: "3.500,50" stays readable in the address.
    return f"{base}?{urlencode(pairs, safe=',:')}" if pairs else base


def explain(estimate: Estimate) -> list[str]:
    """The result in a few plain sentences; the lines below it give every figure and article."""
    if estimate.in_payment is not None:
        return _explain_in_payment(estimate) + _explain_net(estimate)
    sentences = _explain_points(estimate)
    if estimate.survivors is not None:
        sentences.append(_explain_survivors(estimate))
    sentences.append(
        f"Pensia brută este numărul total de puncte înmulțit cu valoarea punctului de referință "
        f"în vigoare la {ro.short_date(estimate.start_date)}, "
        f"{lei_text(estimate.reference_point_value)} lei; fracțiunea de leu se rotunjește în sus."
    )
    return sentences + _explain_early(estimate) + _explain_net(estimate)


def _explain_in_payment(estimate: Estimate) -> list[str]:
    details = estimate.in_payment
    sentences = [
        f"Punctajul total din decizie, {points_text(details.decision_points)} puncte, înmulțit "
        f"cu valoarea punctului de referință de azi ({ro.short_date(details.on_date)}), "
        f"{lei_text(estimate.reference_point_value)} lei, dă {lei_text(details.recalculated)} "
        f"lei ({details.article})."
    ]
    if details.amount_in_payment is not None:
        if details.kept_amount_in_payment:
            sentences.append(
                f"Este mai puțin decât pensia în plată, {lei_text(details.amount_in_payment)} "
                f"lei, care se păstrează până când creșterea punctului dă mai mult (art. 144 "
                f"alin. (6))."
            )
        else:
            sentences.append(
                f"Este cel puțin cât pensia în plată, {lei_text(details.amount_in_payment)} lei: "
                f"se plătește suma nouă (art. 144 alin. (5))."
            )
    return sentences


def _explain_survivors(estimate: Estimate) -> str:
    details = estimate.survivors
    shares = ro.and_list(
        [
            f"{share.who.lower()}, {lei_text(share.gross)} lei brut"
            + (f" fiecare ({ro.count(share.count, 'parte', 'părți')})" if share.count > 1 else "")
            for share in details.shares
        ]
    )
    return (
        f"Pensia de urmaș are {ro.number(details.percent, 0)}% din punctajul susținătorului "
        f"decedat, pentru {ro.count(details.survivors, 'urmaș', 'urmași')} (art. 79 alin. (2)), "
        f"împărțită în părți egale: {shares}. Fiecare urmaș plătește CASS și impozit pe partea "
        f"lui."
    )


def _explain_points(estimate: Estimate) -> list[str]:
    whose = "Susținătorul decedat a adunat" if estimate.survivors is not None else "Ați adunat"
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
    if len(parts) == 1:
        return [f"{whose} {parts[0]}."]
    listed = ro.and_list(parts)
    return [f"{whose} {listed}: în total {points_text(estimate.total_points)} puncte."]


def _explain_early(estimate: Estimate) -> list[str]:
    sentences = []
    if estimate.anticipation_months:
        months = estimate.anticipation_months
        per_month = estimate.early_reduction_percent / months
        sentences.append(
            f"Pensia începe cu {ro.count(months, 'lună', 'luni')} înaintea vârstei standard, deci "
            f"este o pensie anticipată: scade cu {ro.number(per_month, 2)}% pentru fiecare lună, "
            f"adică cu {ro.number(estimate.early_reduction_percent, 2)}%. Așa citim art. 58 "
            f"alin. (3): procentul din tabelul nr. 4 înmulțit cu lunile de anticipare; calculele "
            f"care aplică procentele pe tranșe dau altă sumă."
        )
    return sentences


def _explain_net(estimate: Estimate) -> list[str]:
    sentences = []
    if estimate.survivors is not None and len(estimate.survivors.shares) > 1:
        sentences.append(
            f"Din părțile brute se rețin în total {lei_text(estimate.health_contribution)} lei "
            f"CASS și {lei_text(estimate.income_tax)} lei impozit; urmașii primesc împreună "
            f"{lei_text(estimate.net)} lei."
        )
    elif estimate.health_contribution or estimate.income_tax:
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
