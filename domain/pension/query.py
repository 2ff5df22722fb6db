"""Inputs from query-string parameters, as the page's GET form and the JSON API receive them.

``params`` maps a parameter name to a string or a list of strings (Werkzeug's
``request.args.to_dict(flat=False)`` fits). Empty values count as absent, so an empty form field
does no harm; names the calculation does not use are ignored. Every failure is a
PensionInputError naming the parameter.

Numbers: digits with an optional decimal comma or point (3500, 3500,50, 3500.50); no thousands
separator, so "3.500" is refused instead of being read as 3.5.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeVar

from domain.pension.by_kind import estimate
from domain.pension.errors import PensionInputError
from domain.pension.estimate import Estimate, EstimateInput, IncomeEntry
from domain.pension.history import MAX_PERIODS, PERIOD_PARAMETER, MonthRange
from domain.pension.net import NetResult, check_handicap, net_amount
from domain.pension.periods import Stage, YearMonth
from domain.pension.retirement import RetirementResult, retirement
from domain.pension.spans import PointSpan
from domain.pension.validation import MAX_INCOME_ENTRIES

Params = Mapping[str, str | Sequence[str]]
T = TypeVar("T")

ESTIMATE_PARAMETERS = (
    "start_date",
    "contributory_years",
    "contributory_months",
    "contributory_days",
    "points",
    "income",
    "pillar2_from",
    "assimilated_months",
    "child_care_months",
    "invalidity_grade",
    "potential_months",
    "special_months",
    "deosebite_months",
    "birth_date",
    "sex",
    "children",
    "handicap",
    "handicap_months",
    "visual_months",
    "point_span",
    "assimilated_period",
    "supplementary_fund",
)
# The pension kind and the inputs of the survivor's and in-payment kinds (see ``kinds``).
KIND_PARAMETERS = (
    "kind",
    "orphans",
    "spouse_marriage_months",
    "spouse_birth_date",
    "spouse_sex",
    "spouse_invalidity_grade",
    "death_work_accident",
    "spouse_child_under_7",
    "other_parent_points",
    "own_pension",
    "amount_in_payment",
)
ESTIMATE_PARAMETERS += KIND_PARAMETERS
NET_PARAMETERS = ("gross", "date", "handicap")
RETIREMENT_PARAMETERS = (
    "birth_date",
    "sex",
    "children",
    "contributory_years",
    "contributory_months",
    "contributory_days",
    "special_months",
    "deosebite_months",
    "handicap",
    "handicap_months",
    "visual_months",
)

MAX_TEXT = 100
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_INTEGER = re.compile(r"\d{1,6}")
_AMOUNT = re.compile(r"\d{1,12}(?:[.,]\d{1,2})?")
_POINTS = re.compile(r"\d{1,6}(?:[.,]\d{1,5})?")
_INCOME = re.compile(r"(\d{4})(?:-(\d{2}))?\s*[:=]\s*(\S+)")
_SPAN = re.compile(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?\s*[:=]\s*(\S+)")
_ENTRY_SEPARATORS = re.compile(r"[;\n\r]+")
_GRADES = {"1": 1, "2": 2, "3": 3, "I": 1, "II": 2, "III": 3}
_YES_NO = {"da": True, "1": True, "true": True, "on": True, "nu": False, "0": False, "false": False}


def _values(params: Params, name: str) -> list[str]:
    raw = params.get(name)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    if not all(isinstance(item, str) for item in items):
        raise PensionInputError(name, "Valoare de tip necunoscut.")
    return [item.strip() for item in items if item.strip()]


def _single(params: Params, name: str) -> str | None:
    values = _values(params, name)
    if len(values) > 1:
        raise PensionInputError(name, "Parametrul apare de mai multe ori.")
    if values and len(values[0]) > MAX_TEXT:
        raise PensionInputError(name, "Valoarea este prea lungă.")
    return values[0] if values else None


def parse_date(text: str, name: str) -> date:
    if not _DATE.fullmatch(text):
        raise PensionInputError(name, f"„{text}” nu este o dată; scrieți AAAA-LL-ZZ.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PensionInputError(name, f"Data „{text}” nu există în calendar.") from None


def parse_year_month(text: str, name: str) -> YearMonth:
    match = _YEAR_MONTH.fullmatch(text)
    if not match:
        raise PensionInputError(name, f"„{text}” nu este o lună; scrieți AAAA-LL.")
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise PensionInputError(name, f"Luna „{text}” nu există în calendar.")
    return YearMonth(year, month)


def _number(text: str, name: str, pattern: re.Pattern[str], what: str) -> Decimal:
    if text.startswith("-"):
        raise PensionInputError(name, "Valoarea nu poate fi negativă.")
    if not pattern.fullmatch(text):
        raise PensionInputError(name, f"„{text}” nu este {what}.")
    return Decimal(text.replace(",", "."))


def parse_amount(text: str, name: str) -> Decimal:
    return _number(
        text, name, _AMOUNT, "o sumă în lei (de exemplu 3500 sau 3500,50, fără separator de mii)"
    )


def parse_points(text: str, name: str = "points") -> Decimal:
    return _number(text, name, _POINTS, "un punctaj (de exemplu 31,25412)")


def parse_int(text: str, name: str) -> int:
    if text.startswith("-"):
        raise PensionInputError(name, "Valoarea nu poate fi negativă.")
    if not _INTEGER.fullmatch(text):
        raise PensionInputError(name, f"„{text}” nu este un număr întreg.")
    return int(text)


def parse_income_entry(text: str, name: str = "income") -> IncomeEntry:
    """``2013-05:3500`` (one month) or ``2013:3500`` (monthly average, all 12 months)."""
    match = _INCOME.fullmatch(text.strip())
    if not match:
        raise PensionInputError(
            name, f"„{text[:40]}” nu este un venit; scrieți AAAA-LL:sumă sau AAAA:sumă."
        )
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    if month is not None and not 1 <= month <= 12:
        raise PensionInputError(name, f"Luna {match[1]}-{match[2]} nu există în calendar.")
    return IncomeEntry(year, month, parse_amount(match[3], name))


def parse_point_span(text: str, name: str = "point_span") -> PointSpan:
    """``1991-2011:18.5`` (the points of a span of years) or ``1995:1.2`` (one year)."""
    match = _SPAN.fullmatch(text.strip())
    if not match:
        raise PensionInputError(
            name, f"„{text[:40]}” nu este un punctaj pe ani; scrieți AAAA-AAAA:punctaj."
        )
    first = int(match[1])
    last = int(match[2]) if match[2] else first
    if last < first:
        raise PensionInputError(name, f"Perioada {first}–{last}: primul an este după ultimul.")
    return PointSpan(first, last, parse_points(match[3], name))


def income_from_mapping(income: Mapping[str, Decimal | int | str]) -> tuple[IncomeEntry, ...]:
    """``{"2013-05": 3500, "2014": 4000}`` → income entries (keys YYYY-MM or YYYY)."""
    if len(income) > MAX_INCOME_ENTRIES:
        raise PensionInputError("income", f"Se acceptă cel mult {MAX_INCOME_ENTRIES} venituri.")
    return tuple(parse_income_entry(f"{key}:{value}") for key, value in income.items())


def _optional(params: Params, name: str, parse: Callable[[str, str], T]) -> T | None:
    text = _single(params, name)
    return None if text is None else parse(text, name)


def _stage(params: Params) -> Stage | None:
    """The contributory stage typed as years, months and days, or None when none is typed."""
    parts = [
        _optional(params, name, parse_int)
        for name in ("contributory_years", "contributory_months", "contributory_days")
    ]
    if all(part is None for part in parts):
        return None
    return Stage(*(part or 0 for part in parts))


def estimate_input_from_query(params: Params) -> EstimateInput:
    start = _optional(params, "start_date", parse_date)
    if start is None:
        raise PensionInputError("start_date", "Scrieți data de la care începe pensia.")

    stage = _stage(params)

    entries: list[str] = []
    for value in _values(params, "income"):
        entries.extend(part for part in _ENTRY_SEPARATORS.split(value) if part.strip())
        if len(entries) > MAX_INCOME_ENTRIES:
            raise PensionInputError(
                "income",
                f"Prea multe venituri: se acceptă cel mult {MAX_INCOME_ENTRIES} "
                f"(o carieră de 45 de ani are 540 de luni).",
            )
    income = tuple(parse_income_entry(entry) for entry in entries)

    grade = _grade(params, "invalidity_grade")
    sex = _sex(params, "sex")

    def count(name: str) -> int:
        return _optional(params, name, parse_int) or 0

    supplementary, four_percent = parse_supplementary(params)
    return EstimateInput(
        start_date=start,
        contributory_stage=stage,
        points=_optional(params, "points", parse_points),
        income=income,
        pillar2_from=_optional(params, "pillar2_from", parse_year_month),
        assimilated_months=count("assimilated_months"),
        child_care_months=count("child_care_months"),
        invalidity_grade=grade,
        potential_months=count("potential_months"),
        special_months=count("special_months"),
        deosebite_months=count("deosebite_months"),
        birth_date=_optional(params, "birth_date", parse_date),
        sex=sex,
        children=count("children"),
        handicap=_handicap(params),
        handicap_months=count("handicap_months"),
        visual_months=count("visual_months"),
        kind=_single(params, "kind"),
        orphans=count("orphans"),
        spouse_marriage_months=_optional(params, "spouse_marriage_months", parse_int),
        spouse_birth_date=_optional(params, "spouse_birth_date", parse_date),
        spouse_sex=_sex(params, "spouse_sex"),
        spouse_invalidity_grade=_grade(params, "spouse_invalidity_grade"),
        death_work_accident=_yes_no(params, "death_work_accident"),
        spouse_child_under_7=_yes_no(params, "spouse_child_under_7"),
        other_parent_points=_optional(params, "other_parent_points", parse_points),
        own_pension=_optional(params, "own_pension", parse_amount),
        amount_in_payment=_optional(params, "amount_in_payment", parse_amount),
        point_spans=tuple(parse_point_span(value) for value in _values(params, "point_span")),
        assimilated_periods=parse_periods(params),
        supplementary_fund=supplementary,
        supplementary_fund_4_percent=four_percent,
    )


def _handicap(params: Params) -> str | None:
    """``handicap``: grav, accentuat or mediu (art. 52; Tax Code art. 60 pct. 1 lit. c))."""
    text = _single(params, "handicap")
    return None if text is None else check_handicap(text.lower())


def _grade(params: Params, name: str) -> int | None:
    text = _single(params, name)
    if text is None:
        return None
    grade = _GRADES.get(text.upper())
    if grade is None:
        raise PensionInputError(name, "Gradul de invaliditate este I, II sau III.")
    return grade


def _sex(params: Params, name: str) -> str | None:
    sex = _single(params, name)
    if sex is None:
        return None
    sex = sex.upper()
    if sex not in ("F", "M"):
        raise PensionInputError(name, "Sexul se scrie F (femeie) sau M (bărbat).")
    return sex


def _yes_no(params: Params, name: str) -> bool:
    text = _single(params, name)
    if text is None:
        return False
    answer = _YES_NO.get(text.lower())
    if answer is None:
        raise PensionInputError(name, "Răspundeți cu da sau nu.")
    return answer


_PERIOD = re.compile(r"(\d{4}-\d{2})\s*(?:\.\.|/)\s*(\d{4}-\d{2})")
_SUPPLEMENTARY = {"da": (True, False), "yes": (True, False), "1": (True, False),
                  "nu": (False, False), "no": (False, False), "0": (False, False),
                  "4": (True, True)}  # fmt: skip


def parse_periods(params: Params) -> tuple[MonthRange, ...]:
    """``assimilated_period=1980-09..1985-06`` (repeated, or several joined by ";")."""
    texts: list[str] = []
    for value in _values(params, PERIOD_PARAMETER):
        texts.extend(part.strip() for part in _ENTRY_SEPARATORS.split(value) if part.strip())
        if len(texts) > MAX_PERIODS:
            raise PensionInputError(
                PERIOD_PARAMETER, f"Se acceptă cel mult {MAX_PERIODS} perioade asimilate."
            )
    periods = []
    for text in texts:
        match = _PERIOD.fullmatch(text)
        if not match:
            raise PensionInputError(
                PERIOD_PARAMETER,
                f"„{text[:40]}” nu este o perioadă; scrieți AAAA-LL..AAAA-LL (de exemplu "
                f"1980-09..1985-06).",
            )
        first = parse_year_month(match[1], PERIOD_PARAMETER)
        last = parse_year_month(match[2], PERIOD_PARAMETER)
        periods.append(MonthRange(first, last))
    return tuple(periods)


def parse_supplementary(params: Params) -> tuple[bool, bool]:
    """``supplementary_fund``: da (default), nu, or 4 (contributed 4 %, art. 143(2))."""
    text = _single(params, "supplementary_fund")
    if text is None:
        return True, False
    found = _SUPPLEMENTARY.get(text.strip().lower().rstrip("%"))
    if found is None:
        raise PensionInputError(
            "supplementary_fund",
            "Contribuția la fondul pentru pensia suplimentară se scrie da, nu sau 4 (pentru 4 %).",
        )
    return found


def estimate_from_query(params: Params) -> Estimate:
    return estimate(estimate_input_from_query(params))


def net_from_query(params: Params) -> NetResult:
    gross = _optional(params, "gross", parse_amount)
    if gross is None:
        raise PensionInputError("gross", "Scrieți pensia brută în lei.")
    on = _optional(params, "date", parse_date)
    if on is None:
        raise PensionInputError("date", "Scrieți data plății (AAAA-LL-ZZ).")
    return net_amount(gross, on, _handicap(params))


def retirement_from_query(params: Params) -> RetirementResult:
    birth = _optional(params, "birth_date", parse_date)
    if birth is None:
        raise PensionInputError("birth_date", "Scrieți data nașterii (AAAA-LL-ZZ).")
    sex = _single(params, "sex")
    if sex is None:
        raise PensionInputError("sex", "Alegeți sexul: F (femeie) sau M (bărbat).")
    sex = sex.upper()
    if sex not in ("F", "M"):
        raise PensionInputError("sex", "Sexul se scrie F (femeie) sau M (bărbat).")

    def count(name: str) -> int:
        return _optional(params, name, parse_int) or 0

    # The art. 48, 52 and 53 reductions, as the estimate takes them (see ``reductions``).
    return retirement(
        birth,
        sex,
        count("children"),
        stage=_stage(params),
        special_months=count("special_months"),
        deosebite_months=count("deosebite_months"),
        handicap=_handicap(params),
        handicap_months=count("handicap_months"),
        visual_months=count("visual_months"),
    )
